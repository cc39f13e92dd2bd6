import DispatchEngine

/// The room's ledger of incidents: every incident of the session as it went, from the event
/// stream (the world forgets an incident once it is closed): its units sent, arrived, taken off
/// and withdrawn, its one result and close, and who did each. The one projection of incidents
/// that the record, the place history, the exports, the report's people and the debrief read.
/// A fact withdrawn (an undo) is withdrawn here, so from every view at once.
public final class IncidentLog {
    /// One unit sent to the incident, from the send to its leaving.
    public struct Send: Sendable, Equatable {
        public enum Leaving: Sendable, Equatable {
            case cleared(JobResult), stoodDown, takenOff
        }
        public var unit: UnitIndex
        public var at: SimTime
        /// Who sent it ("person:NAME", "engine:dispatcher").
        public var by: String
        /// Diverted here from that incident (its reference).
        public var divertedFrom: Int64?
        /// When it got there (nil: not yet, or its arrival was withdrawn), and whether that was
        /// within the target as it stood then.
        public var arrivedAt: SimTime?
        public var arrivedMet = false
        /// Booked at scene by control before it got there: when, and by whom.
        public var bookedAtScene: (at: SimTime, by: String)?
        public var leftAt: SimTime?
        public var leaving: Leaving?
        /// Undone as a mistake: counted nowhere.
        public var withdrawn = false

        public static func == (a: Send, b: Send) -> Bool {
            a.unit == b.unit && a.at == b.at && a.by == b.by && a.divertedFrom == b.divertedFrom && a.arrivedAt == b.arrivedAt
                && a.bookedAtScene?.at == b.bookedAtScene?.at && a.bookedAtScene?.by == b.bookedAtScene?.by
                && a.leftAt == b.leftAt && a.leaving == b.leaving && a.withdrawn == b.withdrawn
        }
    }

    public struct Entry: Sendable, Equatable {
        public var id: IncidentID
        public var reference: Int64
        public var openedAt: SimTime
        public var line: Line
        public var callNumber: Int64
        public var type: Int32
        public var firstGrade: Grade
        public var grade: Grade
        public var place: Int32
        /// Deadline for the first unit at scene; nil: none (grade 4, urgent assistance).
        public var targetAt: SimTime?
        /// Every unit sent, in order, withdrawn ones marked.
        public var sends: [Send] = []
        public var duplicateCalls = 0
        /// Joined to this incident as its duplicate (its reference).
        public var linkedInto: Int64?
        /// Its first life ended closed as a duplicate, then: not judged from that time on.
        public var duplicateAt: SimTime?
        /// How many times it was closed (a reopened one is closed again).
        public var closes = 0
        public var hasWarnings = false
        /// Units the address's warnings were passed to.
        public var warnedUnits: [UnitIndex] = []
        public var closedAt: SimTime?
        public var closingType: Int32?
        /// The incident's one result: what it was closed with (units' own results are in `sends`).
        public var result: JobResult?
        public var openedBy: String
        public var closedBy: String?
        public var assessed = false
        public var notes = 0
        /// Urgent assistance for this officer (an officer's emergency, above every grade).
        public var assisting: UnitIndex?
        /// Re-graded after its target passed with nobody there: it missed, whatever came after.
        public var missedBeforeRegrade = false
        /// Its story, fact by fact, from opening to closing.
        public var narrative: [NarrativeEntry] = []

        /// Units sent and still counted, in the order sent.
        public var unitsSent: [UnitIndex] { sends.filter { !$0.withdrawn }.map(\.unit) }
        /// The first send still counted.
        public var firstAssignedAt: SimTime? { sends.first { !$0.withdrawn }?.at }
        /// Who made it.
        public var dispatchedBy: String? { sends.first { !$0.withdrawn }?.by }
        /// When its first unit (of those still counted) got there.
        public var firstArrivedAt: SimTime? { sends.filter { !$0.withdrawn }.compactMap(\.arrivedAt).min() }
        /// Met its attendance target (nil: no target, or not attended yet and not yet late), as
        /// judged when its first unit got there, or when its target passed with nobody there.
        public func metTarget(at now: SimTime) -> Bool? {
            if let d = duplicateAt, d <= now { return nil }
            if let first = sends.filter({ !$0.withdrawn && $0.arrivedAt != nil }).min(by: { $0.arrivedAt! < $1.arrivedAt! }) {
                return first.arrivedMet
            }
            if missedBeforeRegrade { return false }
            return Attendance.met(target: targetAt, firstArrival: nil, now: min(now, closedAt ?? now))
        }
    }

