import DispatchEngine

/// Every call of a session as it went, from the event stream (the world forgets a call once it
/// ends): when it rang, was answered and ended, by whom, how it ended, the incident it made or
/// joined, a transfer, a ring back, and the lines noted on it. What the calls export reads.
public final class CallLog {
    public struct Entry: Sendable, Equatable {
        public var number: Int64
        public var line: Line
        public var rangAt: SimTime
        public var answeredAt: SimTime?
        public var endedAt: SimTime?
        /// "incident", "duplicate", "advice", "transfer", "silent", "abandoned"; nil: still going.
        public var outcome: String?
        /// Who holds it (holding it last, who decided it), as the journal names them:
        /// "person:NAME" or "engine:call-handler-N".
        public var handler: String?
        /// Everyone who held it, in order (more than one when a handler's console was lost).
        public var heldBy: [String] = []
        /// Back in the queue (its handler's console lost), waiting for the next handler.
        public var backInQueue = false
        public var incident: Int64?
        public var transferredTo: Agency?
        /// The other service's reference for a transfer; a partner signposted; a crime number.
        public var partnerReference: String?
        public var signpostedTo: Partner?
        public var crimeNumber: String?
        /// A silent call rung back: whether anyone answered.
        public var calledBack: Bool?
        public var caller: Caller
        /// The caller's name as the call gives it.
        public var name: String
        /// The number shown (nil: withheld) and the kind of line.
        public var cli: String?
        public var phone: CallerPhone.Kind
        public var silent: Bool
        public var notes: [String] = []
        /// A live chat: what the handler typed to the person, in order (the person's side is the
        /// chat's own words).
        public var replies: [String] = []
        /// An abandoned 999 call rung back: when, by whom, whether anyone answered, and how it
        /// ended then ("no answer", "accidental", "incident", ...).
        public var rungBackAt: SimTime?
        public var rungBackBy: String?
        public var rungBackAnswered: Bool?
        public var afterRingBack: String?
    }

    public private(set) var entries: [Entry] = []
    private var open: [CallID: Int] = [:]

    public init() {}

    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self, unowned simulation] time, event in
            self.note(event, at: time, simulation.world, simulation.config) {
                Wording.actor(simulation.actor, person: "person", people: simulation.people)
            }
        }
    }

    /// `by`: who caused the event, as the journal names them ("person:NAME", "engine:call-handler-2").
    private func note(_ event: Event, at time: SimTime, _ world: World, _ config: WorldConfig, by: () -> String) {
        func update(_ id: CallID, _ change: (inout Entry) -> Void) {
            guard let i = open[id] else { return }
            change(&entries[i])
        }
        switch event {
        case let .callArrived(id, number, line, draw):
            open[id] = entries.count
            let phone = CallerPhone.of(number: number, line: line, draw: draw, config: config)
            entries.append(Entry(number: number, line: line, rangAt: time, caller: draw.caller, name: CallerDetails.givenName(draw, config) ?? CallerDetails.nameNotGiven,
                                 cli: phone.kind == .online ? CallerDetails.email(draw, config) : CallerDetails.number(draw, line: phone, config),
                                 phone: phone.kind, silent: draw.silent))
        case let .callAnswered(id, handler):
            // Answered once (a call back in the queue is answered again by its next holder).
            update(id) { e in
                e.answeredAt = e.answeredAt ?? time
                e.handler = by()
                e.heldBy.append(e.handler!)
                e.backInQueue = false
            }
        case let .callReturned(id, _):
            let ringBack = world.call(id)?.ringBack ?? false
            update(id) {
                let who = ($0.handler ?? $0.rungBackBy).flatMap(Wording.who) ?? "the handler"
                if ringBack {
                    $0.notes.append("ring back cut off: \(who)'s console was lost; back on the callback list")
                } else {
                    $0.notes.append("back in the queue: \(who)'s console was lost")
                    $0.backInQueue = true
                }
            }
            if ringBack { open[id] = nil }
        case let .rungBack(id, number, handler, answered):
            guard let i = entries.lastIndex(where: { $0.number == number }) else { break }
            open[id] = i
            update(id) { $0.rungBackAt = time; $0.rungBackBy = by(); $0.rungBackAnswered = answered }
        case let .callAbandoned(id):
            update(id) { $0.endedAt = time; $0.outcome = "abandoned" }
            open[id] = nil
        case let .callHandled(id, outcome, incident):
            let reference = incident.flatMap { world.incident($0)?.reference }
            update(id) {
                if $0.rungBackAt != nil { $0.afterRingBack = Self.outcome(outcome) } else {
                    $0.endedAt = time
                    $0.outcome = Self.outcome(outcome)
                }
                $0.incident = reference ?? $0.incident
            }
            open[id] = nil
        case let .callTransferred(id, agency, reference): update(id) { $0.transferredTo = agency; $0.partnerReference = reference }
        case let .callSignposted(id, partner): update(id) { $0.signpostedTo = partner }
        case let .crimeRecorded(incident, number):
            if let reference = world.incident(incident)?.reference, let i = entries.lastIndex(where: { $0.incident == reference }) {
                entries[i].crimeNumber = number
            }
        case let .calledBack(id, answered): update(id) { $0.calledBack = answered }
        case let .callNoted(id, text): update(id) { $0.notes.append(text) }
        case let .chatReplied(id, text): update(id) { $0.replies.append(text) }
        case let .incidentCreated(_, opening) where opening.assisting == nil:
            // The call is still with its handler when its incident is created.
            if let id = open.first(where: { entries[$0.value].number == opening.callNumber })?.key {
                update(id) { $0.incident = opening.reference }
            }
        default: break
        }
    }

    public static func outcome(_ o: CallOutcome) -> String {
        switch o {
        case .incident: return "incident"
        case .duplicate: return "duplicate"
        case .advice: return "advice"
        case .transfer: return "transfer"
        case .silentNoResponse: return "silent"
        case .noAnswer: return "no answer"
        case .accidental: return "accidental"
        case .crimeReport: return "crime report"
        case .signposted: return "signposted"
        case .rightCare: return "right care right person"
        }
    }
}
