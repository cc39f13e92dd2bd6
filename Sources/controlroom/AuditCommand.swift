import ArgumentParser
import Audit
import Claims
import Foundation

/// `audit JOURNAL...`: every figure the report, the overview, the records, the exports and the
/// debrief state, worked out again from the raw journal by code of its own; each disagreement
/// listed, exit status 1 if there is any.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check every figure the views of a session state against the raw journal, worked out independently.",
        discussion: "The report, the supervisor's overview at every hour, each incident's record, the incidents and calls exports and a training session's debrief, against figures the audit works out from the journal's event and action rows by code of its own (docs/journal.md). Exit status 1 on any disagreement.")

    @Argument(help: "The journals to audit.")
    var journals: [String]

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func validate() throws {
        guard !journals.isEmpty else { throw ValidationError("name at least one journal") }
    }

    func run() throws {
        var results: [AuditResult] = []
        for path in journals {
            do {
                results.append(try Claims.audit(path: path))
            } catch {
                Failure.fail(error.description, status: 2)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Output.print(Output.json(String(decoding: try encoder.encode(results), as: UTF8.self)))
        } else {
            for result in results { for line in result.lines() { Output.print(line) } }
        }
        if results.contains(where: { !$0.disagreements.isEmpty }) { throw ExitCode(1) }
    }
}
