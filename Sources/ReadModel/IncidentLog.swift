import DispatchEngine

/// Every incident of a session as it went, from the event stream (the world forgets an incident
/// once it is closed): its figures, its narrative, the places it happened at and the calls that
/// opened it. The one projection of incidents that the console (records, place history), the
/// exports and the debrief read.
public final class IncidentLog {
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
        /// Deadline for the first unit at scene; nil: none (grade 4, or not yet known).
        public var targetAt: SimTime?
        public var firstAssignedAt: SimTime?
        public var firstArrivedAt: SimTime?
        public var unitsSent: [UnitIndex] = []
        public var duplicateCalls = 0
        public var hasWarnings = false
        /// Units the address's warnings were passed to.
        public var warnedUnits: [UnitIndex] = []
        public var closedAt: SimTime?
        public var closingType: Int32?
        public var result: JobResult?
        public var openedBy: String
        public var assessed = false
        public var notes = 0
        /// Urgent assistance for this officer (an officer's emergency, above every grade).
        public var assisting: UnitIndex?
        /// Its story, fact by fact, from opening to closing.
        public var narrative: [NarrativeEntry] = []
        /// Met its attendance target (nil: no target, or not attended yet and not yet late).
        public func metTarget(at now: SimTime) -> Bool? {
            Attendance.met(target: targetAt, firstArrival: firstArrivedAt, now: now)
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
    /// How the person's actions are named in `openedBy`.
    let person: String

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
        func tell(_ id: IncidentID, _ fact: NarrativeEntry.Fact) {
            update(id) { $0.narrative.append(NarrativeEntry(time: time, fact: fact)) }
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
                                 openedBy: Wording.actor(simulation.actor, person: person, people: simulation.people), assisting: o.assisting))
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
        case let .incidentStacked(id, reason): tell(id, .stacked(reason))
        case let .incidentRegraded(id, grade):
            update(id) {
                $0.grade = grade
                $0.targetAt = world.incident(id)?.targetAt
            }
            tell(id, .regraded(grade))
        case let .incidentAssessed(id, assessment):
            update(id) { $0.assessed = true }
            tell(id, .assessed(assessment))
        case let .agencyInformed(id, agency, reference): tell(id, .agencyInformed(agency, reference: reference))
        case let .crimeRecorded(id, number): tell(id, .crimeRecorded(number: number))
        case let .incidentRelocated(id, place):
            update(id) { $0.place = place }
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
        case let .unitStoodDown(unit, id): tell(id, .unitStoodDown(unit))
        case let .emergencyAcknowledged(unit):
            if let id = world.units[Int(unit)].incident { tell(id, .emergencyAcknowledged(unit)) }
        case let .unitAssigned(unit, id, _, from, to):
            update(id) {
                if $0.firstAssignedAt == nil { $0.firstAssignedAt = time }
                $0.unitsSent.append(unit)
            }
            // The estimate the recommendation showed, not the journey's own time (which only
            // the arrival tells): what the dispatcher saw is what the record says.
            let grade = world.incident(id)?.grade ?? .scheduled
            tell(id, .unitDeployed(unit, eta: simulation.estimatedTravel(unit: unit, from: from, to: to, grade: grade)))
        case let .unitDetached(unit, id): tell(id, .unitTakenOff(unit))
        case let .unitArrived(unit, id):
            update(id) { if $0.firstArrivedAt == nil { $0.firstArrivedAt = time } }
            tell(id, .unitAtScene(unit))
        case let .unitCleared(unit, id, result):
            // The engine keeps the most significant result reported.
            update(id) { $0.result = world.incident(id)?.result ?? $0.result }
            tell(id, .unitResult(unit, result))
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
            tell(id, .reopened(by: Wording.actor(simulation.actor, person: person, people: simulation.people)))
        case let .referenceNoted(reference, text):
            guard let i = byReference[reference] else { return }
            entries[i].notes += 1
            entries[i].narrative.append(NarrativeEntry(time: time, fact: .note(text)))
        case let .incidentDeferred(id, until): tell(id, .deferred(until: until))
        case let .deferralEnded(id): tell(id, .backFromLater)
        case let .incidentClosed(id, closingType, result):
            tell(id, .closed(closingType: closingType, result: result))
            update(id) {
                $0.closedAt = time
                $0.closingType = closingType
                $0.result = result ?? $0.result
            }
            open[id] = nil
        default: break
        }
    }
}
