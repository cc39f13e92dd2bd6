import DispatchEngine
import Scenario
import Testing

@Suite("Invariants hold throughout long runs")
struct InvariantTests {
    /// Steps the simulation one happening at a time and checks the whole world after each.
    func runChecked(_ config: WorldConfig) -> (steps: Int, problems: [String], simulation: Simulation) {
        let simulation = Simulation(config: config)
        var steps = 0
        while simulation.step(limit: config.duration) {
            steps += 1
            let problems = Invariants.violations(in: simulation.world)
            if !problems.isEmpty {
                return (steps, ["at \(simulation.now) ms, step \(steps):"] + problems, simulation)
            }
        }
        return (steps, [], simulation)
    }

    @Test("30 simulated days of the default scenario: no unit on two incidents, no incident lost, every call accounted for")
    func thirtyDays() {
        var config = Scenario.builtInDefault().config
        config.duration = 30 * Clock.day
        let (steps, problems, simulation) = runChecked(config)
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        #expect(steps > 15_000, "a month should be busy: \(steps) steps")
        let world = simulation.world
        // Every call that rang is answered, abandoned or still live; every incident created is
        // closed or still open.
        let stats = simulation.statistics
        let lines = stats.lines
        // Every line: the phones, chat, e-mail and online reports.
        let offered = lines.indices.reduce(0) { $0 + lines[$1].offered }
        // An abandoned 999 call rung back is live again, under its own number.
        #expect(Int64(offered + stats.rungBack) == world.callsArrived)
        #expect(stats.rungBack > 0)
        #expect(world.incidentsCreated == world.incidentsClosed + Int64(world.incidents.count))
        #expect(stats.emergencies > 0 && stats.prisoners > 0 && stats.backupRequests > 0,
                "a month has emergencies, prisoners and backup requests")
    }

    @Test("An overloaded room stays consistent (calls abandon, incidents stack, units are diverted)")
    func overload() {
        var config = Scenario.builtInDefault().config
        config.duration = 3 * Clock.day
        config.lines[0].callsPerHour *= 6
        config.lines[1].callsPerHour *= 6
        let (_, problems, simulation) = runChecked(config)
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        let stats = simulation.statistics
        #expect(stats.lines[0].abandoned > 0)
        #expect(stats.stacked > 0)
        #expect(stats.diversions > 0)
    }
}
