/// How long a unit takes to reach a place: estimated (for ranking units) and actual (drawn).
/// Read for every free unit whenever an incident wants one, so it keeps only plain numbers: the
/// scenario's travel description (which holds arrays) is read once, here.
struct TravelEstimator {
    let isGeographic: Bool
    /// Without a map: the journey's distribution, and its mean as the estimate.
    private let drawn: Distribution
    private let drawnEstimate: SimTime
    /// With a map: time to get going, and hours per km (road distance) for each unit, routine
    /// and blue-light (the division done once).
    private let turnout: SimTime
    private let routinePace: [Double]
    private let bluePace: [Double]
    /// The fastest pace of any unit, routine and blue-light: no unit covers ground faster.
    private let fastestRoutine: Double
    private let fastestBlue: Double

    init(config: WorldConfig) {
        switch config.travel {
        case .geographic(let geo):
            isGeographic = true
            drawn = .fixed(0)
            drawnEstimate = 0
            turnout = geo.turnout
            routinePace = config.units.map { geo.roadFactor / geo.routineSpeed[$0.kind.index] }
            bluePace = config.units.map { geo.roadFactor / geo.blueLightSpeed[$0.kind.index] }
            fastestRoutine = routinePace.min() ?? 0
            fastestBlue = bluePace.min() ?? 0
        case .drawn(let distribution):
            isGeographic = false
            drawn = distribution
            drawnEstimate = SimTime(distribution.mean)
            turnout = 0
            routinePace = []
            bluePace = []
            fastestRoutine = 0
            fastestBlue = 0
        }
    }

    /// The estimate a dispatcher would make: distance over speed, or the mean without a map.
    func estimate(unit: UnitIndex, from: Position, to: Position, grade: Grade) -> SimTime {
        guard isGeographic else { return drawnEstimate }
        let pace = grade.isEmergencyResponse ? bluePace[Int(unit)] : routinePace[Int(unit)]
        return turnout + SimTime(from.distance(to: to) * pace * Double(Clock.hour))
    }

    /// Whether every unit at least `distance` km away (as the crow flies) is certainly estimated
    /// to arrive after `time`. "Certainly": the margin (a billionth) is far wider than the rounding
    /// of either computation, so a unit that could arrive at `time` or sooner is never ruled out.
    func certainlyLater(atLeast distance: Double, grade: Grade, than time: SimTime) -> Bool {
        guard isGeographic else { return false }
        let pace = grade.isEmergencyResponse ? fastestBlue : fastestRoutine
        // An estimate is after `time` when its whole milliseconds of travel reach this.
        let needed = Double(time - turnout) + 1
        return distance * pace * Double(Clock.hour) * (1 - 1e-9) >= needed
    }

    /// The journey as it turns out: the estimate with traffic, or a draw without a map.
    func actualTravel(unit: UnitIndex, from: Position, to: Position, grade: Grade,
                      rng: inout RandomStream) -> SimTime {
        guard isGeographic else { return max(drawn.sample(&rng), 0) }
        let estimate = self.estimate(unit: unit, from: from, to: to, grade: grade)
        return SimTime(Double(estimate) * (0.85 + 0.45 * rng.unit()))
    }
}
