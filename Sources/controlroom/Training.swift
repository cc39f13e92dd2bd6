import ArgumentParser
import Debrief
import Foundation
import Journal
import Scenario

struct DebriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "The debrief of a training session from its journal: each trainee judged on their own actions.",
        discussion: """
            One person's debrief: their seat's expectations met and missed with the times and what it led to, what others \
            did named as theirs, the timelines, the instructor's marks, the KPIs, the score out of the points their seat \
            could earn. --bay puts every trainee of the session side by side; several journals of one scenario and seed \
            compare trainees across sessions. Text for the terminal, Markdown for a course record, or JSON.
            """)

    @Argument(help: "The session's journal (several: compare the sessions' trainees side by side).")
    var journals: [String]

    @Option(help: "How to print it.")
    var format: Debrief.Format = .text

    @Option(help: "Whose debrief (the name they joined with, or the trainee's).")
    var person: String?

    @Flag(help: "Every trainee of the session side by side: seat, score, each expectation met or missed with its time.")
    var bay = false

    func validate() throws {
        guard !journals.isEmpty else { throw ValidationError("give the session's journal") }
        if person != nil && (bay || journals.count > 1) {
            throw ValidationError("--person is one trainee's debrief; --bay and several journals set every trainee side by side")
        }
    }

    func run() throws {
        if bay || journals.count > 1 {
            let report = Debriefs.attempt { () throws(DebriefError) in try BayReport.build(paths: journals) }
            Output.print(format == .json ? Output.json(report.render(format)) : report.render(format), terminator: "")
            return
        }
        let debrief = Debriefs.attempt { () throws(DebriefError) in try Debrief.build(path: journals[0], person: person) }
        Output.print(format == .json ? Output.json(debrief.render(format)) : debrief.render(format), terminator: "")
    }
}

/// A debrief that cannot be given ends the program with its clear error: a journal's as the
/// other read-back commands give it, an unknown person with the people there are (status 2).
enum Debriefs {
    static func attempt<T>(_ body: () throws(DebriefError) -> T) -> T {
        do {
            return try body()
        } catch {
            if case .journal(let journal) = error { Failure.fail(journal.description, status: Journals.exitStatus(journal)) }
            Failure.fail(error.description)
        }
    }
}

struct PracticeCommand: ParsableCommand, Seeded {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Run a training scenario headless with a program in the trainee's seats, and print its debrief.",
        discussion: """
            The program sits as call handler and dispatcher of every area and acts only through the person's commands. \
            The model trainee proves the scenario can be completed: exit status 1 if it misses anything. --poor makes the \
            mistakes trainers see (exit status 1 if the debrief names none); --idle does nothing at all (exit status 1 if \
            it earns any point).
            """)

    @Argument(help: "The training scenario (YAML).")
    var file: String

    @Option(help: "Where to write the journal (default: a new file under $XDG_STATE_HOME/controlroom/).")
    var journal: String?

    @OptionGroup var seedOption: SeedOption

    @Option(help: "How to print it.")
    var format: Debrief.Format = .text

    @Flag(help: "A poor trainee: grades too low, closes a silent line, sends late and the wrong kind, misses the warnings and the welfare checks.")
    var poor = false

    @Flag(help: "A trainee who takes the seats and does nothing at all: the engine sends nothing for them; a call left ringing is taken by its call handlers, named, for no points.")
    var idle = false

    func validate() throws {
        if poor && idle { throw ValidationError("--poor and --idle are two different trainees; give one") }
    }

    func run() throws {
        let scenario = ScenarioFiles.load(file)
        guard !scenario.config.script.isEmpty else {
            Failure.fail("\(file) has no script: practice needs a training scenario (docs/training.md)")
        }
        let play: ModelTrainee.Play = poor ? .poor : idle ? .idle : .model
        let path = journal ?? JournalLocation.newPath(scenario: scenario.name + " practice", start: Date())
        let recorded = Journals.attempt { () throws(JournalError) in
            try Practice.run(scenario, file: file, journalPath: path, seed: seed, play: play, signer: Signing.key())
        }
        let debrief = Debriefs.attempt { () throws(DebriefError) in try Debrief.build(path: recorded) }
        Output.print(format == .json ? Output.json(debrief.render(format)) : debrief.render(format), terminator: "")
        let missed = debrief.yours.contains { !$0.met }
        switch play {
        case .model: if missed { throw ExitCode(1) }
        case .poor: if !missed && debrief.pointsPossible > 0 { throw ExitCode(1) }
        case .idle: if debrief.pointsMet > 0 { throw ExitCode(1) }
        }
    }
}
