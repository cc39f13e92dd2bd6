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
        var coverage = CoverageRecord(config: config)
        sim.runToEnd(noting: &coverage)
        return ShiftReport.build(sim.statistics, config: config, start: "2026-11-27 18:00", coverage: coverage)
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
                .replacingOccurrences(of: #"^digital\.(chat|email|online)\."#, with: "digital.LINE.", options: .regularExpression)
                .replacingOccurrences(of: #"^coverage\.[^.]+\."#, with: "coverage.AREA.", options: .regularExpression)
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

@Suite("Figures a modeller needs")
struct ModellerFigureTests {
    /// One 999 line into `handlers` handlers, exponential handling: a queue with a known shape.
    static func queue(handlers: Int, extra: String = "") -> String {
        """
        name: queue
        start: 2026-11-23 00:00
        duration: 2d
        seed: 4
        travel: {time: 10m}
        \(extra)
        roster:
          units: [{callsign: U1}]
          call_handlers: \(handlers)
        demand:
          "999":
            calls_per_hour: 20
            patience: {exponential: 3m}
            handling: {exponential: 5m}
            outcomes: {advice: 100}
        incident_types:
          - {name: job, share: 100, grades: [100, 0, 0, 0], handling: 1s, on_scene: 1s}
        """
    }

    static func run(_ text: String) throws -> (Statistics, ReportNode) {
        let config = try Scenario.parse(text: text, file: "queue.yaml").config
        let sim = Simulation(config: config)
        sim.runToEnd()
        return (sim.statistics, ShiftReport.build(sim.statistics, config: config, start: "2026-11-23 00:00"))
    }

    @Test("Service levels, the share who waited, the mean wait over every caller and the handlers' utilisation agree with the queue")
    func queueFigures() throws {
        let (stats, report) = try Self.run(Self.queue(handlers: 2, extra: "service_levels: [10s, 30s, 2m]"))
        let l = stats.lines[0]
        let w10 = try #require(report.value(at: "calls.999.service_levels.within_10s_percent"))
        let w30 = try #require(report.value(at: "calls.999.service_levels.within_30s_percent"))
        let w2m = try #require(report.value(at: "calls.999.service_levels.within_2m_percent"))
        #expect(w10 <= w30 && w30 <= w2m && w2m < 100)
        #expect(w10 == report.value(at: "calls.999.answered_within_10s_percent"))
        // Offered load 20/h x 5 min = 1.67 Erlang on 2 handlers: most callers wait, many hang up.
        let waited = try #require(report.value(at: "calls.999.waited_percent"))
        #expect(waited > 40 && waited < 100)
        let meanAll = try #require(report.value(at: "calls.999.wait_mean_all_s"))
        let meanAnswered = try #require(report.value(at: "calls.999.answer_mean_s"))
        #expect(meanAll > 0 && l.abandoned > 0)
        #expect(meanAll != meanAnswered, "hung-up callers' waits are in it")
        let utilisation = try #require(report.value(at: "handlers.utilisation_percent"))
        #expect(utilisation > 60 && utilisation <= 100, "\(utilisation)")
    }

    @Test("A warm-up is left out: the figures count only calls that began after it")
    func warmUpLeftOut() throws {
        let (all, _) = try Self.run(Self.queue(handlers: 3))
        let (warm, report) = try Self.run(Self.queue(handlers: 3, extra: "warm_up: 1d"))
        #expect(warm.lines[0].offered < all.lines[0].offered * 6 / 10 && warm.lines[0].offered > all.lines[0].offered * 4 / 10)
        #expect(report.value(at: "scenario.simulated_hours") == 24)
        #expect(report.value(at: "scenario.warm_up_hours") == 24)
    }

    @Test("Service levels and a warm-up are checked and located")
    func validated() {
        for (extra, message) in [("service_levels: [30s, 10s]", "is not longer than the one before"),
                                 ("service_levels: [1s, 2s, 3s, 4s, 5s]", "expected one to four"),
                                 ("warm_up: 3d", "warm_up is not before the end")] {
            do {
                _ = try Scenario.parse(text: Self.queue(handlers: 2, extra: extra), file: "q.yaml")
                Issue.record("\(extra) loaded")
            } catch {
                #expect("\(error)".contains(message) && "\(error)".contains("q.yaml:6:"), "\(error)")
            }
        }
    }
}
