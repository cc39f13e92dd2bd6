import DispatchEngine

/// The audit's own book of a night, kept from the journal's raw events in order: every call and
/// incident as facts with times and who did them. Written apart from `Statistics`, the read
/// model and the debrief, with its own rules stated here once, so that where they disagree with
/// it one of the two is wrong and the audit says which figure.
///
/// The rules (docs/report.md, "Where each figure comes from"):
/// - an incident's target is its opening time plus the target of its grade at the moment
///   judged, urban or rural by where it is then;
/// - it is attended when its first unit still counted (a send not withdrawn) reached it; it
///   met its target if that was by the target; once its target passes while it is open and
///   nobody has reached it, it has missed, from that moment;
/// - only an incident's first life is judged (a reopened one was judged when it first opened),
///   and an officer's urgent assistance is judged apart from the grades;
/// - a caller is judged on the 10 seconds once answered, gone, or ringing 10 s or more.
public final class NightBook {
    public struct Send: Equatable {
        public var unit: UnitIndex
        public var at: SimTime
        public var by: String
        /// Taken back as a mistake (undone): as if never sent.
        public var withdrawn = false
        /// Diverted here from another job.
        public var diverted = false
    }

    public struct Arrival: Equatable {
        public var unit: UnitIndex
        public var at: SimTime
        public var withdrawn = false
    }

    public struct IncidentFacts {
        public var reference: Int64
        public var openedAt: SimTime
        public var line: Line
        public var callNumber: Int64
        public var type: Int32
        public var firstGrade: Grade
        public var grade: Grade
        public var place: Int32
        public var assisting: UnitIndex?
        public var openedBy: String
        /// Grades given after opening, with when.
        public var regrades: [(at: SimTime, grade: Grade)] = []
        public var sends: [Send] = []
        /// Units that reached it; an arrival on a send later withdrawn is marked so.
        public var arrivals: [Arrival] = []
        public var results: [(unit: UnitIndex, at: SimTime, result: JobResult)] = []
        public var warned: [UnitIndex] = []
        public var duplicates = 0
        public var stacked = false
        public var closedAt: SimTime?
        public var closingType: Int32?
        public var result: JobResult?
        public var closedBy: String?
        /// Opened again after closing: its second life is not judged again.
        public var reopenedAt: SimTime?
        public var closes = 0

        /// The grade it had at `time`.
        public func grade(at time: SimTime) -> Grade {
            regrades.last { $0.at <= time }?.grade ?? firstGrade
        }
        /// Units sent and not withdrawn, in the order sent.
        public var unitsSent: [UnitIndex] { sends.filter { !$0.withdrawn }.map(\.unit) }
        /// The first send still counted.
        public var firstSent: Send? { sends.first { !$0.withdrawn } }
        /// The first arrival of a unit whose send still counts (an arrival by a withdrawn send
        /// never happened as far as the record goes).
        public var firstArrival: SimTime? { arrivals.filter { !$0.withdrawn }.map(\.at).min() }
    }

    public struct CallFacts {
        public var number: Int64
        public var line: Line
        public var rangAt: SimTime
        public var silent: Bool
        public var answeredAt: SimTime?
        /// Who answered it: "engine:call-handler-N" or "person:NAME".
        public var answeredBy: String?
        public var abandonedAt: SimTime?
        public var endedAt: SimTime?
        public var outcome: CallOutcome?
        public var incident: Int64?
        public var decidedBy: String?
        public var rungBackAt: SimTime?
        public var rungBackBy: String?
        /// Everyone who held it, and how often it went back to the queue (a console lost).
        public var heldBy: [String] = []
        public var returned = 0
    }

    public let config: WorldConfig
    public private(set) var incidents: [Int64: IncidentFacts] = [:]
    public private(set) var incidentOrder: [Int64] = []
    public private(set) var calls: [Int64: CallFacts] = [:]
    public private(set) var callOrder: [Int64] = []
    public private(set) var now: SimTime = 0

    /// Live handles to what they stand for (the engine reuses slots).
    private var callNumber: [CallID: Int64] = [:]
    private var incidentReference: [IncidentID: Int64] = [:]
    private var unitStatus: [UnitStatus]
    private var unitShiftStart: [SimTime?]
    private var refsOwed: [Bool]
    /// A unit just taken off a job: its next send is a divert.
    private var detachedJustNow: UnitIndex?

