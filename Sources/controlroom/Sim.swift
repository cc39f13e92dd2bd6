import ArgumentParser
import DispatchEngine
import Report
import Scenario

struct Sim: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario headless and report the statistics of the shift.",
        discussion: "Replications use seeds SEED, SEED+1, ... and report each figure's mean ± standard error.")

    @Argument(help: "The scenario file (YAML). Use 'default' for the built-in Friday night.")
    var file: String

    @Option(help: "Simulated time to run, such as 8h or 30d (default: the scenario's duration).")
    var until: String?

    @OptionGroup var seedOption: SeedOption
    var seed: UInt64? { seedOption.seed }

    @Option(help: "Independent replications to run.")
    var runs: Int = 1

    @Option(help: "Cores to run replications on (default: all of them). The output is the same whatever the number.")
    var cores: Int?

    @Flag(help: "Print the report as JSON (fields in docs/report.md).")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs must be from 1 to 10000") }
        if let cores { guard (1...256).contains(cores) else { throw ValidationError("--cores must be from 1 to 256") } }
        if let until {
            guard let t = DurationText.parse(until), t > 0, t <= 400 * Clock.day else {
                throw ValidationError("--until '\(until)' is not a duration; expected such as 90m, 14h or 30d (at most 400d)")
            }
        }
    }

    func run() throws {
        let scenario = file == "default" ? ScenarioFiles.builtIn() : ScenarioFiles.load(file)
        let limit = until.flatMap(DurationText.parse)
        let base = seed ?? scenario.config.seed
        let report: ReportNode
        if runs == 1 {
            report = Runner.run(scenario, seed: base, until: limit)
        } else {
            report = Replications.combine(Replicate.run(scenario, seed: base, until: limit, runs: runs, cores: cores))
        }
        print(json ? report.json() : report.table(), terminator: json ? "\n" : "")
    }
}
