import ArgumentParser
import Foundation
import Scenario

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files without running them.",
        discussion: "Exit status 0 when every file is valid, 2 when any is not. Problems are printed as file:line:column: message.")

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one scenario file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let scenario = try Scenario.load(path: file)
                Output.print("\(file): ok (\(scenario.name): \(scenario.config.units.count) units, \(scenario.config.incidentTypes.count) incident types)")
            } catch {
                failed = true
                FileHandle.standardError.write((Output.visible(error.description) + "\n").data(using: .utf8)!)
            }
        }
        if failed { throw ExitCode(2) }
    }
}
