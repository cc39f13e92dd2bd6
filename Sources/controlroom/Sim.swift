import ArgumentParser
import DispatchEngine
import Journal
import Report
import Scenario

struct Sim: ParsableCommand, Seeded {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario headless and report the statistics of the shift.",
        discussion: "Replications use seeds SEED, SEED+1, ... and report each figure's mean ± standard error.")

    @Argument(help: "The scenario file (YAML). Use 'default' for the built-in Friday night.")
    var file: String

    @Option(parsing: .unconditional, help: "Simulated time to run, such as 8h or 30d (default: the scenario's duration).",
            transform: SimulatedTime.parse)
    var until: SimTime?

    @OptionGroup var seedOption: SeedOption

    @Option(parsing: .unconditional, help: "Independent replications to run (1 to 10000).",
            transform: { try WholeNumber.parse($0, option: "--runs", in: 1...10_000) })
    var runs: Int = 1

    @Option(parsing: .unconditional, help: "Cores to run replications on, 1 to 256 (default: all of them). The output is the same whatever the number.",
            transform: { try WholeNumber.parse($0, option: "--cores", in: 1...256) })
    var cores: Int?

    @Flag(help: "Print the report as JSON (fields in docs/report.md).")
    var json = false

    @Option(help: "Record the run in a journal at this path (one run only): for report, export, verify and audit.")
    var journal: String?

    func validate() throws {
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs must be from 1 to 10000") }
        if let cores { guard (1...256).contains(cores) else { throw ValidationError("--cores must be from 1 to 256") } }
        if until == 0 { throw ValidationError("--until must be more than nothing, such as 90m, 14h or 30d") }
        if journal != nil && runs > 1 { throw ValidationError("--journal records one run: leave out --runs") }
    }

    func run() throws {
        let scenario = ScenarioFiles.named(file)
        let base = seed ?? scenario.config.seed
        let report: ReportNode
        if let journal {
            report = Journals.attempt { () throws(JournalError) in
                try Runner.record(scenario, file: file, seed: base, until: until, journalPath: journal, signer: Signing.key())
            }
        } else if runs == 1 {
            report = Runner.run(scenario, seed: base, until: until)
        } else {
            report = Replications.combine(Replicate.run(scenario, seed: base, until: until, runs: runs, cores: cores))
        }
        Output.print(json ? Output.json(report.json()) : report.table(), terminator: json ? "\n" : "")
    }
}