    public private(set) var entries: [Entry] = []
    /// Open incidents (events change them); every incident ever (handles are never reused with
    /// the same generation); by reference, by place and by the call that opened it.
    private var open: [IncidentID: Int] = [:]
    private var byHandle: [IncidentID: Int] = [:]
    private var byReference: [Int64: Int] = [:]
    private var byPlace: [Int32: [Int]] = [:]
    private var byCall: [Int64: Int] = [:]
    /// How the person's actions are named in `openedBy` (a console's one person without a name).
    let person: String
    /// A unit just taken off a job, and that job's reference: its next send is a divert.
    private var pendingDivert: (unit: UnitIndex, from: Int64?)?

    public init(person: String = "person") { self.person = person }

    /// Follows `simulation` from now on. The simulation keeps this alive while it runs (no
    /// cycle: the simulation owns the observer, which does not own the simulation).
    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self, unowned simulation] time, event in
            self.note(event, at: time, simulation: simulation)
        }
    }

    public func entry(reference: Int64) -> Entry? {
        byReference[reference].map { entries[$0] }
    }

    /// The narrative of an incident, open or closed.
    public func narrative(of id: IncidentID) -> [NarrativeEntry] {
        byHandle[id].map { entries[$0].narrative } ?? []
    }

    /// The latest incidents opened at a place, oldest first.
    public func previous(at place: Int32, last count: Int = 6) -> [Entry] {
        (byPlace[place] ?? []).suffix(count).map { entries[$0] }
    }

    /// The reference of the incident a call opened, if it opened one.
    public func reference(openedBy callNumber: Int64) -> Int64? {
        byCall[callNumber].map { entries[$0].reference }
    }

    /// Incidents still open.
    public var openCount: Int { open.count }

    private func note(_ event: Event, at time: SimTime, simulation: Simulation) {
        func update(_ id: IncidentID, _ change: (inout Entry) -> Void) {
            guard let i = open[id] else { return }
            change(&entries[i])
        }
        // Who caused it, as the journal names them; nobody for what the world does.
        func by() -> String? {
            simulation.actor == .world ? nil : Wording.actor(simulation.actor, person: person, people: simulation.people)
        }
        func tell(_ id: IncidentID, _ fact: NarrativeEntry.Fact) {
            update(id) { $0.narrative.append(NarrativeEntry(time: time, fact: fact, by: by())) }
        }
        /// The unit's latest send still counted on the incident.
        func send(_ id: IncidentID, _ unit: UnitIndex, _ change: (inout Send) -> Void) {
            update(id) { e in
                if let k = e.sends.lastIndex(where: { $0.unit == unit && !$0.withdrawn }) { change(&e.sends[k]) }
            }
        }
        let world = simulation.world
        switch event {
        case let .incidentCreated(id, o):
            let record = world.incident(id)
            let i = entries.count
            open[id] = i; byHandle[id] = i; byReference[o.reference] = i
            if o.assisting == nil { byCall[o.callNumber] = i }
            byPlace[o.place, default: []].append(i)
            entries.append(Entry(id: id, reference: o.reference, openedAt: time, line: o.line,
                                 callNumber: o.callNumber, type: o.type, firstGrade: o.grade,
                                 grade: o.grade, place: o.place, targetAt: record?.targetAt,
                                 hasWarnings: record?.hasWarnings ?? false,
                                 openedBy: by() ?? "world", assisting: o.assisting))
            if let officer = o.assisting {
                tell(id, .assistanceRaised(officer, linkedTo: o.linkedTo.flatMap { byHandle[$0] }.map { entries[$0].reference }))
                return
            }
            // The call is still with its handler when the incident is created.
            let caller = world.calls.live.first { $0.element.number == o.callNumber }.map { CallerDetails.described($0.element, simulation.config) }
            tell(id, .opened(reference: o.reference, callNumber: o.callNumber, line: o.line, grade: o.grade,
                             type: o.type, caller: caller))
        case let .callHandled(_, .duplicate, id?):
            update(id) { $0.duplicateCalls += 1 }
            tell(id, .duplicateCallLinked)
        case let .incidentLinked(id, kept):
            guard let d = byHandle[id], let k = byHandle[kept] else { return }
            let callers = entries[d].duplicateCalls + 1
            entries[d].linkedInto = entries[k].reference
            entries[k].duplicateCalls += callers
            tell(id, .linkedAsDuplicate(of: entries[k].reference))
            tell(kept, .duplicateJoined(entries[d].reference, callers: callers))
        case let .incidentStacked(id, reason): tell(id, .stacked(reason))
        case let .incidentRegraded(id, grade):
            update(id) {
                $0.grade = grade
                $0.targetAt = world.incident(id)?.targetAt
                $0.missedBeforeRegrade = (world.incident(id)?.missedUnder ?? 0) != 0
            }
            tell(id, .regraded(grade))
        case let .incidentAssessed(id, assessment):
            update(id) { $0.assessed = true }
            tell(id, .assessed(assessment))
        case let .agencyInformed(id, agency, reference): tell(id, .agencyInformed(agency, reference: reference))
        case let .crimeRecorded(id, number): tell(id, .crimeRecorded(number: number))
        case let .incidentRelocated(id, place):
            update(id) { $0.place = place; $0.targetAt = world.incident(id)?.targetAt }
            if let i = byHandle[id] { byPlace[place, default: []].append(i) }
            tell(id, .relocated(place: place))
        case let .radio(t) where t.message == .nothingFound:
            if let id = t.incident { tell(id, .nothingFound(t.unit)) }
        case let .noteAdded(id, text):
            update(id) { $0.notes += 1 }
            tell(id, .note(text))
        case let .warningsPassed(id, unit):
            update(id) { if !$0.warnedUnits.contains(unit) { $0.warnedUnits.append(unit) } }
            tell(id, .warningsPassed(unit))
        case let .unitStoodDown(unit, id):
            send(id, unit) { $0.leftAt = time; $0.leaving = .stoodDown }
            tell(id, .unitStoodDown(unit))
        case let .emergencyAcknowledged(unit):
            if let id = world.units[Int(unit)].incident { tell(id, .emergencyAcknowledged(unit)) }
        case let .unitAssigned(unit, id, _, from, to):
            let from2 = pendingDivert.flatMap { $0.unit == unit ? $0.from : nil }
            pendingDivert = nil
            update(id) { $0.sends.append(Send(unit: unit, at: time, by: by() ?? "world", divertedFrom: from2)) }
            // The estimate the recommendation showed, not the journey's own time (which only
            // the arrival tells): what the dispatcher saw is what the record says.
            let grade = world.incident(id)?.grade ?? .scheduled
            tell(id, .unitDeployed(unit, eta: simulation.estimatedTravel(unit: unit, from: from, to: to, grade: grade)))
        case let .unitDetached(unit, id):
            send(id, unit) { $0.leftAt = time; $0.leaving = .takenOff }
            pendingDivert = (unit, open[id].map { entries[$0].reference })
            tell(id, .unitTakenOff(unit))
        case let .unitArrived(unit, id):
            let met = world.visits(of: id).last { $0.unit == unit }?.arrivedMet ?? false
            send(id, unit) { $0.arrivedAt = time; $0.arrivedMet = met }
            tell(id, .unitAtScene(unit))
        case let .arrivalBooked(unit, id, dueAt):
            send(id, unit) { $0.bookedAtScene = (time, by() ?? "world") }
            let left = simulation.stillToGo(unit)
            tell(id, .bookedAtScene(unit, km: left?.km ?? 0, early: dueAt - time))
        case let .sendWithdrawn(unit, id):
            send(id, unit) { $0.withdrawn = true; $0.leftAt = time }
            tell(id, .sendWithdrawn(unit))
        case let .arrivalWithdrawn(unit, id, _):
            send(id, unit) { $0.arrivedAt = nil; $0.bookedAtScene = nil }
            tell(id, .arrivalWithdrawn(unit))
        case let .unitCleared(unit, id, result):
            // The first to clear gives the incident's result; the rest clear with it.
            let given = open[id].map { entries[$0].sends.contains { if case .cleared = $0.leaving { true } else { false } } } ?? false
            send(id, unit) { $0.leftAt = time; $0.leaving = .cleared(result) }
            tell(id, given ? .unitCleared(unit) : .unitResult(unit, result))
        case let .unitsNotNeeded(id): tell(id, .unitsNotNeeded)
        case let .unitsRequested(id, count, _): tell(id, .unitsRequested(count))
        case let .radio(t):
            if let id = t.incident, t.message == .backupRequested { tell(id, .backupRequested(t.unit)) }
            if let id = t.incident, t.message == .urgentAssistance { tell(id, .urgentAssistance(t.unit)) }
        case let .incidentReopened(id, o):
            guard let i = byReference[o.reference] else { return }
            // The same record goes on: its story, its units, its calls.
            open[id] = i; byHandle[id] = i
            entries[i].id = id
            entries[i].closedAt = nil
            entries[i].grade = o.grade
            // Its attendance was judged when it first opened; that stands.
            entries[i].closedBy = nil
            entries[i].result = nil
            tell(id, .reopened(by: by() ?? "world"))
        case let .referenceNoted(reference, text):
            guard let i = byReference[reference] else { return }
            entries[i].notes += 1
            entries[i].narrative.append(NarrativeEntry(time: time, fact: .note(text), by: by()))
        case let .incidentDeferred(id, until): tell(id, .deferred(until: until))
        case let .deferralEnded(id): tell(id, .backFromLater)
        case let .incidentClosed(id, closingType, result):
            tell(id, .closed(closingType: closingType, result: result))
            update(id) {
                if $0.closes == 0 && result == .duplicate { $0.duplicateAt = time }
                $0.closes += 1
                $0.closedAt = time
                $0.closingType = closingType
                $0.result = result
                $0.closedBy = by() ?? "world"
            }
            open[id] = nil
        default: break
        }
    }
}
