import ArgumentParser
import Console
import ReadModel
import Foundation
import DispatchEngine
import Journal
import Scenario
import Terminal

struct Run: ParsableCommand, Seeded, RunsLive {
    static let configuration = CommandConfiguration(
        abstract: "Open the console on a scenario, with the simulation running live.",
        discussion: "Without a file, the built-in Friday night. Press ? in the console for every key.")

    @Argument(help: "The scenario file (YAML); 'default' or nothing for the built-in Friday night.")
    var file: String?

    @Option(parsing: .unconditional, help: "Open the console this far into the scenario (such as 2h), the night so far already run (default: the scenario's console_from).",
            transform: SimulatedTime.parse)
    var from: SimTime?

    @OptionGroup var seedOption: SeedOption

    @Option(help: .hidden)
    var traceFrames: String?

    @OptionGroup var speedOption: LiveSpeedOption

    @Option(help: "The seat you take. The engine plays the rest.")
    var role: Role = .dispatcher

    @Option(help: "As dispatcher, dispatch only this area; the engine dispatches the others.")
    var area: String?

    @Option(help: "The session's journal (default: a new file under $XDG_STATE_HOME/controlroom/). If it exists, the session recorded in it is resumed.")
    var journal: String?

    @Option(help: "Mark the session as training for this trainee: a banner, instructor controls, a debrief.",
            transform: Trainee.name)
    var trainee: String?

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
        let scenario = ScenarioFiles.named(file)
        var areas: Set<Int> = []
        if let area {
            guard let i = scenario.config.areas.firstIndex(where: { $0.name.lowercased() == area.lowercased() }) else {
                Failure.fail("no area '\(area)' in the scenario; its areas: " + scenario.config.areas.map(\.name).joined(separator: ", "))
            }
            areas = [i]
        }
        let start = from ?? scenario.consoleFrom
        if let from, from >= scenario.config.duration {
            throw ValidationError("--from \(SimulatedTime.text(from)) is not before the scenario's end (it lasts \(SimulatedTime.text(scenario.config.duration)))")
        }
        throw ExitCode(LiveConsole.run({ () throws(JournalError) in
            try LiveSession.start(scenario, file: file ?? "default", seed: seed, from: start, role: role,
                                  areas: areas, trainee: trainee, journalPath: journal)
        }, speed: speed, trace: traceFrames))
    }
}

/// `controlroom resume [JOURNAL]`: carries on a session after a crash, from its journal.
struct Resume: ParsableCommand, RunsLive {
    static let configuration = CommandConfiguration(
        abstract: "Resume a session from its journal after a crash or kill, exactly where it was left.",
        discussion: "Without a journal, the most recent session under $XDG_STATE_HOME/controlroom/ that was not ended with q.")

    @Argument(help: "The session's journal.")
    var journal: String?

    @OptionGroup var speedOption: LiveSpeedOption

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
