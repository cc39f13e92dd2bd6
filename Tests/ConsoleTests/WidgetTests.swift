import Console
import ReadModel
import Testing

/// Small pieces of the screen fed with literal data: no engine, no night to run.
@Suite("Widgets")
struct WidgetTests {
    @Test("A sparkline scales to its largest value, and reads in ASCII too")
    func sparkline() {
        #expect(Sparkline.draw([0, 1, 4, 8], unicode: true) == "▁▁▄█")
        #expect(Sparkline.draw([0, 1, 4, 8], unicode: false) == "..=@")
        #expect(Sparkline.draw([0, 0, 0], unicode: true) == "▁▁▁", "nothing to show is a flat line")
        #expect(Sparkline.draw([], unicode: true).isEmpty)
    }

    @Test("Text put in a frame is clipped at its limit, wide characters take two columns, control characters never reach it")
    func framePut() {
        var frame = Frame(width: 10, height: 2)
        #expect(frame.put("NF21 en route", row: 0, column: 2, limit: 6) == 6)
        #expect(frame.text.split(separator: "\n")[0] == "  NF21 e  ")
        frame.put("東京\u{1B}[2J", row: 1, column: 0)
        let second = String(frame.text.split(separator: "\n")[1])
        #expect(second.hasPrefix("東京"))
        #expect(!second.contains("\u{1B}"), "an escape never reaches the terminal")
        #expect(frame[1, 1].text.isEmpty, "the second column of a wide character is empty")
    }

    @Test("A key table's help lines and its docs section come from its bindings")
    func keyTableText() {
        let table = KeyTable.question
        #expect(table.helpLines.map(\.label) == ["y", "other keys"])
        #expect(table.markdown == "### A question\n\n| key | does |\n|---|---|\n| `y` | yes: go ahead |\n| other keys | no: nothing is done |\n")
        #expect(table.action(for: .character("n")) == .cancel, "any other key answers no")
    }
}
