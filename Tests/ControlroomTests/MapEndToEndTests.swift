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
        // The whole pane, not a frame caught half drawn (a busy machine shows the radio's old
        // lines under the map's first rows for a moment).
        let map = t.wait { $0.contains("Map (M)") && Self.braille($0) && $0.contains("N\u{2191}") && $0.contains(" km") }
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

    func quit(_ t: TmuxSession) {
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
    }

    @Test("At 80x24 and at 200x60 the map is drawn with north and a scale; z zooms it over the whole screen and back")
    func sizes() throws {
        for (width, height) in [(80, 24), (200, 60)] {
            let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--speed", "1"], width: width, height: height)
            #expect(t.wait(for: "Incidents"), "\(t.screen())")
            t.keys("M")
            // The whole frame, not one caught half drawn (the map's top rows over the radio's).
            let map = t.wait { $0.contains("Map (M)") && Self.braille($0) && $0.contains(" km") && !$0.contains(" → ") }
            #expect(map.contains("N\u{2191}") && map.contains(" km") && !map.contains(" → "), "\(width)x\(height): \(map)")
            t.keys("z")
            let zoomed = t.wait { $0.contains("Map (M)") && !$0.contains("Incidents") }
            #expect(!zoomed.contains("Incidents") && Self.braille(zoomed), "\(width)x\(height): \(zoomed)")
            t.keys("z")
            #expect(t.wait { $0.contains("Incidents") && $0.contains("Map (M)") }.contains("Incidents"), "\(t.screen())")
            t.keys("M")
            _ = t.wait { !$0.contains("Map (M)") }
            quit(t)
        }
    }

    @Test("f follows the selected incident (the title says so), an arrow pans away from where it was, + and - zoom; the units move between frames")
    func followPanZoom() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--speed", "20"], width: 120, height: 40)
        #expect(t.wait(for: "Incidents"), "\(t.screen())")
        t.keys("j")
        t.keys("M")
        let map = t.wait { $0.contains("Map (M)") && Self.braille($0) }
        t.keys("f")
        // The title is what lasts; at 20x the status line may already carry the next alert.
        let following = t.wait { $0.contains("Map (M)  following") }
        #expect(following.contains("Map (M)  following"), "\(following)")
        t.keys("Left")
        let panned = t.wait { Self.mapLines($0) != Self.mapLines(following) }
        #expect(Self.mapLines(panned) != Self.mapLines(following), "\(panned)")
        t.keys("+")
        #expect(t.wait(for: "across."), "\(t.screen())")
        t.keys("-")
        #expect(t.wait(for: "across."), "\(t.screen())")
        // At 20x the units on the way move: the map's drawing changes with no key pressed.
        let before = Self.mapLines(t.screen())
        let moved = t.wait(timeout: 20) { Self.mapLines($0) != before }
        #expect(Self.mapLines(moved) != before, "\(moved)")
        _ = map
        quit(t)
    }

    static func brailleLine(_ line: String) -> Bool { braille(line) }
    /// The lines the map draws on (those with braille), without the status line's words.
    static func mapLines(_ screen: String) -> [String] { screen.components(separatedBy: "\n").filter(brailleLine) }

    @Test("Without colour (NO_COLOR) the map is still read by its shapes: no colour is sent, units and incidents are marked")
    func monochrome() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h"], width: 120, height: 40, env: ["NO_COLOR": "1"])
        #expect(t.wait(for: "Incidents"), "\(t.screen())")
        t.keys("M")
        let map = t.wait { $0.contains("Map (M)") && Self.braille($0) }
        let coloured = t.screen(colours: true)
        #expect(coloured.range(of: #"\[[0-9;]*(3[0-7]|38;5;[0-9]+|4[0-7])m"#, options: .regularExpression) == nil, "\(coloured)")
        let mapLines = map.components(separatedBy: "\n").filter(Self.brailleLine)
        #expect(mapLines.contains { $0.contains("o") || $0.contains(">") || $0.contains("*") }, "\(map)")
        quit(t)
    }
}
