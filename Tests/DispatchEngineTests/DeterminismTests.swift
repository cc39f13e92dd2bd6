import DispatchEngine
import Scenario
import Testing

@Suite("Deterministic: the same scenario and seed give the same night")
struct DeterminismTests {
    func events(_ config: WorldConfig) -> [String] {
        let simulation = Simulation(config: config)
        var log: [String] = []
        simulation.observers.append { time, event in log.append("\(time) \(event)") }
        simulation.runToEnd()
        return log
    }

    @Test("Two runs with one seed are identical, event for event")
    func sameSeedSameEvents() {
        var config = Scenario.builtInDefault().config
        config.duration = 24 * Clock.hour
        let a = events(config), b = events(config)
        #expect(a.count > 1000)
        #expect(a == b)
    }

    @Test("Another seed gives another night")
    func otherSeedOtherNight() {
        var config = Scenario.builtInDefault().config
        config.duration = 6 * Clock.hour
        let a = events(config)
        config.seed += 1
        #expect(events(config) != a)
    }

    @Test("The calls do not depend on how the floor is run")
    func demandIndependentOfDispatch() {
        var config = Scenario.builtInDefault().config
        config.duration = 24 * Clock.hour
        func calls(_ config: WorldConfig) -> [String] {
            events(config).filter { $0.contains("callArrived") }
        }
        let baseline = calls(config)
        // Half the officers and no diverting: a very different night for the incidents...
        var thin = config
        thin.units = Array(config.units.prefix(config.units.count / 2))
        thin.dispatch.divertForImmediate = false
        #expect(events(thin) != events(config))
        // ...but the same callers ring at the same moments about the same things.
        #expect(calls(thin) == baseline)
    }
}
