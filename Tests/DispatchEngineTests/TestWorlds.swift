import DispatchEngine
import Scenario

/// Small worlds stated in the scenario format, as a trainer or an analyst would write them.
enum TestWorlds {
    /// The small town with nobody but a person in the call-handling seat, its lines as `adjust`
    /// leaves them: the simulation and the person's seat.
    static func seatedInSmallTown(_ adjust: (inout WorldConfig) -> Void) throws -> (Simulation, HandlerIndex) {
        var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
        config.callHandlers = []
        adjust(&config)
        let sim = Simulation(config: config)
        let seat = HandlerIndex(sim.world.handlers.count)
        try sim.execute(.seatCallHandler)
        return (sim, seat)
    }

    /// One line of calls at `perHour`, `handlers` call handlers, exponential handling; no
    /// incidents (every call is resolved with advice).
    static func callQueue(perHour: Double, handlers: Int, handlingMean: String,
                          patience: String, hours: Int, seed: UInt64) -> WorldConfig {
        load("""
        name: call queue
        start: 2026-11-23 00:00
        duration: \(hours)h
        seed: \(seed)
        travel: {time: 10m}
        roster:
          units: [{callsign: U1}]
          call_handlers: \(handlers)
        demand:
          "999":
            calls_per_hour: \(perHour)
            patience: \(patience)
            handling: {exponential: \(handlingMean)}
            outcomes: {advice: 100}
        incident_types:
          - {name: job, share: 100, grades: [100, 0, 0, 0], handling: 1s, on_scene: 1s}
        """)
    }

    /// Incidents arriving as a Poisson stream (calls handled in a fixed second by plenty of
    /// handlers), graded by `grades` (%), served by `officers` identical officers with no
    /// travel and exponential time at scene.
    static func priorityDispatch(perHour: Double, grades: [Int], officers: Int, onSceneMean: String,
                                 hours: Int, seed: UInt64) -> WorldConfig {
        load("""
        name: priority dispatch
        start: 2026-11-23 00:00
        duration: \(hours)h
        seed: \(seed)
        travel: {time: 0s}
        roster:
          units: [{callsign: "P###", count: \(officers)}]
          call_handlers: 200
        demand:
          "999":
            calls_per_hour: \(perHour)
            handling: 1s
            outcomes: {incident: 100}
        incident_types:
          - {name: job, share: 100, grades: [\(grades.map(String.init).joined(separator: ", ")), 0], handling: 1s, on_scene: {exponential: \(onSceneMean)}}
        dispatch: {divert: false}
        refreshments: false
        """)
    }

    /// Two days of the built-in district, half as many calls as the night itself, so that many
    /// units are free when incidents are looked at.
    static func quieterDefault(days: SimTime = 2) -> WorldConfig {
        var config = Scenario.builtInDefault().config
        config.duration = days * Clock.day
        config.lines[0].callsPerHour /= 2
        config.lines[1].callsPerHour /= 2
        return config
    }

    static func load(_ text: String) -> WorldConfig {
        do {
            return try Scenario.parse(text: text, file: "test.yaml").config
        } catch {
            fatalError("test scenario does not load: \(error)")
        }
    }
}

/// Mean and standard error over replications.
struct Estimate: CustomStringConvertible {
    var mean: Double
    var standardError: Double
    init(_ values: [Double]) {
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        mean = m
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        standardError = (variance / n).squareRoot()
    }
    /// Within `k` standard errors (plus a small absolute slack for warm-up bias).
    func agrees(with theory: Double, k: Double = 4, slack: Double = 0) -> Bool {
        abs(mean - theory) <= k * standardError + slack
    }
    var description: String { "\(mean) ± \(standardError)" }
}
