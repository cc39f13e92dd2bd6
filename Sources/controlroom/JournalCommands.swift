import ArgumentParser
import Foundation
import DispatchEngine
import Journal
import PostgresLink
import ReadModel
import Report

/// Opens a recorded session for the read-back commands; a bad journal ends the program with
/// its clear error, never a trace.
enum Journals {
    /// The value, or the journal's error said on standard error and exit status 2 (1 for a
    /// journal that opens but does not replay: its record is wrong, not its file).
    static func attempt<T>(_ body: () throws(JournalError) -> T) -> T {
        do {
            return try body()
        } catch {
            Failure.fail(error.description, status: exitStatus(error))
        }
    }

    /// A journal as it may be printed: a database's address without its password.
    static func shown(_ location: String) -> String { Journal.inDatabase(location) ? PostgresAddress.redacted(location) : location }

    static func exitStatus(_ error: JournalError) -> Int32 {
        switch error {
        case .doesNotReplay, .notIntact: return 1
        default: return 2
        }
    }

    static func session(_ path: String, attach: @escaping (Simulation, Floor) -> Void = { _, _ in }) -> RecordedSession {
        attempt { () throws(JournalError) in try RecordedSession(path: path, attach: attach) }
    }

    static func open(_ path: String) -> Journal {
        attempt { () throws(JournalError) in try Journal.open(at: path, readOnly: true) }
    }
}

struct ReportCommand: ParsableCommand, ReadsAJournal {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the statistics of a recorded session from its journal.",
        discussion: "The session's seat and actions, then the shift's figures as `controlroom sim` gives them (docs/report.md).")

    @OptionGroup var recorded: RecordedJournal

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let report = SessionReport.build(Journals.session(journal))
        Output.print(json ? Output.json(report.json()) : report.table(), terminator: json ? "\n" : "")
    }
}

struct Export: ParsableCommand, ReadsAJournal {
    static let configuration = CommandConfiguration(
        abstract: "Write a recorded session's incidents, calls, radio log or events as CSV for a spreadsheet.",
        discussion: "One of --incidents, --calls, --radio or --events, each naming the CSV file to write ('-': standard output).")

    @OptionGroup var recorded: RecordedJournal

    @Option(help: "Write every incident (times, grades, units, targets met, closing) to this CSV file.")
    var incidents: String?

    @Option(help: "Write every call (line, times, number, outcome, handler, incident, transfer, ring back) to this CSV file.")
    var calls: String?

    @Option(help: "Write the radio log to this CSV file.")
    var radio: String?

    @Option(help: "Write every recorded event (time, actor, kind, JSON payload) to this CSV file.")
    var events: String?

    func validate() throws {
        guard [incidents, calls, radio, events].compactMap({ $0 }).count == 1 else {
            throw ValidationError("name one of --incidents FILE, --calls FILE, --radio FILE or --events FILE")
        }
    }

    func run() throws {
        let target = incidents ?? calls ?? radio ?? events!
        var out = ""
        var written = 0
        let write: (String) throws -> Void = { text in
            if target == "-" { Output.print(text, terminator: "") } else { out += Output.visible(text) }
            written += 1
        }
        if incidents != nil {
            try write(JournalExport.incidents(Journals.session(journal)))
        } else if calls != nil {
            let log = CallLog()
            let session = Journals.session(journal) { simulation, _ in log.attach(to: simulation) }
            try write(JournalExport.calls(session, log))
        } else if radio != nil {
            try write(JournalExport.radio(Journals.session(journal)))
        } else {
            let opened = Journals.open(journal)
            do {
                try JournalExport.events(opened, write: write)
            } catch {
                Failure.fail("\(error)")
            }
        }
        guard target != "-" else { return }
        do {
            try Output.file(out, to: target)
        } catch {
            Failure.fail("\(error)", status: 1)
        }
        let lines = out.components(separatedBy: "\r\n").count - 2
        Output.print("wrote \(target): \(lines) rows")
    }
}

struct Verify: ParsableCommand, ReadsAJournal {
    static let configuration = CommandConfiguration(
        abstract: "Check a journal against its own replay, event for event.",
        discussion: "Checks the chain of links every row carries (an edited, deleted, inserted or re-ordered row, an edited scenario or a row removed from the end breaks it), then replays the recorded scenario, seed and actions and compares every event with the record. Exit status 1 at the first broken link or difference.")

    @OptionGroup var recorded: RecordedJournal

    @Option(help: "A public key (a file as `controlroom key --export` writes it): the record must be signed by it.")
    var key: String?

    func run() throws {
        let outcome = Journals.attempt { () throws(JournalError) in try JournalVerification.check(Journals.open(journal)) }
        if let difference = outcome.difference {
            Output.print("\(Journals.shown(journal)): the record is not intact: \(difference)")
            throw ExitCode(1)
        }
        let checkpoints = Journals.attempt { () throws(JournalError) in try Journals.open(journal).checkpoints() }
        Output.print("\(Journals.shown(journal)): \(outcome.events) events and \(outcome.actions) actions; "
              + (outcome.linked ? "every link of the chain holds, and " : "written before the journal's rows were linked (format 1), so only ")
              + "the replay matches the record event for event")
        let signers = Set(checkpoints.map(\.publicKey))
        if let last = checkpoints.last {
            Output.print("signed by " + signers.map(JournalSigner.fingerprint(of:)).sorted().joined(separator: " and ")
                         + ": \(checkpoints.count) checkpoints, the last at " + Self.stamp(last.wallTime)
                         + (last.ended ? " (the end)" : "") + "; nothing was cut from the record before it")
        } else {
            Output.print("no signed checkpoint: who wrote it, and whether rows were cut from its end, cannot be proved")
        }
        if let key {
            guard let text = try? String(contentsOfFile: key, encoding: .utf8),
                  let wanted = text.split(whereSeparator: \.isWhitespace).first.map(String.init), wanted.count == 64 else {
                Output.print("\(key): not a public key as controlroom key --export writes it")
                throw ExitCode(2)
            }
            guard !checkpoints.isEmpty, signers == [wanted] else {
                Output.print("\(Journals.shown(journal)): not signed by \(JournalSigner.fingerprint(of: wanted))"
                             + (signers.isEmpty ? " (no signed checkpoint)" : " but by " + signers.map(JournalSigner.fingerprint(of:)).sorted().joined(separator: " and ")))
                throw ExitCode(1)
            }
            Output.print("the key \(JournalSigner.fingerprint(of: wanted)) signed every checkpoint")
        }
    }

    static func stamp(_ wall: Double) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: Date(timeIntervalSince1970: wall))
    }
}
