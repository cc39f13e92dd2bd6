import ArgumentParser
import Foundation
import Scenario

/// `controlroom demand fit`: a scenario's demand from the force's own incident history.
struct DemandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "Fit a scenario's demand from your own records.",
        subcommands: [DemandFitCommand.self])
}

struct DemandFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit the demand profile, type mix, grades and time at scene from an incident history (CSV).",
        discussion: """
            The history has one row per incident with the columns created, type and grade, and where known \
            line (999, 101, chat, email, online), place, first_at_scene and cleared. A --columns file maps \
            them to your export's own headers (created: Created Date). Every row that cannot be read is \
            reported with its line, and nothing is written. Exit status 0 when written, 2 when the history \
            cannot be read.
            """)

    @Argument(help: "The incident history (CSV).")
    var history: String

    @Option(name: .long, help: "Where to write the fitted sections (YAML); '-' for standard output.")
    var out: String

    @Option(name: .long, help: "A YAML file naming your export's columns (created: Created Date, ...).")
    var columns: String?

    func run() throws {
        func fail(_ lines: [String]) throws -> Never { try Output.refuse(lines) }
        var names: [String: String] = [:]
        if let columns {
            guard let text = try? String(contentsOfFile: columns, encoding: .utf8) else { try fail(["\(columns): cannot be read; expected a YAML file of column names"]) }
            do { names = try IncidentHistory.names(yaml: text, file: columns) } catch { try fail(error.problems.map(\.description)) }
        }
        guard let text = try? String(contentsOfFile: history, encoding: .utf8) else {
            try fail(["\(history): cannot be read; expected an incident history as CSV (UTF-8)"])
        }
        let read = IncidentHistory(text: text, file: history, names: names)
        guard read.problems.isEmpty else {
            try fail(read.problems + ["\(read.problems.count) row\(read.problems.count == 1 ? "" : "s") could not be read: nothing was written"])
        }
        let fit = DemandFit(read)
        let yaml = fit.yaml(source: (history as NSString).lastPathComponent)
        if out == "-" {
            Output.print(yaml)
        } else {
            do { try Output.file(yaml, to: out) } catch { try fail(["\(out): cannot be written: \(error)"]) }
            for line in fit.summary() { Output.print(line) }
            Output.print("written: \(out)")
        }
    }
}
