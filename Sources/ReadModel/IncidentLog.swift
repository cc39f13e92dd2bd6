import DispatchEngine

/// Every incident of a session as it went, kept from the event stream (the world forgets an
/// incident once it is closed): for the incidents export and the debrief.
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
        /// Met its attendance target (nil: no target, or not attended yet and not yet late).
        public func metTarget(at now: SimTime) -> Bool? {
            guard let targetAt else { return nil }
            if let arrived = firstArrivedAt { return arrived <= targetAt }
            return now > targetAt ? false : nil
        }
    }

    public private(set) var entries: [Entry] = []
    private var byID: [IncidentID: Int] = [:]

    public init() {}

    /// Follows `simulation` from now on. `person`: how the person's actions are named.
    public func attach(to simulation: Simulation, person: String = "person") {
        simulation.observers.append { [unowned self] time, event in
            self.note(event, at: time, simulation: simulation, person: person)
        }
    }

    public func entry(reference: Int64) -> Entry? {
        entries.first { $0.reference == reference }
    }

    private func note(_ event: Event, at time: SimTime, simulation: Simulation, person: String) {
        func update(_ id: IncidentID, _ change: (inout Entry) -> Void) {
            guard let i = byID[id] else { return }
            change(&entries[i])
        }
        switch event {
        case let .incidentCreated(id, opening):
            let record = simulation.world.incident(id)
            byID[id] = entries.count
            entries.append(Entry(id: id, reference: opening.reference, openedAt: time, line: opening.line,
                                 callNumber: opening.callNumber, type: opening.type, firstGrade: opening.grade,
                                 grade: opening.grade, place: opening.place, targetAt: record?.targetAt,
                                 hasWarnings: record?.hasWarnings ?? false,
                                 openedBy: Wording.actor(simulation.actor, person: person)))
        case let .incidentRegraded(id, grade):
            update(id) {
                $0.grade = grade
                $0.targetAt = simulation.world.incident(id)?.targetAt
            }
        case let .incidentAssessed(id, _): update(id) { $0.assessed = true }
        case let .noteAdded(id, _): update(id) { $0.notes += 1 }
        case let .unitAssigned(unit, id, _, _, _):
            update(id) {
                if $0.firstAssignedAt == nil { $0.firstAssignedAt = time }
                $0.unitsSent.append(unit)
            }
        case let .unitArrived(_, id): update(id) { if $0.firstArrivedAt == nil { $0.firstArrivedAt = time } }
        case let .warningsPassed(id, unit): update(id) { if !$0.warnedUnits.contains(unit) { $0.warnedUnits.append(unit) } }
        case let .callHandled(_, outcome, id?) where outcome == .duplicate: update(id) { $0.duplicateCalls += 1 }
        case let .incidentClosed(id, closingType, result):
            update(id) {
                $0.closedAt = time
                $0.closingType = closingType
                $0.result = result ?? $0.result
            }
            byID[id] = nil
        case let .unitCleared(_, id, _):
            // The engine keeps the most significant result reported.
            update(id) { $0.result = simulation.world.incident(id)?.result ?? $0.result }
        default: break
        }
    }
}
