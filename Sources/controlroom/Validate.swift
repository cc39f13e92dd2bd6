import ArgumentParser
import Foundation
import DispatchEngine
import ReadModel
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
                if let said = Self.patrol(ResponseLoad(scenario.config)) { Output.print("  " + said) }
            } catch {
                failed = true
                FileHandle.standardError.write((Output.visible(error.description) + "\n").data(using: .utf8)!)
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// The demand against the patrol at the hour it plays where the patrol is busiest for its
    /// numbers (`ResponseLoad.tightest`), and a word when the
    /// roster is short of it: a trainer who fitted their own demand learns it before a night.
    static func patrol(_ load: ResponseLoad) -> String? {
        let peak = load.tightest
        guard peak.busy > 0 else { return nil }
        let when = "\(RoomClock.days[peak.hourOfWeek / 24]) \(String(format: "%02d", peak.hourOfWeek % 24)):00"
        let busy = String(format: "%.1f", peak.busy)
        let needed = ResponseLoad.needed(for: peak.busy)
        guard peak.onDuty > 0 else {
            return "at its tightest hour for the patrol (\(when)) the demand keeps about \(busy) patrol units busy, and none is on duty then: put about \(needed) on"
        }
        let share = Int((peak.busy / Double(peak.onDuty) * 100).rounded())
        var out = "at its tightest hour for the patrol (\(when)) the demand keeps about \(busy) of the \(peak.onDuty) patrol units on duty busy (\(share) %)"
        if peak.onDuty < needed { out += "; expect incidents to stack: about \(needed) on duty keep them \(Int(ResponseLoad.busyShareSizedFor * 100)) % busy" }
        return out
    }
}
