import Foundation
import Testing
import TmuxHarness

/// `controlroom district import` through the real binary on the Helsinki extract, and the
/// district it writes in the console: its streets on the map, an address found by typing part
/// of it, units on their way along the roads.
@Suite("A district imported from OpenStreetMap", .serialized)
struct DistrictEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    /// Imports the extract with the beats into a new folder; the scenario's path.
    static func imported(script: String = "") throws -> (folder: String, scenario: String, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("district-\(UUID().uuidString)").path
        let run = Spawn.run([binary, "district", "import", root + "/districts/helsinki-centre.osm.pbf",
                             "--areas", root + "/districts/helsinki-beats.geojson", "--name", "Helsinki centre", "--out", folder])
        #expect(run.status == 0, "\(run.output)")
        let scenario = folder + "/district.yaml"
        if !script.isEmpty {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: scenario))
            handle.seekToEndOfFile(); handle.write(Data(script.utf8)); try handle.close()
        }
        return (folder, scenario, run.output)
    }

    @Test("Imported: the summary printed, the files written; it validates and runs a night headless; a file that is not an extract is refused, located, nothing written")
    func importAndRun() throws {
        let (folder, scenario, output) = try Self.imported()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(output.contains("Helsinki centre: ") && output.contains(" addresses, ") && output.contains("km of road") && output.contains("2 areas"), "\(output)")
        #expect(output.contains("areas from helsinki-beats.geojson (2 areas): Kamppi beat, Kruununhaka beat"), "\(output)")
        #expect(output.contains("no police station (amenity=police) in the extract"), "\(output)")
        #expect(FileManager.default.fileExists(atPath: folder + "/roads.txt"))
        let valid = Spawn.run([Self.binary, "validate", scenario])
        #expect(valid.status == 0 && valid.output.contains("ok (Helsinki centre"), "\(valid.output)")
        let night = Spawn.run([Self.binary, "sim", scenario])
        #expect(night.status == 0 && night.output.contains("Attendance against targets"), "\(night.output)")
        // Not an extract.
        let bogus = folder + "/bogus.osm.pbf", elsewhere = folder + "/nothing"
        try "not a map\n".write(toFile: bogus, atomically: true, encoding: .utf8)
        let refused = Spawn.run([Self.binary, "district", "import", bogus, "--out", elsewhere])
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.output.contains("bogus.osm.pbf: block 1: this is not an OpenStreetMap PBF file"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        // Beats with latitude and longitude the wrong way round, over the good import: refused,
        // said why, the good district left as it was.
        let before = try String(contentsOfFile: scenario, encoding: .utf8)
        let swapped = folder + "/swapped.geojson"
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "X"}, "geometry": {"type": "Polygon", "coordinates": [[[60.16, 24.93], [60.18, 24.93], [60.18, 24.96], [60.16, 24.93]]]}}]}"#
            .write(toFile: swapped, atomically: true, encoding: .utf8)
        let wrongWay = Spawn.run([Self.binary, "district", "import", Self.root + "/districts/helsinki-centre.osm.pbf", "--areas", swapped, "--out", folder])
        #expect(wrongWay.status == 2 && wrongWay.output.contains("no place of the extract is inside any of its areas")
                && wrongWay.output.contains("are they the wrong way round?"), "\(wrongWay.output)")
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == before)
    }

    @Test("In the console: a 999 caller's address found by typing part of it; the map shows the district's streets; units on their way along them")
    func inTheConsole() throws {
        let script = """

        script:
        - at: 1h30m10s
          call:
            name: break-in next door
            line: 999
            type: burglary
            grade: 1
            place: "7 Yliopistonkatu"
            caller: witness
            says:
              - "Someone's breaking into the flat next door, I can hear glass going."
        """
        let (folder, scenario, _) = try Self.imported(script: script)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = JournalEndToEndTests.temporaryJournal()
        let t = TmuxSession(binary: Self.binary, ["run", scenario, "--role", "call-handler", "--speed", "1", "--journal", journal], width: 130, height: 42)
        #expect(t.wait(timeout: 30) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "\(t.screen())")
        t.keys("n")
        #expect(t.wait(for: "breaking into the flat next door"), "\(t.screen())")
        t.keys("7 yliopist")
        let offered = t.wait { $0.contains("7 Yliopistonkatu") }
        #expect(offered.contains("7 Yliopistonkatu"), "\(offered)")
        t.keys("Tab")
        #expect(t.wait(for: "Location    7 Yliopistonkatu"), "\(t.screen())")
        // Esc leaves the form's typing, Esc again the call's screen (each on its own: Esc and a
        // key at once read as Alt and the key).
        t.keys("Escape")
        #expect(t.wait(for: "c create"), "\(t.screen())")
        t.keys("Escape")
        #expect(t.wait(for: "Still on the call"), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))

        // The dispatcher's map: the streets drawn (far more braille than the places alone), and
        // units on their way.
        let d = TmuxSession(binary: Self.binary, ["run", scenario, "--speed", "1"], width: 160, height: 50)
        #expect(d.wait(for: "Incidents"), "\(d.screen())")
        d.keys("M")
        // A busy machine (the suite runs tests side by side) may be slow to draw the first map.
        let map = d.wait(timeout: 30) { $0.contains("Map (M)") && MapEndToEndTests.braille($0) && $0.contains("N\u{2191}") }
        let cells = map.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count
        #expect(cells > 300, "the streets: \(cells) braille cells\n\(map)")
        #expect(d.wait(timeout: 60) { $0.contains(">") && $0.contains("en route") }.contains("en route"), "\(d.screen())")
        d.keys("q")
        #expect(d.wait(for: "Quit"), "\(d.screen())")
        d.keys("y")
        #expect(d.wait(for: "[exit 0]"))
    }
}
