import DispatchEngine
import Foundation
@testable import Report
import Scenario
import Testing

@Suite("Headless report")
struct ReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func report(seed: UInt64 = 1, hours: Int = 14) -> ReportNode {
        var config = Scenario.builtInDefault().config
        config.seed = seed
        config.duration = SimTime(hours) * Clock.hour
        let sim = Simulation(config: config)
        sim.runToEnd()
        return ShiftReport.build(sim.statistics, config: config, start: "2026-11-27 18:00")
    }

    /// Every path to a figure in the JSON, such as calls.999.answer_mean_s.
    func paths(_ node: ReportNode, prefix: String = "") -> [String] {
        switch node {
        case .group(let entries):
            return entries.flatMap { paths($0.node, prefix: prefix.isEmpty ? $0.key : prefix + "." + $0.key) }
        default:
            return [prefix]
        }
    }

    @Test("The figures add up: calls answered or abandoned, incidents by grade and by type")
    func consistent() {
        let r = report()
        for line in ["999", "101"] {
            let offered = r.value(at: "calls.\(line).offered")!
            let finished = r.value(at: "calls.\(line).answered")! + r.value(at: "calls.\(line).abandoned")!
            #expect(offered >= finished && offered - finished <= 5)
            let bands = ["under_10s", "10_to_60s", "over_60s"].compactMap { r.value(at: "calls.\(line).answer_bands_percent.\($0)") }
            if bands.count == 3 { #expect(abs(bands.reduce(0, +) - 100) < 0.01) }
        }
        let created = r.value(at: "incidents.created")!
        let byGrade = (1...4).map { r.value(at: "incidents.by_grade.grade\($0)")! }.reduce(0, +)
        #expect(created == byGrade)
        let byType = r["incidents"]!["by_type"]!.children.map { $0.node.value(at: "total")! }.reduce(0, +)
        #expect(created == byType)
        #expect(created > 20)
    }

    @Test("JSON is the same, byte for byte, for the same seed; different for another")
    func deterministicJSON() {
        let a = report(seed: 9).json(), b = report(seed: 9).json()
        #expect(a == b)
        #expect(report(seed: 10).json() != a)
        #expect(a.hasPrefix("{\n") && a.hasSuffix("}"))
    }

    @Test("docs/report.md names every field of the JSON report")
    func documented() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/report.md"), encoding: .utf8)
        let undocumented = paths(report()).filter { path in
            // Incident types are the scenario's own names: documented as a pattern.
            let generic = path
                .replacingOccurrences(of: #"by_type\.[^.]+\."#, with: "by_type.TYPE.", options: .regularExpression)
                .replacingOccurrences(of: #"^units\.[a-z]+\."#, with: "units.KIND.", options: .regularExpression)
            return !doc.contains("`\(generic)`")
        }
        #expect(undocumented.isEmpty, "undocumented: \(undocumented)")
    }

    @Test("Replications give each figure a mean and a standard error")
    func replications() {
        let combined = Replications.combine([report(seed: 1, hours: 6), report(seed: 2, hours: 6), report(seed: 3, hours: 6)])
        guard case let .estimate(mean, error, runs, _)? = combined["calls"]?["999"]?["offered"] else {
            Issue.record("no estimate for calls offered"); return
        }
        #expect(runs == 3)
        #expect(mean! > 0 && error! > 0)
        #expect(combined.json().contains("\"stderr\""))
        #expect(combined.table().contains(" ± "))
        // The mean is the mean of the runs.
        let each = [1, 2, 3].map { report(seed: UInt64($0), hours: 6).value(at: "calls.999.offered")! }
        #expect(abs(mean! - each.reduce(0, +) / 3) < 1e-9)
    }

    @Test("The table reads as a shift report")
    func table() {
        let text = report().table()
        for heading in ["Calls", "Incidents", "Attendance against targets", "Unit utilisation", "Radio"] {
            #expect(text.contains("\n\(heading)\n"))
        }
        #expect(text.contains("answered within 10 s"))
    }
}
