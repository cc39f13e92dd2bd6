import ArgumentParser
import Console
import Debrief

/// The speeds the console runs at: the command line takes the same ones.
enum SpeedChoice: Int, CaseIterable, ExpressibleByArgument {
    case x1 = 1, x2 = 2, x5 = 5, x10 = 10, x60 = 60
}

extension Role: ExpressibleByArgument {}
extension Debrief.Format: ExpressibleByArgument {}

/// --seed, for every command that runs a scenario.
struct SeedOption: ParsableArguments {
    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?
}

/// --speed for a console that runs live (run, resume).
struct LiveSpeedOption: ParsableArguments {
    @Option(help: "Start at this speed.")
    var speed: SpeedChoice = .x1
}

/// The journal a read-back command reads (report, export, verify, debrief, watch, replay).
struct RecordedJournal: ParsableArguments {
    @Argument(help: "The session's journal.")
    var journal: String
}
