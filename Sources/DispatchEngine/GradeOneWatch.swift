/// Watches grade-1 incidents for the one question foresight is asked: does one pass its
/// attendance target with nobody there? The same watch reads a fork's future and, in the
/// calibration, the night that really happened, so a forecast and its outcome mean one thing.
/// (An officer's emergency is not a grade 1 here: it has an alarm of its own.)
public struct GradeOneWatch: Sendable {
    struct Watched: Sendable {
        var targetAt: SimTime
        /// When a unit was first there, or it stopped being a grade 1 waiting (closed, regraded).
        var settledAt: SimTime = .max
    }
    private(set) var watched: [IncidentID: Watched] = [:]
    /// Targets missed, as the times they were missed.
    public private(set) var missedAt: [SimTime] = []

    public init() {}

    /// Starts with what is open in `world` now and not yet attended.
    public init(openIn world: World) {
        for (slot, incident) in world.incidents.live where Self.counts(incident) && incident.firstArrivedAt < 0 {
            watch(IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)]), incident)
        }
    }

    static func counts(_ incident: Incident) -> Bool {
        incident.grade == .immediate && incident.assisting == nil && !incident.reopened && incident.targetAt != nil
    }

    private mutating func watch(_ id: IncidentID, _ incident: Incident) {
        if let target = incident.targetAt { watched[id] = Watched(targetAt: target) }
    }

    /// After `event` was applied to `world`.
    public mutating func observe(_ event: Event, world: World) {
        switch event {
        case let .incidentCreated(id, opening) where opening.grade == .immediate && opening.assisting == nil:
            if let incident = world.incident(id), Self.counts(incident) { watch(id, incident) }
        case let .incidentRegraded(id, grade):
            if grade == .immediate, watched[id] == nil, let incident = world.incident(id), Self.counts(incident), incident.firstArrivedAt < 0 {
                watch(id, incident)
            } else if grade != .immediate {
                settle(id, world.now)
            }
        case let .unitArrived(_, id), let .incidentClosed(id, _, _):
            settle(id, world.now)
        default: return
        }
    }

    private mutating func settle(_ id: IncidentID, _ now: SimTime) {
        guard var w = watched.removeValue(forKey: id) else { return }
        w.settledAt = min(w.settledAt, now)
        // Arrived on the target's very minute is within it (`Attendance.met`).
        if w.settledAt > w.targetAt { missedAt.append(w.targetAt) }
    }

    /// Whether a grade 1 passed its target unattended in (from, to], as far as the watch has seen
    /// up to `now` (those still waiting count once their target is past).
    public func missed(after from: SimTime, by to: SimTime, now: SimTime) -> Bool {
        if missedAt.contains(where: { $0 > from && $0 <= to }) { return true }
        return watched.values.contains { $0.targetAt > from && $0.targetAt <= to && $0.targetAt < now }
    }
}
