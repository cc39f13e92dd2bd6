import ArgumentParser
import Debrief
import Foundation
import Journal
import Scenario

struct DebriefCommand: ParsableCommand, ReadsAJournal {
    static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "The debrief of a training session from its journal: expectations met and missed, timelines, KPIs, the score.",
        discussion: "Text for the terminal (with a timeline chart), Markdown for a course record, or JSON.")

    @OptionGroup var recorded: RecordedJournal

    @Option(help: "How to print it.")
    var format: Debrief.Format = .text

    @Option(help: "On a floor's journal: whose debrief (the name they joined with).")
    var person: String?

    func run() throws {
        let debrief = Journals.attempt { () throws(JournalError) in try Debrief.build(path: journal, person: person) }
        Output.print(format == .json ? Output.json(debrief.render(format)) : debrief.render(format), terminator: "")
    }
}

struct PracticeCommand: ParsableCommand, Seeded {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Run a training scenario headless with a model trainee, and print its debrief.",
        discussion: "Proves a scenario can be completed: the engine plays every seat and the model trainee does what the expectations ask. Exit status 1 if an expectation is missed.")

    @Argument(help: "The training scenario (YAML).")
    var file: String

    @Option(help: "Where to write the journal (default: a new file under $XDG_STATE_HOME/controlroom/).")
    var journal: String?

    @OptionGroup var seedOption: SeedOption

    @Option(help: "How to print it.")
    var format: Debrief.Format = .text

    @Flag(help: "A trainee who does nothing: the engine plays every seat (what the debrief says of a session nobody acted in).")
    var idle = false

    func run() throws {
        let scenario = ScenarioFiles.load(file)
        guard !scenario.config.script.isEmpty else {
            Failure.fail("\(file) has no script: practice needs a training scenario (docs/training.md)")
        }
        let path = journal ?? JournalLocation.newPath(scenario: scenario.name + " practice", start: Date())
        let debrief = Journals.attempt { () throws(JournalError) in
            try Debrief.build(path: Practice.run(scenario, file: file, journalPath: path, seed: seed, idle: idle))
        }
        Output.print(format == .json ? Output.json(debrief.render(format)) : debrief.render(format), terminator: "")
        if !idle && debrief.findings.contains(where: { !$0.met }) { throw ExitCode(1) }
    }
}
