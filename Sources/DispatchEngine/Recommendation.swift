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
}

extension Simulation {
    /// Units that may attend an incident under its plan, ranked by fit, then by estimated
    /// arrival, free before diverted at equal arrival, then by callsign order: free units,
    /// committed ones on lower-grade jobs (any job but another emergency, for urgent assistance),
    /// and for a grade 1 or urgent assistance units on refreshments and specialists outside
    /// their own work.
    /// `first`: only the first of the list (the automated dispatcher's pick), without sorting it.
    public func recommendations(for incident: IncidentID, first: Bool = false) -> [Recommendation] {
        guard let target = world.incident(incident) else { return [] }
        let to = placePosition(target.place)
        let urgent = target.grade == .immediate || target.assisting != nil
        var list: [Recommendation] = []
        for u in world.units.indices {
            let unit = UnitIndex(u)
            let state = world.units[u]
            let diverting = state.status.isOnIncident && state.incident != incident
            let onRefs = state.status == .refreshments
            guard state.status.isAvailable || diverting || (onRefs && urgent) else { continue }
            guard refusal(unit, to: incident, divert: diverting) == nil,
                  let fit = fit(unit, for: target), fit != .outsidePlan || urgent else { continue }
            let from = state.position(at: now)
            list.append(Recommendation(
                unit: unit, eta: travel.estimate(unit: unit, from: from, to: to, grade: target.grade),
                distance: config.places.isEmpty ? nil : from.distance(to: to),
                divertsFrom: diverting ? state.incident : nil, fit: fit, onRefreshments: onRefs))
        }
        func key(_ r: Recommendation) -> (Int, SimTime, Int, UnitIndex) {
            (r.fit.rawValue, r.eta, r.divertsFrom != nil ? 2 : r.onRefreshments ? 1 : 0, r.unit)
        }
        if first { return list.min { key($0) < key($1) }.map { [$0] } ?? [] }
        list.sort { key($0) < key($1) }
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
