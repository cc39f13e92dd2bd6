import ArgumentParser
import Console
import Debrief
import DispatchEngine
import Scenario

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

/// A command that reads a recorded journal: `journal` is the path given.
protocol ReadsAJournal { var recorded: RecordedJournal { get } }
extension ReadsAJournal { var journal: String { recorded.journal } }

/// A command that runs a scenario: `seed` is the one given, if any.
protocol Seeded { var seedOption: SeedOption { get } }
extension Seeded { var seed: UInt64? { seedOption.seed } }

/// A console that runs live: `speed` is the one it starts at.
protocol RunsLive { var speedOption: LiveSpeedOption { get } }
extension RunsLive { var speed: Int { speedOption.speed.rawValue } }

/// A simulated time given on the command line (`--until 30d`, `--from 2h`): one parse and one
/// message for every command that takes one.
enum SimulatedTime {
    static let longest = 400 * Clock.day

    static func parse(_ text: String) throws -> SimTime {
        guard let time = DurationText.parse(text), time <= longest else {
            throw ValidationError("'\(text)' is not a duration; expected such as 90m, 14h or 30d (at most 400d)")
        }
        return time
    }
}

/// --trainee: a name the banner, the journal and the debrief can show.
enum Trainee {
    static func name(_ text: String) throws -> String {
        guard !text.allSatisfy(\.isWhitespace), text.count <= 60 else {
            throw ValidationError("--trainee takes the trainee's name (1 to 60 characters)")
        }
        return text
    }
}
