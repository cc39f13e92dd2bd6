@testable import Console
import DispatchEngine
import ReadModel
import Foundation
import Testing

/// A message wider than the screen is read whole, and every message can be read again.
@Suite("The status line's messages")
struct MessageTests {
    @Test("At 80 columns a refusal wider than the screen wraps onto the row above, every word of it, and Esc clears it")
    func wrapsAt80() {
        let c = ConsoleFixture(width: 80, height: 24)
        c.command("link 1")
        let said = "link takes two references: the duplicate, then the incident it duplicates, such as link 0016 0015"
        #expect(c.state.message == said && c.state.messageIsError)
        let rows = c.screen.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        // The last two rows hold it, broken at a space.
        let shown = rows.suffix(2).joined(separator: " ")
        #expect(shown == said, "\(rows.suffix(3))")
        c.press(.escape)
        #expect(!c.screen.contains("link takes two"))
    }

    @Test("Over the help the message keeps to its one line, cut and marked, so the help is not hidden; :messages takes it off the line")
    func oneLineOverOverlays() {
        let c = ConsoleFixture(width: 80, height: 24)
        c.command("link 1")
        c.press(.character("?"))
        let rows = c.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.last?.hasPrefix("link takes two references") == true)
        #expect(rows.last?.trimmingCharacters(in: .whitespaces).hasSuffix("… (:messages)") == true, "\(rows.last ?? "")")
        #expect(!rows[rows.count - 2].contains("such as link"))
        c.press(.escape)
        c.command("messages")
        #expect(c.state.message == nil)
        #expect(!c.screen.contains("… (:messages)"))
    }

    @Test("Ending a call at 80 columns: the question is said shorter so the reason typed is in view")
    func reasonInView() {
        let c = ConsoleFixture(width: 80, height: 24)
        c.state.mode = .reason(question: "Close the ring back: no answer, voicemail left?", effects: [], done: "")
        c.type("no reply after two tries")
        let last = c.screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        #expect(last.contains("Close the ring back: no answer, voicemail left? Why? no reply after two tries"), "\(last)")
    }

    @Test("A message that fits stays on one line, and the row above is the panes'")
    func fitsOnOneLine() {
        let c = ConsoleFixture(width: 120, height: 30)
        let before = c.screen.split(separator: "\n", omittingEmptySubsequences: false)
        c.command("sort age")
        let after = c.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.last?.hasPrefix("Incidents ordered by age.") == true)
        #expect(after[after.count - 2] == before[before.count - 2])
    }

    @Test("Longer than the rows it may take, it ends marked with where to read it whole")
    func tooLongEndsMarked() {
        let long = String(repeating: "word ", count: 100) + "end"
        let lines = StatusMessage.lines(long, width: 80, rows: 4, ellipsis: "…")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        #expect(lines[3].hasSuffix("… (:messages)"))
        // A word wider than the line is broken where the line ends, not lost.
        let path = "/tmp/" + String(repeating: "a", count: 150)
        let broken = StatusMessage.lines("Cannot write " + path, width: 60, rows: 4, ellipsis: "…")
        #expect(broken.joined().replacingOccurrences(of: " ", with: "") == ("Cannot write " + path).replacingOccurrences(of: " ", with: ""))
        #expect(broken.allSatisfy { TextWidth.of($0) <= 60 })
    }

    @Test(":messages lists what was said, newest first, each at its time, refusals marked and a repeat counted once")
    func messagesOverlay() {
        let c = ConsoleFixture()
        let time = c.floor.clock.time(c.floor.now)
        c.command("sort age")
        c.command("link 1")
        c.command("link 1")
        c.command("messages")
        #expect(c.state.mode == .debrief && c.state.overlayTitle == "Messages")
        let lines = c.state.debriefLines
        #expect(lines.first == "2 message(s) this session")
        #expect(lines[2] == "  - \(time)  link takes two references: the duplicate, then the incident it duplicates, such as link 0016 0015  (2 times)")
        #expect(lines[3] == "    \(time)  Incidents ordered by age.")
        #expect(c.screen.contains("Messages"))
        c.press(.escape)
        #expect(c.state.mode == .normal)
    }

    @Test("Scrolling past the end of a list or the help is not kept: the first key back moves at once")
    func scrollStopsAtTheEnd() {
        let c = ConsoleFixture(width: 80, height: 24)
        c.command("sort age")
        c.command("messages")
        for _ in 0..<10 { c.press(.character("j")) }
        #expect(c.state.helpScroll == 0, "two lines fit: nothing to scroll")
        c.press(.escape)
        c.press(.character("?"))
        for _ in 0..<500 { c.press(.character("j")) }
        let furthest = c.state.helpScroll
        #expect(furthest > 0 && furthest < 500)
        let atEnd = c.screen
        c.press(.character("k"))
        #expect(c.state.helpScroll == furthest - 1)
        #expect(c.screen != atEnd)
    }

    @Test("In a list, a word wider than the box (a journal's path) goes on under itself, none of it lost")
    func overlayBreaksLongWords() {
        let path = "/home/lee/.local/state/controlroom/" + String(repeating: "friday-night-", count: 10) + "journal.sqlite"
        let pieces = TextOverlay.wrap("    19:30:02  Welcome: the journal is " + path, width: 60)
        #expect(pieces.allSatisfy { TextWidth.of($0) <= 60 }, "\(pieces)")
        #expect(pieces.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").replacingOccurrences(of: " ", with: "")
                == ("19:30:02  Welcome: the journal is " + path).replacingOccurrences(of: " ", with: ""))
    }

    @Test("One character wider than the line (an emoji with forty modifiers, typed or pasted) is put on a line of its own, and the wrapping ends")
    func characterWiderThanTheLine() {
        let wide = "👍" + String(repeating: "\u{1F3FB}", count: 40)
        #expect(TextWidth.of(wide) > 20)
        let lines = Wrapping.lines("No area '\(wide)' here", width: 20)
        #expect(lines.contains(wide), "\(lines)")
        #expect(lines.count < 10)
        #expect(StatusMessage.lines("No area '\(wide)'", width: 80, rows: 2, ellipsis: "…").count <= 2)
    }

    @Test("The log keeps the last 200, with the time each was said")
    func logIsBounded() {
        var log = MessageLog()
        for k in 0..<250 { log.note("message \(k)", isError: false, at: SimTime(k)) }
        #expect(log.entries.count == MessageLog.kept)
        #expect(log.entries.first?.text == "message 50" && log.entries.first?.at == 50)
        #expect(log.entries.last?.text == "message 249")
    }
}
