/// A unit the engine suggests for an incident, with how soon it could be there and why.
public struct Recommendation: Sendable, Equatable {
    public var unit: UnitIndex
    public var eta: SimTime
    /// Straight-line distance in km; nil without a map.
    public var distance: Double?
    /// The lower-grade incident it would be taken from, if it is committed.
    public var divertsFrom: IncidentID?
    /// How it fits the incident's plan (the console words the reason from it).
    public var fit: PlanFit
    /// On its refreshment break: sending it interrupts the break, which is owed.
    public var onRefreshments: Bool
    /// A unit of another area than the incident's (its own area is left thinner).
    public var otherArea: Bool = false
    /// For a costly unit (a divert, a break interrupted, another area's): how much sooner it
    /// arrives than the best free suitable unit of the incident's own area (nil: there is none).
    public var gain: SimTime?

    /// Whether sending it costs something a free unit of the area would not.
    public var costly: Bool { divertsFrom != nil || onRefreshments || otherArea }
}

extension Simulation {
    /// Units that may attend an incident under its plan, ranked by fit, then by estimated
    /// arrival, where a costly unit (taken off a lower-grade job, off its break, or from another
    /// area) counts as arriving the grade's margin later (`DispatchPolicy.margins`): it is ranked
    /// above a free unit of the incident's own area only when it gets there that much sooner.
    /// Then free before costly, then callsign order. Offered: free units, committed ones on
    /// lower-grade jobs (any job but another emergency, for urgent assistance), and for a grade 1
    /// or urgent assistance units on refreshments and specialists outside their own work. For
    /// urgent assistance the nearest comes first, whatever it costs.
    /// `first`: only the first of the list (the automated dispatcher's pick), without sorting it.
    public func recommendations(for incident: IncidentID, first: Bool = false) -> [Recommendation] {
        guard let target = world.incident(incident) else { return [] }
        let to = placePosition(target.place)
        let urgent = target.grade == .immediate || target.assisting != nil
        let home = config.places.isEmpty ? nil : config.places[Int(target.place)].area
        let margin = target.assisting != nil ? 0 : config.dispatch.margin(target.grade)
        // The destination's road node and tree looked up once, not for every unit.
        let destination = travel.destination(to)
        var list: [Recommendation] = []
        for u in world.units.indices {
            let unit = UnitIndex(u)
            let state = world.units[u]
            let diverting = state.status.isOnIncident && state.incident != incident
            let onRefs = state.status == .refreshments
            guard state.status.isAvailable || diverting || (onRefs && urgent) else { continue }
            guard refusal(unit, to: incident, divert: diverting) == nil,
                  let fit = fit(unit, for: target), fit != .outsidePlan || urgent else { continue }
            let from = state.position(at: now, roads: world.config.roads)
            list.append(Recommendation(
                unit: unit, eta: travel.estimate(unit: unit, from: from, to: destination, grade: target.grade),
                distance: config.places.isEmpty ? nil : from.distance(to: to),
                divertsFrom: diverting ? state.incident : nil, fit: fit, onRefreshments: onRefs,
                otherArea: home != nil && config.units[u].area != home))
        }
        let legacy = config.dispatch.legacy
        // The free units of the area a costly one must beat, by arrival, with the worst fit
        // among those arriving by then: a costly unit is ranked with (at least) that fit, so it
        // never goes above a free unit the plan would send that gets there within the margin,
        // whichever fits better on paper.
        let free = legacy ? [] : list.filter { !$0.costly && $0.fit <= .offArea }.sorted { $0.eta < $1.eta }
        var worstFitBy: [Int] = []
        for f in free { worstFitBy.append(max(worstFitBy.last ?? 0, f.fit.rawValue)) }
        func ranked(_ r: Recommendation) -> Int {
            guard r.costly, margin > 0 else { return r.fit.rawValue }
            // The last free unit arriving within the margin of it.
            var lo = 0, hi = free.count
            while lo < hi { let mid = (lo + hi) / 2; if free[mid].eta <= r.eta + margin { lo = mid + 1 } else { hi = mid } }
            return lo == 0 ? r.fit.rawValue : max(r.fit.rawValue, worstFitBy[lo - 1])
        }
        func key(_ r: Recommendation) -> (Int, SimTime, Int, UnitIndex) {
            if legacy { return (r.fit.rawValue, r.eta, r.divertsFrom != nil ? 2 : r.onRefreshments ? 1 : 0, r.unit) }
            return (ranked(r), r.eta + (r.costly ? margin : 0), r.divertsFrom != nil ? 3 : r.onRefreshments ? 2 : r.otherArea ? 1 : 0, r.unit)
        }
        if first { return list.min { key($0) < key($1) }.map { [$0] } ?? [] }
        list.sort { key($0) < key($1) }
        // What each costly one gains over the best free unit of the area the plan would send.
        if let best = free.first {
            for i in list.indices where list[i].costly { list[i].gain = best.eta - list[i].eta }
        }
        return list
    }

    /// The journey time the engine expects (what a recommendation shows); the journey itself may
    /// take longer or shorter, as on real roads.
    public func estimatedTravel(unit: UnitIndex, from: Position, to: Position, grade: Grade) -> SimTime {
        travel.estimate(unit: unit, from: from, to: to, grade: grade)
    }

    func placePosition(_ place: Int32) -> Position {
        config.places.isEmpty ? Position(x: 0, y: 0) : config.places[Int(place)].position
    }
}
