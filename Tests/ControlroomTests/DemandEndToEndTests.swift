import Foundation
import Testing
import TmuxHarness

/// `controlroom demand fit` through the real binary: a history fitted and written; a broken one
/// refused with every bad line, nothing written.
@Suite("Demand fit from the command line")
struct DemandEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary

    @Test("A history is fitted to YAML with its goodness of fit printed; a broken one exits 2 naming every bad line and writes nothing; a force's headers are mapped by --columns")
    func fit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demand-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Three weeks of a small history: burglaries in the evening, thefts by day.
        var rows = ["Created Date,Final Type,Priority,Source,Location,Arrived,Cleared"]
        for day in 1...21 {
            for (hour, type, grade) in [(9, "theft", 3), (14, "theft", 3), (19, "burglary", 1), (21, "burglary", 2), (22, "domestic", 1)] {
                let d = String(format: "2026-10-%02d", day)
                rows.append("\(d) \(hour):\(String(format: "%02d", day % 60)),\(type),\(grade),\(grade == 1 ? "999" : "101"),\"Market Square, Hartley\",\(d) \(hour):40,\(d) \(hour + 1):\(String(format: "%02d", 10 + day))")
            }
        }
        let history = folder + "/history.csv", columns = folder + "/columns.yaml", out = folder + "/demand.yaml"
        try rows.joined(separator: "\n").write(toFile: history, atomically: true, encoding: .utf8)
        try "created: Created Date\ntype: Final Type\ngrade: Priority\nline: Source\nplace: Location\nfirst_at_scene: Arrived\ncleared: Cleared\n"
            .write(toFile: columns, atomically: true, encoding: .utf8)
        let good = Spawn.run([Self.binary, "demand", "fit", history, "--columns", columns, "--out", out])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("105 incidents over") && good.output.contains("chi-square") && good.output.contains("written: \(out)"), "\(good.output)")
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("  - name: \"theft\"\n    share: 40") && yaml.contains("on_scene: {lognormal: {median: "), "\(yaml)")
        #expect(yaml.contains("#   \"Market Square, Hartley\": 100"), "\(yaml)")
        // Broken: every bad line named, nothing written.
        let broken = folder + "/broken.csv", nothing = folder + "/nothing.yaml"
        try "created,type,grade\n2026-10-01 10:00,theft,3\nnot a date,theft,3\n2026-10-01 11:00,theft,9\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = Spawn.run([Self.binary, "demand", "fit", broken, "--out", nothing])
        #expect(bad.status == 2, "\(bad.output)")
        #expect(bad.output.contains("broken.csv:3: created 'not a date'") && bad.output.contains("broken.csv:4: grade '9'")
                && bad.output.contains("2 rows could not be read: nothing was written"), "\(bad.output)")
        #expect(!FileManager.default.fileExists(atPath: nothing))
    }
}