    // Counters the report states.
    public private(set) var transmissions = 0
    public private(set) var backupRequests = 0
    public private(set) var emergencies = 0
    public private(set) var prisoners = 0
    public private(set) var diversions = 0
    public private(set) var breaksOwed = 0
    public private(set) var breaksStarted = 0
    /// Breaks started more than six hours into the shift (Police Regulations: ideally between
    /// the third and the sixth hour).
    public private(set) var breaksLate = 0
    public private(set) var breaksInterrupted = 0
    public private(set) var breaksMissed = 0
    public private(set) var callbacksListed = 0
    public private(set) var rungBack = 0

    public init(config: WorldConfig) {
        self.config = config
        unitStatus = Array(repeating: .offDuty, count: config.units.count)
        unitShiftStart = Array(repeating: nil, count: config.units.count)
        refsOwed = Array(repeating: false, count: config.units.count)
    }

    /// Whether a place is in a rural area (a world without a map is urban).
    func rural(_ place: Int32) -> Bool {
        guard config.places.indices.contains(Int(place)) else { return false }
        let area = config.places[Int(place)].area
        return config.areas.indices.contains(area) && config.areas[area].rural
    }

    /// The target time of an incident judged at `time` (nil: its grade has none).
    public func target(_ i: IncidentFacts, at time: SimTime) -> SimTime? {
        if i.assisting != nil { return nil }
        let grade = i.grade(at: time)
        let t = config.targets
        let span: SimTime?
        switch grade {
        case .immediate: span = rural(i.place) ? t.immediateRural : t.immediateUrban
        case .priority: span = t.priority
        case .scheduled: span = t.scheduled
        case .resolution: span = nil
        }
        return span.map { i.openedAt + $0 }
    }

