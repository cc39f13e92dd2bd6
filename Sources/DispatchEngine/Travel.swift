/// How long a unit takes to reach a place: estimated (for ranking units) and actual (drawn).
struct TravelEstimator {
    let config: WorldConfig
    let isGeographic: Bool
    /// Hours per km (road distance) for each unit, routine and blue-light: the division done once.
    private let routinePace: [Double]
    private let bluePace: [Double]

    init(config: WorldConfig) {
        self.config = config
        if case .geographic(let geo) = config.travel {
            isGeographic = true
            routinePace = config.units.map { geo.roadFactor / geo.routineSpeed[$0.kind.index] }
            bluePace = config.units.map { geo.roadFactor / geo.blueLightSpeed[$0.kind.index] }
        } else {
            isGeographic = false
            routinePace = []
            bluePace = []
        }
    }

    /// The estimate a dispatcher would make: distance over speed, or the mean without a map.
    func estimate(unit: UnitIndex, from: Position, to: Position, grade: Grade) -> SimTime {
        switch config.travel {
        case .drawn(let distribution):
            return SimTime(distribution.mean)
        case .geographic(let geo):
            let pace = grade.isEmergencyResponse ? bluePace[Int(unit)] : routinePace[Int(unit)]
            return geo.turnout + SimTime(from.distance(to: to) * pace * Double(Clock.hour))
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
