/// Plays the dispatcher when nobody does, as a control room would: an incident that wants units
/// gets the suitable free unit that will arrive first (for grade 1 with nobody free, the nearest
/// unit taken off a lower-grade job, if the policy allows); a unit that comes free takes the most
/// urgent waiting job it suits (urgent requests, then grade, then age). It acts only through
/// commands, exactly as a person would, and looks only at what changed since it last acted.
/// It keeps `keepFree` units back from grade-3 jobs, and takes `decisionTime` to act on a new
/// incident (the simulation delays the incident's arrival on its desk).
public struct AutomatedDispatcher: Sendable {
    public var policy: DispatchPolicy
    /// Areas a person dispatches: their incidents are left alone.
    public var leaveToPerson: Set<Int> = []

    public init(policy: DispatchPolicy) { self.policy = policy }

    func isMine(_ incident: Incident, _ sim: Simulation) -> Bool {
        leaveToPerson.isEmpty || sim.config.places.isEmpty
            || !leaveToPerson.contains(sim.config.places[Int(incident.place)].area)
    }

    func dispatch(_ sim: Simulation, wanting allWanting: [IncidentID], freed: [UnitIndex]) {
        let world = sim.world
        let wanting = leaveToPerson.isEmpty ? allWanting
            : allWanting.filter { world.incident($0).map { isMine($0, sim) } ?? false }
        if wanting.count == 1 {
            resource(wanting[0], sim)
        } else if wanting.count > 1 {
            // Most urgent first: urgent requests, then grade, then age.
            let ordered = wanting.filter { world.wantsUnits($0) }.sorted { a, b in
                let ia = world.incident(a)!, ib = world.incident(b)!
                let ua = world.urgent.contains(a), ub = world.urgent.contains(b)
                if ua != ub { return ua }
                return (ia.grade, ia.createdAt, ia.reference) < (ib.grade, ib.createdAt, ib.reference)
            }
            for incident in ordered { resource(incident, sim) }
        }
        for unit in freed where world.units[Int(unit)].status.isAvailable {
            takeWaitingJob(unit, sim)
        }
    }

    /// Sends free units (or diverts) until the incident has what it wants or nobody suits.
    private func resource(_ incident: IncidentID, _ sim: Simulation) {
        while let record = sim.world.incident(incident), record.unitsWanted > 0 {
            if let unit = bestFree(for: record, sim) {
                try? sim.execute(.assign(unit, incident), by: .automatedDispatcher)
            } else if record.grade == .immediate, policy.divertForImmediate,
                      let unit = bestDivert(for: incident, record, sim) {
                try? sim.execute(.divert(unit, incident), by: .automatedDispatcher)
            } else {
                if record.firstAssignedAt < 0 { try? sim.execute(.stack(incident, reason: .noUnitAvailable), by: .automatedDispatcher) }
                return
            }
        }
    }

    /// A unit just came free: the most urgent waiting incident it suits.
    private func takeWaitingJob(_ unit: UnitIndex, _ sim: Simulation) {
        let world = sim.world
        let nearEndOfShift = world.units[Int(unit)].shiftEndsAt - sim.now < policy.endOfShiftMargin
        func takes(_ incident: IncidentID) -> Bool {
            guard let record = world.incident(incident), record.unitsWanted > 0, isMine(record, sim),
                  world.units[Int(unit)].incident != incident,
                  sim.now - record.createdAt >= policy.decisionTime else { return false }
            if record.grade == .scheduled && (nearEndOfShift || world.available.count <= policy.keepFree) { return false }
            guard sim.suits(unit, record.type) else { return false }
            try? sim.execute(.assign(unit, incident), by: .automatedDispatcher)
            return true
        }
        // Most units come free to empty queues: those are not walked at all.
        if !world.urgent.isEmpty {
            for incident in world.urgent where takes(incident) { return }
        }
        for g in 0..<3 where !world.dispatchQueues[g].isEmpty {
            for incident in world.dispatchQueues[g] where takes(incident) { return }
        }
    }

    /// The free unit that would arrive first (ties: the lower unit); without a map, the first
    /// suitable one.
    func bestFree(for record: Incident, _ sim: Simulation) -> UnitIndex? {
        let world = sim.world
        let to = sim.placePosition(record.place)
        if record.grade == .scheduled && world.available.count <= policy.keepFree { return nil }
        let units = world.units
        let now = sim.now
        func eligible(_ unit: UnitIndex) -> Bool {
            if record.grade == .scheduled, units[Int(unit)].shiftEndsAt - now < policy.endOfShiftMargin { return false }
            return sim.suits(unit, record.type)
        }
        guard sim.travel.isGeographic else { return world.available.first(where: eligible) }
        // Outward from the incident's easting, the nearer side first: a side ends where the
        // east-west distance alone makes every unit beyond later than the best so far (a unit
        // that could tie is still looked at, since the lower unit wins a tie).
        let free = world.freeByEast.entries
        var east = world.freeByEast.position(x: to.x), west = east - 1
        var best: UnitIndex?
        var bestEta = SimTime.max
        while west >= 0 || east < free.count {
            let eastward = west < 0 || (east < free.count && free[east].x - to.x <= to.x - free[west].x)
            let entry = eastward ? free[east] : free[west]
            if best != nil, sim.travel.certainlyLater(atLeast: abs(entry.x - to.x), grade: record.grade, than: bestEta) {
                if eastward { east = free.count } else { west = -1 }
                continue
            }
            if eastward { east += 1 } else { west -= 1 }
            guard eligible(entry.unit) else { continue }
            // Free units are standing still: where they are is where they last arrived.
            let eta = sim.travel.estimate(unit: entry.unit, from: units[Int(entry.unit)].destination, to: to, grade: record.grade)
            if eta < bestEta || (eta == bestEta && entry.unit < best!) { best = entry.unit; bestEta = eta }
        }
        return best
    }

    /// The committed unit on the least urgent job, nearest first.
    private func bestDivert(for incident: IncidentID, _ record: Incident, _ sim: Simulation) -> UnitIndex? {
        let world = sim.world
        let to = sim.placePosition(record.place)
        var best: (unit: UnitIndex, grade: Grade, eta: SimTime)?
        for u in world.units.indices {
            let state = world.units[u]
            guard state.status.isOnIncident, let current = state.incident, current != incident,
                  let job = world.incident(current), job.grade > record.grade else { continue }
            let unit = UnitIndex(u)
            guard sim.suits(unit, record.type) else { continue }
            let eta = sim.travel.estimate(unit: unit, from: state.position(at: sim.now), to: to, grade: record.grade)
            if let b = best, (b.grade, -b.eta) >= (job.grade, -eta) { continue }
            best = (unit, job.grade, eta)
        }
        return best?.unit
    }
}
