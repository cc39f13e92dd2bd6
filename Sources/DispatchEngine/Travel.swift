/// How long a unit takes to reach a place: estimated (for ranking units) and actual (drawn).
struct TravelEstimator {
    let config: WorldConfig

    /// The estimate a dispatcher would make: distance over speed, or the mean without a map.
    func estimate(unit: UnitIndex, from: Position, to: Position, grade: Grade) -> SimTime {
        switch config.travel {
        case .drawn(let distribution):
            return SimTime(distribution.mean)
        case .geographic(let geo):
            let kind = UnitKind.allCases.firstIndex(of: config.units[Int(unit)].kind)!
            let speed = grade.isEmergencyResponse ? geo.blueLightSpeed[kind] : geo.routineSpeed[kind]
            let km = from.distance(to: to) * geo.roadFactor
            return geo.turnout + SimTime(km / speed * Double(Clock.hour))
        }
    }

    /// The journey as it turns out: the estimate with traffic, or a draw without a map.
    func actualTravel(unit: UnitIndex, from: Position, to: Position, grade: Grade,
                      rng: inout RandomStream) -> SimTime {
        switch config.travel {
        case .drawn(let distribution):
            return max(distribution.sample(&rng), 0)
        case .geographic:
            let estimate = self.estimate(unit: unit, from: from, to: to, grade: grade)
            return SimTime(Double(estimate) * (0.85 + 0.45 * rng.unit()))
        }
    }
}
