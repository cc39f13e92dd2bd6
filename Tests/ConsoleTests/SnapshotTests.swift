import Console
import ReadModel
import DispatchEngine
import Foundation
import Scenario
import Testing

/// The screen at fixed sizes against golden files in Snapshots/. Set RECORD_SNAPSHOTS=1 to
/// write them anew after an intended change, and read the diff before committing.
@Suite("Console snapshots")
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// The frame as a golden file records it: the text, then each row's styles as one letter a
    /// cell, then what each letter means (letters given in order of first use).
    static func golden(_ frame: Frame) -> String {
        var letters: [CellStyle: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styles: [String] = []
        for r in 0..<frame.height {
            var line = ""
            for c in 0..<frame.width {
                let style = frame[r, c].style
                if letters[style] == nil {
                    let letter = letters.count < alphabet.count ? alphabet[letters.count] : "?"
                    letters[style] = letter
                    legend.append("\(letter) \(style.ink)" + (style.bold ? " bold" : "") + (style.reverse ? " reverse" : "")
                                  + (style.underline ? " underline" : ""))
                }
                line.append(letters[style]!)
            }
            styles.append(line)
        }
        return frame.text + "\n--- styles\n" + styles.joined(separator: "\n") + "\n--- legend\n" + legend.joined(separator: "\n") + "\n"
    }

    func check(_ name: String, _ frame: Frame) {
        let file = Self.directory.appendingPathComponent("\(name).txt")
        let text = Self.golden(frame)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try? FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt: run with RECORD_SNAPSHOTS=1")
            return
        }
        if golden != text {
            let lines = Self.diff(golden, text)
            Issue.record("\(name) differs from its snapshot:\n\(lines)")
        }
    }

    /// Every differing line, numbered, wanted above what came (text rows, then style rows).
    static func diff(_ want: String, _ got: String) -> String {
        let w = want.split(separator: "\n", omittingEmptySubsequences: false)
        let g = got.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(w.count, g.count) {
            let a = i < w.count ? String(w[i]) : "(none)", b = i < g.count ? String(g[i]) : "(none)"
            if a != b { out.append("line \(i + 1):\n  want: \(a)\n  got:  \(b)") }
        }
        return out.joined(separator: "\n")
    }

    @Test("The three panes and the status bar", arguments: sizes)
    func main(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        check("main-\(size.0)x\(size.1)", c.frame)
    }

    @Test("Each pane zoomed", arguments: sizes)
    func zoomed(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        for pane in Layout.panes(for: c.state.role) {
            c.state.focus = pane
            c.state.zoomed = true
            check("zoom-\(pane.title.lowercased())-\(size.0)x\(size.1)", c.frame)
        }
    }

    @Test("The map in the radio log's place, and zoomed to the whole screen; ASCII without UTF-8", arguments: sizes)
    func map(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        c.press(.character("M"))
        check("map-\(size.0)x\(size.1)", c.frame)
        c.press(.character("z"))
        check("map-zoomed-\(size.0)x\(size.1)", c.frame)
        let ascii = ConsoleFixture(width: size.0, height: size.1, glyphs: .ascii)
        ascii.press(.character("M"), .character("z"))
        check("map-ascii-\(size.0)x\(size.1)", ascii.frame)
    }

    /// The built-in night with the longest names any shipped scenario has: the longest place
    /// (where 0006 is), the longest type (0001's) and the longest area name.
    static func longestNames() -> Scenario {
        var scenario = Scenario.builtInDefault()
        var config = scenario.config
        let longPlace = "The Old Rectory, Church Lane, Little Hartley"
        if let riverside = config.places.firstIndex(where: { $0.name == "Riverside Flats, Mill Lane" }) { config.places[riverside].name = longPlace }
        if let a = config.incidentTypes.firstIndex(where: { $0.name == "public order / disorder" }),
           let b = config.incidentTypes.firstIndex(where: { $0.name == "collapse / injury / trapped" }) {
            config.incidentTypes[a].name = "collapse / injury / trapped"
            config.incidentTypes[b].name = "public order / disorder"
        }
        if let marsh = config.areas.firstIndex(where: { $0.name == "Marsh Villages" }) { config.areas[marsh].name = "Hartley Villages" }
        scenario.config = config
        return scenario
    }

    @Test("The longest shipped names at every size: whole where they fit, shortened as the room shortens them where they do not, never cut mid-word at 200 columns",
          arguments: sizes)
    func longestNames(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1, scenario: Self.longestNames())
        check("longest-main-\(size.0)x\(size.1)", c.frame)
        if size.0 >= 200 {
            // Whole but for its village: the place before its last comma.
            #expect(c.screen.contains("The Old Rectory, Church Lane ") && c.screen.contains("collapse / injury / trapped")
                    && c.screen.contains("A12 southbound, Fenwick interchange"), "\(c.screen)")
        } else {
            // Shortened by the place's own commas and the type's own parts, not cut.
            #expect(c.screen.contains("The Old Rectory") && c.screen.contains("collapse"), "\(c.screen)")
        }
        #expect(!c.screen.contains("~") && !c.screen.contains("\u{2026}"), "nothing cut: \(c.screen)")
        c.press(.character("M"))
        check("longest-map-\(size.0)x\(size.1)", c.frame)
        #expect(c.screen.contains("Hartley") && c.screen.contains("Northfield"), "the area names on the map: \(c.screen)")
        c.press(.character("M"))
        c.state.focus = .resources
        c.state.zoomed = true
        check("longest-board-\(size.0)x\(size.1)", c.frame)
        #expect(!c.screen.contains("~"), "nothing cut on the board: \(c.screen)")
        c.state.zoomed = false
        c.state.focus = .incidents
        c.state.selectedIncident = 6
        c.press(.enter)
        check("longest-detail-\(size.0)x\(size.1)", c.frame)
        c.press(.escape, .character("S"))
        check("longest-supervisor-\(size.0)x\(size.1)", c.frame)
    }

    @Test("The incident detail", arguments: sizes)
    func detail(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        c.press(.enter)
        check("detail-\(size.0)x\(size.1)", c.frame)
    }

    @Test("The help overlay", arguments: sizes)
    func help(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        c.press(.character("?"))
        check("help-\(size.0)x\(size.1)", c.frame)
    }

    @Test("The supervisor's overview", arguments: sizes)
    func supervisor(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        c.press(.character("S"))
        check("supervisor-\(size.0)x\(size.1)", c.frame)
    }

    @Test("The call handler's seat: the ringing queue, then a call with its form", arguments: sizes)
    func callHandler(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1, role: .callHandler)
        c.waitForRinging()
        check("calls-\(size.0)x\(size.1)", c.frame)
        c.act(.character("n"))
        c.advance(seconds: 40)
        c.actTyping("cedar")
        c.act(.tab)
        check("call-\(size.0)x\(size.1)", c.frame)
    }

    @Test("ASCII glyphs when the locale is not UTF-8")
    func ascii() {
        let c = ConsoleFixture(width: 80, height: 24, glyphs: .ascii)
        let text = c.frame.text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        check("main-ascii-80x24", c.frame)
    }

    @Test("Below 80x24: a clear message, never a crash", arguments: [(79, 24), (80, 23), (20, 5), (1, 1), (0, 0)])
    func tooSmall(size: (Int, Int)) {
        let c = ConsoleFixture(width: size.0, height: size.1)
        let text = c.frame.text
        if size.0 >= 31 { #expect(text.contains("terminal too small (need 80x24)")) }
        #expect(c.frame.width == size.0 && c.frame.height == size.1)
    }
}
