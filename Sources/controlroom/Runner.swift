import DispatchEngine
import Report
import Scenario

/// Runs a scenario headless, as fast as the machine allows.
enum Runner {
    static func run(_ scenario: Scenario, seed: UInt64?, until: SimTime?) -> ReportNode {
        var config = scenario.config
        if let seed { config.seed = seed }
        if let until { config.duration = until }
        let simulation = Simulation(config: config)
        var coverage = CoverageRecord(config: config)
        simulation.runToEnd(noting: &coverage)
        return ShiftReport.build(simulation.statistics, config: config, start: scenario.start, coverage: coverage)
    }
}
