import ArgumentParser
import Console
import ReadModel
import Foundation
import DispatchEngine
import Journal
import Scenario
import Terminal

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the console on a scenario, with the simulation running live.",
        discussion: "Without a file, the built-in Friday night. Press ? in the console for every key.")

    @Argument(help: "The scenario file (YAML); 'default' or nothing for the built-in Friday night.")
    var file: String?

    @OptionGroup var seedOption: SeedOption
    var seed: UInt64? { seedOption.seed }

    @Option(help: "Open the console this far into the scenario (such as 2h), the night so far already run (default: the scenario's console_from).")
    var from: String?

    @Option(help: .hidden)
    var traceFrames: String?

    @OptionGroup var speedOption: LiveSpeedOption
    var speed: Int { speedOption.speed.rawValue }

    @Option(help: "The seat you take. The engine plays the rest.")
    var role: Role = .dispatcher

    @Option(help: "As dispatcher, dispatch only this area; the engine dispatches the others.")
    var area: String?

    @Option(help: "The session's journal (default: a new file under $XDG_STATE_HOME/controlroom/). If it exists, the session recorded in it is resumed.")
    var journal: String?

    @Option(help: "Mark the session as training for this trainee: a banner, instructor controls, a debrief.")
    var trainee: String?

    func validate() throws {
        if let from {
            guard let t = DurationText.parse(from), t <= 400 * Clock.day else {
                throw ValidationError("--from '\(from)' is not a duration; expected such as 30m or 2h")
            }
        }
    }

    func run() throws {
        guard Terminal.isInteractive else {
            Failure.fail("the console needs a terminal; for a report without one, run: controlroom sim \(file ?? "default")")
        }
        if let journal, FileManager.default.fileExists(atPath: journal) {
            // Starting again with the same journal resumes it: its scenario, seed and seat.
            guard file == nil, seed == nil, area == nil, trainee == nil else {
                Failure.fail("\(journal) already holds a session; to resume it, run: controlroom run --journal \(journal) "
                             + "(its own scenario, seed and seat are used), or name a new journal")
            }
            throw ExitCode(Resume.open(journal, speed: speed, trace: traceFrames))
        }
        let scenario = file == nil || file == "default" ? ScenarioFiles.builtIn() : ScenarioFiles.load(file!)
        var areas: Set<Int> = []
        if let area {
            guard let i = scenario.config.areas.firstIndex(where: { $0.name.lowercased() == area.lowercased() }) else {
                Failure.fail("no area '\(area)' in the scenario; its areas: " + scenario.config.areas.map(\.name).joined(separator: ", "))
            }
            areas = [i]
        }
        if let trainee, trainee.trimmingCharacters(in: .whitespaces).isEmpty || trainee.count > 60 {
            Failure.fail("--trainee takes the trainee's name (1 to 60 characters)")
        }
        let start = from.flatMap(DurationText.parse) ?? scenario.consoleFrom
        throw ExitCode(LiveConsole.run({ () throws(JournalError) in
            try LiveSession.start(scenario, file: file ?? "default", seed: seed, from: start, role: role,
                                  areas: areas, trainee: trainee, journalPath: journal)
        }, speed: speed, trace: traceFrames))
    }
}

/// `controlroom resume [JOURNAL]`: carries on a session after a crash, from its journal.
struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resume a session from its journal after a crash or kill, exactly where it was left.",
        discussion: "Without a journal, the most recent session under $XDG_STATE_HOME/controlroom/ that was not ended with q.")

    @Argument(help: "The session's journal.")
    var journal: String?

    @OptionGroup var speedOption: LiveSpeedOption
    var speed: Int { speedOption.speed.rawValue }

    func run() throws {
        guard Terminal.isInteractive else { Failure.fail("the console needs a terminal") }
        guard let path = journal ?? JournalLocation.latestUnfinished() else {
            Failure.fail("no unfinished session under \(JournalLocation.folder()); name the journal: controlroom resume JOURNAL")
        }
        throw ExitCode(Self.open(path, speed: speed, trace: nil))
    }

    static func open(_ path: String, speed: Int, trace: String?) -> Int32 {
        LiveConsole.run({ () throws(JournalError) in try LiveSession.resume(path) }, speed: speed, trace: trace)
    }
}
