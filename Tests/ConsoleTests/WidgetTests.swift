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

@Suite("The overview at 80x24")
struct OverviewScrollTests {
    @Test("Sparklines carry the wall clock's hours under their bars")
    func hourLabels() {
        #expect(Sparkline.hourLabels(count: 8, firstHour: 0, startHour: 18) == "18 21 00 ")
        #expect(Sparkline.hourLabels(count: 4, firstHour: 2, startHour: 18) == " 21  ")
    }

    @Test("The supervisor's overview scrolls at 80x24: j brings its last lines (the hourly sparklines) into view")
    func scrollsAt80x24() {
        let c = ConsoleFixture(width: 80, height: 24)
        c.press(.character("S"))
        let first = c.screen
        #expect(first.contains("j/k to scroll"), "\(first)")
        #expect(!first.contains("fewest units free"))
        for _ in 0..<40 { c.press(.character("j")) }
        let last = c.screen
        #expect(last.contains("fewest units free") && last.contains("hour"), "\(last)")
        c.press(.character("g"))
        #expect(c.screen == first)
        c.press(.escape)
        #expect(!c.screen.contains("Supervisor overview"))
    }
}

@Suite("The gazetteer forgives a typo")
struct GazetteerTests {
    static let places = ["14 Birch Close, Hartley", "Birch Close play area", "Bridge Street Co-op", "Market Square, Hartley",
                         "Riverside car park", "The Red Lion, Market Square"]

    @Test("brich finds Birch Close (two letters swapped), ranked after exact matches; a wrong letter or one missing is forgiven too")
    func typoTolerant() {
        let found = Gazetteer.matches("brich", in: Self.places).map { Self.places[$0] }
        #expect(found.prefix(2).sorted() == ["14 Birch Close, Hartley", "Birch Close play area"], "\(found)")
        #expect(Gazetteer.matches("marekt", in: Self.places).map { Self.places[$0] }.first == "Market Square, Hartley")
        #expect(Gazetteer.matches("riversde", in: Self.places).map { Self.places[$0] } == ["Riverside car park"])
        // Exact beats forgiven: "bri" starts Bridge and nothing is a typo of a three-letter word.
        #expect(Gazetteer.matches("bri", in: Self.places).map { Self.places[$0] } == ["Bridge Street Co-op"])
        #expect(Gazetteer.matches("zzzz", in: Self.places).isEmpty)
        #expect(Gazetteer.matches("red lino", in: Self.places).map { Self.places[$0] } == ["The Red Lion, Market Square"])
    }
}
