import ArgumentParser
import Console
import Debrief
import DispatchEngine
import Scenario

/// The speeds the console runs at: the command line takes the same ones.
enum SpeedChoice: Int, CaseIterable, ExpressibleByArgument {
    case x1 = 1, x2 = 2, x5 = 5, x10 = 10, x20 = 20, x30 = 30, x60 = 60
}

extension Role: ExpressibleByArgument {}
extension Debrief.Format: ExpressibleByArgument {}

/// --seed, for every command that runs a scenario. Read unconditionally, so that `--seed -1` is
/// a number refused for what it is rather than "Missing value".
struct SeedOption: ParsableArguments {
    @Option(parsing: .unconditional, help: "Random seed, 0 to 18446744073709551615 (default: the scenario's seed).",
            transform: SeedOption.parse)
    var seed: UInt64?

    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else {
            throw ValidationError("'\(text)' is not a seed; expected a whole number from 0 to 18446744073709551615")
        }
        return seed
    }
}

/// A whole number on the command line, negative ones read as numbers (not taken for options)
/// and refused with the range expected.
enum WholeNumber {
    static func parse(_ text: String, option: String, in range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw ValidationError("\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound); '\(text)' is not")
        }
        return n
    }
}

/// The exit statuses every command uses (said in the root command's help and the README).
enum ExitStatuses {
    static let help = """
    Exit status: 0 done; 1 a check failed or an output could not be written (verify found a \
    difference, a journal is not intact or does not replay, a file or standard output could not be \
    written, a session ended with events its journal could not take); 2 bad input (a scenario that \
    does not validate, a bad journal, no terminal for the console); 64 a usage error (an unknown \
    option or subcommand, a value out of range).
    """
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

    /// A duration as it is typed: "14h", "1h30m", "45s".
    static func text(_ time: SimTime) -> String {
        let seconds = time / Clock.second
        let (d, h, m, s) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
        let parts = [(d, "d"), (h, "h"), (m, "m"), (s, "s")].filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
        return parts.isEmpty ? "0s" : parts.joined()
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
