/// A unit the engine suggests for an incident, with how soon it could be there.
public struct Recommendation: Sendable, Equatable {
    public var unit: UnitIndex
    public var eta: SimTime
    /// Straight-line distance in km; nil without a map.
    public var distance: Double?
    /// The lower-grade incident it would be taken from, if it is committed.
    public var divertsFrom: IncidentID?
}

extension Simulation {
    /// Suitable units for an incident (skills it needs; PCSOs never to violence), available ones
    /// and committed ones on lower-grade jobs, ranked by estimated arrival.
    public func recommendations(for incident: IncidentID) -> [Recommendation] {
        guard let target = world.incident(incident) else { return [] }
        let to = placePosition(target.place)
        var list: [Recommendation] = []
        for u in world.units.indices {
            let unit = UnitIndex(u)
            let state = world.units[u]
            let diverting = state.status.isOnIncident && state.incident != incident
            guard state.status.isAvailable || diverting else { continue }
            guard refusal(unit, to: incident, divert: diverting) == nil else { continue }
            let from = state.position(at: now)
            list.append(Recommendation(
                unit: unit, eta: travel.estimate(unit: unit, from: from, to: to, grade: target.grade),
                distance: config.places.isEmpty ? nil : from.distance(to: to),
                divertsFrom: diverting ? state.incident : nil))
        }
        // Free units first at equal arrival; then by callsign order for a stable list.
        list.sort { ($0.eta, $0.divertsFrom == nil ? 0 : 1, $0.unit) < ($1.eta, $1.divertsFrom == nil ? 0 : 1, $1.unit) }
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
