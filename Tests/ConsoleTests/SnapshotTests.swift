import Console
import ReadModel
import DispatchEngine
import Foundation
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
