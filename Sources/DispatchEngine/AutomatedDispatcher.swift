/// Plays the dispatcher when nobody does, as a control room would: an officer's emergency gets
/// the nearest two units at once, whatever they are doing; an incident that wants units gets the
/// free unit that fits its plan best and will arrive first (for grade 1 with nobody free, a unit
/// off its break or taken off a lower-grade job, if the policy allows); a unit that comes free
/// takes the most urgent waiting job it fits (urgent requests, then grade, then age). It acts only through
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
            // Most urgent first: officers' emergencies, urgent requests, then grade, then age.
            let ordered = wanting.filter { world.wantsUnits($0) }.sorted { a, b in
                let ia = world.incident(a)!, ib = world.incident(b)!
                let ea = ia.assisting != nil, eb = ib.assisting != nil
                if ea != eb { return ea }   // an officer's emergency before everything
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

    /// Sends units until the incident has what it wants or nobody fits: for an officer's
    /// emergency the nearest units whatever they are doing; otherwise the best-fitting free unit
    /// under the plan (two single-crewed units together where two officers must go), then for a
    /// grade 1 a unit on its break (interrupted) or one taken off a lower-grade job.
    private func resource(_ incident: IncidentID, _ sim: Simulation) {
        while let record = sim.world.incident(incident), record.unitsWanted > 0, record.deferredUntil == nil {
            if record.assisting != nil {
                guard let nearest = sim.recommendations(for: incident, first: true).first else { return }
                try? sim.execute(nearest.divertsFrom == nil ? .assign(nearest.unit, incident) : .divert(nearest.unit, incident),
                                 by: .automatedDispatcher)
                continue
            }
            if let unit = bestFree(for: record, sim) {
                try? sim.execute(.assign(unit, incident), by: .automatedDispatcher)
            } else if let pair = singleCrewedPair(for: record, sim) {
                try? sim.execute(.assign(pair.0, incident), by: .automatedDispatcher)
                try? sim.execute(.assign(pair.1, incident), by: .automatedDispatcher)
            } else if record.grade == .immediate, let unit = onBreak(for: record, sim) {
                try? sim.execute(.assign(unit, incident), by: .automatedDispatcher)
            } else if record.grade == .immediate, policy.divertForImmediate,
                      let unit = bestDivert(for: incident, record, sim) {
                try? sim.execute(.divert(unit, incident), by: .automatedDispatcher)
            } else {
                // Said as it is: units held back for the emergency to come are not "none free".
                if record.firstAssignedAt < 0 {
                    let held = !policy.legacy && policy.keepFree > 0 && record.grade == .scheduled
                        && sim.world.available.count <= policy.keepFree + 1 && !sim.suitableFree(for: incident).isEmpty
                    try? sim.execute(.stack(incident, reason: held ? .keptForEmergencies : .noUnitAvailable), by: .automatedDispatcher)
                }
                return
            }
        }
    }

    /// A unit just came free: the most urgent waiting incident it fits (its own area's or a
    /// neighbour's; never alone where two must go, never outside its plan).
    private func takeWaitingJob(_ unit: UnitIndex, _ sim: Simulation) {
        let world = sim.world
        let nearEndOfShift = world.units[Int(unit)].shiftEndsAt - sim.now < policy.endOfShiftMargin
        // Grade 3s are all passed over near the end of a shift or with few free. The queues are
        // long when the floor is busy, and a unit comes free hundreds of thousands of times a
        // year: what rules an incident out is read in place before the record is taken.
        let passOverScheduled = nearEndOfShift || world.available.count <= policy.keepFree
        func takes(_ incident: IncidentID) -> Bool {
            guard world.incidents.isLive(slot: incident.slot, generation: incident.generation),
                  world.incidents[incident.slot].unitsWanted > 0,
                  !(passOverScheduled && world.incidents[incident.slot].grade == .scheduled) else { return false }
            let record = world.incidents[incident.slot]
            guard record.deferredUntil == nil, isMine(record, sim),
                  world.units[Int(unit)].incident != incident,
                  record.assisting != nil || sim.now - record.createdAt >= policy.decisionTime else { return false }
            guard let fit = sim.fit(unit, for: record), fit <= .offArea else { return false }
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

    /// The free unit that fits best and would arrive first (ties: the lower unit): a kind the
    /// plan sends first, then one it allows, then (grades 2-3) a neighbouring area's; without a
    /// map, the first that fits best. As the recommendations rank them, another area's unit
    /// counts as arriving the grade's margin later, so the incident's own area's unit goes
    /// unless the other gets there that much sooner. (A unit is taken off a job or a break only
    /// when none is free: never for a gain under the margin.)
    func bestFree(for record: Incident, _ sim: Simulation) -> UnitIndex? {
        let world = sim.world
        if record.grade == .scheduled && world.available.count <= policy.keepFree { return nil }
        let units = world.units
        let now = sim.now
        // The areas, not the whole config: copying the config would retain every table in it.
        let placeArea = sim.placeArea, unitArea = sim.unitArea
        let home = placeArea.isEmpty ? -1 : placeArea[Int(record.place)]
        let margin = policy.margin(record.grade)
        let fitter = sim.planFitter(for: record)
        // One walk: the nearest of each fit; the search narrows once a unit of the best fit is found.
        return nearestFree(to: record, sim, tiers: 3, penalty: { home >= 0 && unitArea[Int($0)] != home ? margin : 0 }) { unit in
            if record.grade == .scheduled, units[Int(unit)].shiftEndsAt - now < policy.endOfShiftMargin { return nil }
            guard let fit = fitter.fit(unit, sim), fit <= .offArea else { return nil }
            return fit.rawValue
        }
    }

    /// Two single-crewed units to go together where two officers must go and no double-crewed
    /// unit is free: the nearest single-crewed one and the nearest other that may attend.
    private func singleCrewedPair(for record: Incident, _ sim: Simulation) -> (UnitIndex, UnitIndex)? {
        if record.grade == .scheduled && sim.world.available.count <= policy.keepFree + 1 { return nil }
        guard let first = nearestFree(to: record, sim, tiers: 1, { sim.fit($0, for: record) == .singleCrewed ? 0 : nil }),
              let second = nearestFree(to: record, sim, tiers: 1, { unit in
                  guard unit != first, let fit = sim.fit(unit, for: record), fit <= .singleCrewed else { return nil }
                  return 0
              }) else { return nil }
        return (first, second)
    }

    /// The free unit of the best tier (0 best; `tier` nil: not eligible) that would arrive first
    /// (ties: the lower unit); without a map, the first unit of the best tier.
    /// `penalty`: time added to a unit's arrival for ranking it (another area's unit).
    @inline(__always) private func nearestFree(to record: Incident, _ sim: Simulation, tiers: Int, penalty: (UnitIndex) -> SimTime = { _ in 0 },
                             _ tier: (UnitIndex) -> Int?) -> UnitIndex? {
        let world = sim.world
        let to = sim.placePosition(record.place)
        var best = InlineArray<3, UnitIndex>(repeating: -1)
        var bestEta = InlineArray<3, SimTime>(repeating: .max)
        guard sim.travel.isGeographic else {
            for unit in world.available {
                guard let t = tier(unit), best[t] < 0 else { continue }
                if t == 0 { return unit }
                best[t] = unit
            }
            for t in 0..<tiers where best[t] >= 0 { return best[t] }
            return nil
        }
        // Outward from the incident's easting, the nearer side first: once a unit of the best
        // tier is found, a side ends where the east-west distance alone makes every unit beyond
        // later than it (a unit that could tie is still looked at: the lower unit wins a tie).
        // Until then every free unit is looked at, since a later unit of a better tier wins.
        let free = world.freeByEast.entries
        let destination = sim.travel.destination(to)
        var east = world.freeByEast.position(x: to.x), west = east - 1
        while west >= 0 || east < free.count {
            let eastward = west < 0 || (east < free.count && free[east].x - to.x <= to.x - free[west].x)
            let entry = eastward ? free[east] : free[west]
            if best[0] >= 0, sim.travel.certainlyLater(eastWest: abs(entry.x - to.x), to: destination, grade: record.grade, than: bestEta[0]) {
                if eastward { east = free.count } else { west = -1 }
                continue
            }
            if eastward { east += 1 } else { west -= 1 }
            // The east-west distance did not rule it out; the straight-line distance may, before
            // its fit to the plan is worked out.
            if best[0] >= 0, sim.travel.certainlyLater(atLeast: entry.position.distance(to: to), grade: record.grade, than: bestEta[0]) { continue }
            guard let t = tier(entry.unit) else { continue }
            // Free units are standing still: where they are is where they last arrived (the
            // index keeps it). A penalty only ever adds, so a unit certainly later than the best
            // ranked one is still certainly ranked after it.
            let eta = sim.travel.estimate(unit: entry.unit, from: entry.position, snapped: entry.snapped,
                                          to: destination, grade: record.grade)
                + penalty(entry.unit)
            if eta < bestEta[t] || (eta == bestEta[t] && entry.unit < best[t]) { best[t] = entry.unit; bestEta[t] = eta }
        }
        for t in 0..<tiers where best[t] >= 0 { return best[t] }
        return nil
    }

    /// For a grade 1 with nobody free: the nearest unit on its refreshment break that fits.
    private func onBreak(for record: Incident, _ sim: Simulation) -> UnitIndex? {
        let world = sim.world
        let to = sim.travel.destination(sim.placePosition(record.place))
        var best: (unit: UnitIndex, eta: SimTime)?
        for u in world.units.indices where world.units[u].status == .refreshments {
            let unit = UnitIndex(u)
            guard let fit = sim.fit(unit, for: record), fit <= .allowed else { continue }
            let eta = sim.travel.estimate(unit: unit, from: world.units[u].position(at: sim.now, roads: sim.config.roads), to: to, grade: record.grade)
            if best.map({ eta < $0.eta }) ?? true { best = (unit, eta) }
        }
        return best?.unit
    }

    /// The committed unit that fits, on the least urgent job, nearest first.
    private func bestDivert(for incident: IncidentID, _ record: Incident, _ sim: Simulation) -> UnitIndex? {
        let world = sim.world
        let to = sim.travel.destination(sim.placePosition(record.place))
        var best: (unit: UnitIndex, grade: Grade, eta: SimTime)?
        for u in world.units.indices {
            let state = world.units[u]
            guard state.status.isOnIncident, let current = state.incident, current != incident,
                  let job = world.incident(current), job.assisting == nil, job.grade > record.grade else { continue }
            let unit = UnitIndex(u)
            guard let fit = sim.fit(unit, for: record), fit <= .allowed else { continue }
            let eta = sim.travel.estimate(unit: unit, from: state.position(at: sim.now, roads: sim.config.roads), to: to, grade: record.grade)
            if let b = best, (b.grade, -b.eta) >= (job.grade, -eta) { continue }
            best = (unit, job.grade, eta)
        }
        return best?.unit
    }
}
