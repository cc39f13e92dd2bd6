/// Plays the dispatcher when nobody does: serves urgent requests first, then incidents by grade
/// and age, sending the suitable free unit that will arrive first. For a grade-1 incident with
/// nobody free it may divert the nearest unit from a lower-grade job. It acts only through
/// commands, exactly as a person would.
public struct AutomatedDispatcher: Sendable {
    public var policy: DispatchPolicy

    public init(policy: DispatchPolicy) { self.policy = policy }

    func dispatch(_ sim: Simulation) {
        let world = sim.world
        world.compactDispatchQueues()
        // Nobody free and no diverting: nothing can change (the common case on a busy night).
        if world.available.isEmpty && !policy.divertForImmediate { return }
        if !world.urgent.isEmpty { serve(world.urgent, grade: nil, sim) }
        for g in 0..<3 where !world.dispatchQueues[g].isEmpty {
            serve(world.dispatchQueues[g], grade: Grade(rawValue: g + 1)!, sim)
        }
    }

    private func serve<Queue: Sequence>(_ queue: Queue, grade: Grade?, _ sim: Simulation) where Queue.Element == IncidentID {
        for incident in queue {
            guard let record = sim.world.incident(incident), record.unitsWanted > 0 else { continue }
            if sim.world.available.isEmpty && !(record.grade == .immediate && policy.divertForImmediate) { return }
            var wanted = record.unitsWanted
            while wanted > 0 {
                if let unit = bestFree(for: incident, record, sim) {
                    try? sim.execute(.assign(unit, incident))
                } else if record.grade == .immediate, policy.divertForImmediate,
                          let unit = bestDivert(for: incident, record, sim) {
                    try? sim.execute(.divert(unit, incident))
                } else {
                    if record.firstAssignedAt < 0 { try? sim.execute(.stack(incident)) }
                    break
                }
                wanted -= 1
            }
        }
    }

    /// The free unit that would arrive first; without a map, the first suitable one.
    private func bestFree(for incident: IncidentID, _ record: Incident, _ sim: Simulation) -> UnitIndex? {
        let world = sim.world
        let geographic: Bool
        if case .geographic = world.config.travel { geographic = true } else { geographic = false }
        let to = sim.placePosition(record.place)
        var best: UnitIndex?
        var bestEta = SimTime.max
        for unit in world.available {
            let state = world.units[Int(unit)]
            if record.grade == .scheduled, state.shiftEndsAt - sim.now < policy.endOfShiftMargin { continue }
            guard suits(unit, record, sim) else { continue }
            if !geographic { return unit }
            let eta = sim.travel.estimate(unit: unit, from: state.position(at: sim.now), to: to, grade: record.grade)
            if eta < bestEta || (eta == bestEta && unit < best!) { best = unit; bestEta = eta }
        }
        return best
    }

    /// The committed unit on the least urgent job, nearest first.
    private func bestDivert(for incident: IncidentID, _ record: Incident, _ sim: Simulation) -> UnitIndex? {
        let candidates = sim.recommendations(for: incident).filter { $0.divertsFrom != nil }
        return candidates.min { a, b in
            let ga = sim.world.incident(a.divertsFrom!)!.grade, gb = sim.world.incident(b.divertsFrom!)!.grade
            return ga != gb ? ga > gb : a.eta < b.eta
        }?.unit
    }

    private func suits(_ unit: UnitIndex, _ record: Incident, _ sim: Simulation) -> Bool {
        let type = sim.types[Int(record.type)]
        if type.violent && !sim.config.units[Int(unit)].kind.attendsViolence { return false }
        return type.requires.isSubset(of: sim.config.units[Int(unit)].skills)
    }
}