    /// Reads one event, as recorded at `time` by `actor`.
    public func read(_ event: Event, at time: SimTime, actor: String) {
        now = time
        func incident(_ id: IncidentID, _ change: (inout IncidentFacts) -> Void) {
            guard let reference = incidentReference[id], var facts = incidents[reference] else { return }
            change(&facts)
            incidents[reference] = facts
        }
        func call(_ id: CallID, _ change: (inout CallFacts) -> Void) {
            guard let number = callNumber[id], var facts = calls[number] else { return }
            change(&facts)
            calls[number] = facts
        }
        switch event {
        case let .callArrived(id, number, line, draw):
            callNumber[id] = number
            calls[number] = CallFacts(number: number, line: line, rangAt: time, silent: draw.silent)
            callOrder.append(number)
        case let .callAnswered(id, _):
            // The first answer is the call's; whoever answers last holds it.
            call(id) { $0.answeredAt = $0.answeredAt ?? time; $0.answeredBy = actor; $0.heldBy.append(actor) }
        case let .callReturned(id, _):
            call(id) { $0.returned += 1 }
        case let .callAbandoned(id):
            call(id) { $0.abandonedAt = time; $0.endedAt = time }
            if let number = callNumber[id], calls[number]?.line == .emergency, config.ringBackAbandoned { callbacksListed += 1 }
            callNumber[id] = nil
        case let .rungBack(id, number, _, _):
            callNumber[id] = number
            rungBack += 1
            if var facts = calls[number] { facts.rungBackAt = time; facts.rungBackBy = actor; calls[number] = facts }
        case let .callHandled(id, outcome, incidentID):
            let reference = incidentID.flatMap { incidentReference[$0] }
            call(id) { c in
                if c.rungBackAt == nil { c.endedAt = time }
                c.outcome = outcome
                c.decidedBy = actor
                c.incident = reference ?? c.incident
            }
            if outcome == .duplicate, let incidentID { incident(incidentID) { $0.duplicates += 1 } }
            callNumber[id] = nil
        case let .incidentCreated(id, o):
            incidentReference[id] = o.reference
            incidents[o.reference] = IncidentFacts(reference: o.reference, openedAt: time, line: o.line, callNumber: o.callNumber,
                                                   type: o.type, firstGrade: o.grade, grade: o.grade, place: o.place,
                                                   assisting: o.assisting, openedBy: actor)
            incidentOrder.append(o.reference)
            // The call is still with its handler: it made this incident.
            if o.assisting == nil, var c = calls[o.callNumber] { c.incident = o.reference; calls[o.callNumber] = c }
        case let .incidentReopened(id, o):
            incidentReference[id] = o.reference
            if var facts = incidents[o.reference] {
                facts.reopenedAt = facts.reopenedAt ?? time
                facts.closedAt = nil
                facts.grade = o.grade
                facts.regrades.append((time, o.grade))
                incidents[o.reference] = facts
            }
        case let .incidentRegraded(id, grade):
            incident(id) { $0.grade = grade; $0.regrades.append((time, grade)) }
        case let .incidentRelocated(id, place):
            incident(id) { $0.place = place }
        case let .incidentStacked(id, _):
            incident(id) { $0.stacked = true }
        case let .unitArrived(unit, id):
            incident(id) { $0.arrivals.append(Arrival(unit: unit, at: time)) }
        case let .sendWithdrawn(unit, id):
            // Undone: the unit's latest send, and any arrival it made, never counted.
            incident(id) { i in
                guard let k = i.sends.lastIndex(where: { $0.unit == unit && !$0.withdrawn }) else { return }
                i.sends[k].withdrawn = true
                for a in i.arrivals.indices where i.arrivals[a].unit == unit && i.arrivals[a].at >= i.sends[k].at {
                    i.arrivals[a].withdrawn = true
                }
            }
        case let .arrivalWithdrawn(unit, id, _):
            // Its arrival on its latest send, if it had one (a booking made early had none).
            incident(id) { i in
                guard let sent = i.sends.last(where: { $0.unit == unit && !$0.withdrawn })?.at else { return }
                if let a = i.arrivals.lastIndex(where: { $0.unit == unit && !$0.withdrawn && $0.at >= sent }) { i.arrivals[a].withdrawn = true }
            }
        case let .unitCleared(unit, id, result):
            incident(id) { $0.results.append((unit, time, result)) }
        case let .warningsPassed(id, unit):
            incident(id) { if !$0.warned.contains(unit) { $0.warned.append(unit) } }
        case let .incidentClosed(id, closingType, result):
            incident(id) { i in
                i.closedAt = time; i.closingType = closingType; i.result = result; i.closedBy = actor; i.closes += 1
            }
            incidentReference[id] = nil
        case let .unitAssigned(unit, id, _, _, _):
            let diverted = detachedJustNow == unit
            detachedJustNow = nil
            incident(id) { $0.sends.append(Send(unit: unit, at: time, by: actor, diverted: diverted)) }
        case .unitDetached(let unit, _):
            diversions += 1
            detachedJustNow = unit
        case let .unitStatusChanged(unit, status):
            let was = unitStatus[Int(unit)]
            unitStatus[Int(unit)] = status
            if status == .emergency && was != .emergency { emergencies += 1 }
            if status == .prisonerEscort { prisoners += 1 }
            if status == .refreshments && was != .refreshments {
                breaksStarted += 1
                if let start = unitShiftStart[Int(unit)], time - start > 6 * Clock.hour { breaksLate += 1 }
            }
        case let .unitShiftStarted(unit, endsAt, refs, _):
            // The shift began its length before it ends (a unit on duty when the run starts began
            // its shift before the run did).
            let length = config.units[Int(unit)].shift?.length
            unitShiftStart[Int(unit)] = length.map { endsAt - $0 } ?? time
            if refs > 0 { breaksOwed += 1; refsOwed[Int(unit)] = true }
        case let .unitShiftEnded(unit):
            if refsOwed[Int(unit)] { breaksMissed += 1 }
            refsOwed[Int(unit)] = false
        case let .refreshmentsTaken(unit):
            refsOwed[Int(unit)] = false
        case let .refreshmentsInterrupted(unit, owed):
            breaksInterrupted += 1
            refsOwed[Int(unit)] = owed > 0
        case let .radio(t):
            transmissions += 1
            if t.message == .backupRequested { backupRequests += 1 }
        default:
            break
        }
    }
}
