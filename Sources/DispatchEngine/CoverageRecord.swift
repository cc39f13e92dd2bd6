/// Each area's coverage as each hour of a run began (after the warm-up), for the headless
/// report: its mean, its lowest and the hours it was thin (below the scenario's `coverage_alert`,
/// or below half without one).
public struct CoverageRecord: Sendable {
    public struct Area: Sendable {
        public var hours = 0
        public var total = 0.0
        public var lowest: Double?
        public var thinHours = 0
        public var mean: Double? { hours == 0 ? nil : total / Double(hours) }
    }
    public private(set) var areas: [Area]
    public let threshold: Double

    public init(config: WorldConfig) {
        areas = Array(repeating: Area(), count: config.areas.count)
        threshold = config.coverageAlert ?? 0.5
    }

    mutating func note(_ coverage: [AreaCoverage]) {
        for c in coverage where areas.indices.contains(c.area) {
            guard let share = c.share else { continue }
            areas[c.area].hours += 1
            areas[c.area].total += share
            areas[c.area].lowest = min(areas[c.area].lowest ?? share, share)
            if share < threshold { areas[c.area].thinHours += 1 }
        }
    }
}

extension Simulation {
    /// Runs to the end as `runToEnd` does (the same night: stopping on the hour changes nothing),
    /// noting each area's coverage as each hour begins.
    public func runToEnd(noting record: inout CoverageRecord) {
        var hour = (max(now, config.warmUp) + Clock.hour - 1) / Clock.hour * Clock.hour
        while hour < config.duration {
            advance(to: hour)
            record.note(coverage())
            hour += Clock.hour
        }
        runToEnd()
    }
}
