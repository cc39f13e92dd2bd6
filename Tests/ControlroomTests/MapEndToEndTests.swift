import Foundation
import Testing
import TmuxHarness

/// The map through the real binary: shown with M in braille, zoomed, fitted; ASCII under a
/// locale without UTF-8.
@Suite("The map in a terminal", .serialized)
struct MapEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary

    static func braille(_ screen: String) -> Bool { screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }

    @Test("M shows the map in braille with north and a scale; + zooms in, 0 fits the district again; M brings the radio back")
    func mapShown() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--speed", "1"], width: 120, height: 40)
        #expect(t.wait(for: "Incidents"), "\(t.screen())")
        t.keys("M")
        let map = t.wait { $0.contains("Map (M)") && Self.braille($0) }
        #expect(map.contains("N\u{2191}") && map.contains(" km"), "\(map)")
        t.keys("+")
        #expect(t.wait(for: "across."), "\(t.screen())")
        t.keys("0")
        #expect(t.wait(for: "The whole district."), "\(t.screen())")
        t.keys("M")
        #expect(t.wait { $0.contains("Radio") && !$0.contains("Map (M)") }.contains("Radio"), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
    }

    @Test("Under a locale without UTF-8 the map is drawn in ASCII")
    func ascii() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h"], width: 100, height: 30, env: ["LC_ALL": "C", "LANG": "C"])
        #expect(t.wait(for: "Incidents"), "\(t.screen())")
        t.keys("M")
        let map = t.wait { $0.contains("Map (M)") }
        #expect(map.contains("N^") && !Self.braille(map), "\(map)")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
    }
}
