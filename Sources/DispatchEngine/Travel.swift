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
    /// The lowest paces per effective km (on roads: what no journey of an effective km beats).
    private let fastestRoutinePerEffectiveKm: Double
    private let fastestBluePerEffectiveKm: Double
    /// With roads: journeys along them (the paces above are then per effective km, without the
    /// straight line's road factor).
    private let roads: RoadNetwork?
    /// Whether journeys follow the roads (a map with a road file).
    var onRoads: Bool { roads != nil }
    /// Whether grade 2 journeys go on blue lights too.
    private let blueForPriority: Bool
    private func blue(_ grade: Grade) -> Bool { grade.isEmergencyResponse || (blueForPriority && grade == .priority) }
    /// Each place's nearest road node and how far it is, found once (coverage reads them all).
    private let placeNodes: [(node: Int32, km: Double)]

    init(config: WorldConfig) {
        switch config.travel {
        case .geographic(let geo):
            isGeographic = true
            drawn = .fixed(0)
            drawnEstimate = 0
            turnout = geo.turnout
            roads = config.roads
            blueForPriority = geo.blueLightsForPriority
            placeNodes = config.roads.map { r in config.places.map { r.nearestNode(to: $0.position) } } ?? []
            // On roads a journey's effective distance already weighs each stretch; off them the
            // straight line is stretched by the road factor. The lowest pace is what no journey
            // of a km as the crow flies can beat.
            let stretch = config.roads == nil ? geo.roadFactor : 1
            let cheapest = config.roads?.cheapestPerKm ?? 1
            routinePace = config.units.map { stretch / geo.routineSpeed[$0.kind.index] }
            bluePace = config.units.map { stretch / geo.blueLightSpeed[$0.kind.index] }
            fastestRoutine = (routinePace.min() ?? 0) * cheapest
            fastestBlue = (bluePace.min() ?? 0) * cheapest
            fastestRoutinePerEffectiveKm = routinePace.min() ?? 0
            fastestBluePerEffectiveKm = bluePace.min() ?? 0
        case .drawn(let distribution):
            isGeographic = false
            drawn = distribution
            drawnEstimate = SimTime(distribution.mean)
            turnout = 0
            roads = nil
            blueForPriority = false
            placeNodes = []
            routinePace = []
            bluePace = []
            fastestRoutine = 0
            fastestBlue = 0
            fastestRoutinePerEffectiveKm = 0
            fastestBluePerEffectiveKm = 0
        }
    }

    /// The estimate a dispatcher would make: distance over speed, or the mean without a map.
    func estimate(unit: UnitIndex, from: Position, to: Position, grade: Grade) -> SimTime {
        guard isGeographic else { return drawnEstimate }
        guard roads != nil else {
            let pace = blue(grade) ? bluePace[Int(unit)] : routinePace[Int(unit)]
            return turnout + SimTime(from.distance(to: to) * pace * Double(Clock.hour))
        }
        return estimate(unit: unit, from: from, to: destination(to), grade: grade)
    }

    /// Where journeys go, looked up once for the many units ranked for one incident: its road
    /// node and that node's tree.
    struct Destination {
        let position: Position
        let node: Int32, km: Double
        let journeys: RoadNetwork.Journeys?
    }

    func destination(_ p: Position) -> Destination {
        guard let roads else { return Destination(position: p, node: 0, km: 0, journeys: nil) }
        let (node, km) = roads.nearestNode(to: p)
        return Destination(position: p, node: node, km: km, journeys: roads.journeys(to: node))
    }

    /// The estimate to a destination looked up before: the same figure as to its point.
    func estimate(unit: UnitIndex, from: Position, to d: Destination, grade: Grade) -> SimTime {
        estimate(unit: unit, from: from, snapped: nil, to: d, grade: grade)
    }

    /// The same, from a point whose nearest road node was looked up before (`snapped`: what
    /// `nearestNode` gives for `from`; nil: look it up).
    @inline(__always) func estimate(unit: UnitIndex, from: Position, snapped: (node: Int32, km: Double)?,
                                    to d: Destination, grade: Grade) -> SimTime {
        guard isGeographic else { return drawnEstimate }
        let pace = blue(grade) ? bluePace[Int(unit)] : routinePace[Int(unit)]
        guard let roads, let journeys = d.journeys else { return turnout + SimTime(from.distance(to: d.position) * pace * Double(Clock.hour)) }
        let (node, km) = snapped ?? roads.nearestNode(to: from)
        let effective = journeys.effectiveDistance(from: from, node: node, offRoad: km, to: d.position, offRoad: d.km)
        return turnout + SimTime(effective * pace * Double(Clock.hour))
    }

    /// Along the roads, which of `units` (at `positions`, whose nearest nodes are `nodes`) is
    /// estimated to reach place `place` within `target`, `tryingFirst` before the others (nil:
    /// none does): the place's tree taken once, each unit's journey read off it, as `estimate`
    /// reads it.
    func reaching(place: Int, at to: Position, units: [UnitIndex], positions: [Position], nodes: [(node: Int32, km: Double)],
                  grade: Grade, within target: SimTime, tryingFirst first: Int) -> Int? {
        guard let roads else { return nil }
        let end = placeNodes[place]
        let journeys = roads.journeys(to: end.node)
        func reachedBy(_ k: Int) -> Bool {
            let pace = blue(grade) ? bluePace[Int(units[k])] : routinePace[Int(units[k])]
            let km = journeys.effectiveDistance(from: positions[k], node: nodes[k].node, offRoad: nodes[k].km, to: to, offRoad: end.km)
            return turnout + SimTime(km * pace * Double(Clock.hour)) <= target
        }
        if first < units.count, reachedBy(first) { return first }
        return units.indices.first { $0 != first && reachedBy($0) }
    }

    /// Whether every unit at least `distance` km away (as the crow flies) is certainly estimated
    /// to arrive after `time`. "Certainly": the margin (a billionth) is far wider than the rounding
    /// of either computation, so a unit that could arrive at `time` or sooner is never ruled out.
    func certainlyLater(atLeast distance: Double, grade: Grade, than time: SimTime) -> Bool {
        guard isGeographic else { return false }
        let pace = blue(grade) ? fastestBlue : fastestRoutine
        // An estimate is after `time` when its whole milliseconds of travel reach this.
        let needed = Double(time - turnout) + 1
        // Journeys along roads are sums of single-precision costs: a wider margin for their rounding.
        return distance * pace * Double(Clock.hour) * (roads == nil ? 1 - 1e-9 : 1 - 1e-4) >= needed
    }

    /// Whether every unit at least `distance` km east or west of destination `d` is certainly
    /// estimated to arrive after `time`: by the straight line at the fastest pace and, along
    /// roads, by the least journey the destination's tree allows from that far (a far tighter
    /// bound where most roads are slower than the fastest).
    func certainlyLater(eastWest distance: Double, to d: Destination, grade: Grade, than time: SimTime) -> Bool {
        if certainlyLater(atLeast: distance, grade: grade, than: time) { return true }
        guard let journeys = d.journeys else { return false }
        // The point is `d.km` off its node: the node is at least this far east or west.
        let effective = journeys.leastFrom(eastWest: max(0, distance - d.km))
        let pace = blue(grade) ? fastestBluePerEffectiveKm : fastestRoutinePerEffectiveKm
        let needed = Double(time - turnout) + 1
        return effective * pace * Double(Clock.hour) * (1 - 1e-4) >= needed
    }

    /// The journey as it turns out: the estimate with traffic, or a draw without a map.
    func actualTravel(unit: UnitIndex, from: Position, to: Position, grade: Grade,
                      rng: inout RandomStream) -> SimTime {
        guard isGeographic else { return max(drawn.sample(&rng), 0) }
        let estimate = self.estimate(unit: unit, from: from, to: to, grade: grade)
        return SimTime(Double(estimate) * (0.85 + 0.45 * rng.unit()))
    }
}
