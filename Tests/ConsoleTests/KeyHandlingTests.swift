import Console
import ReadModel
import DispatchEngine
import Testing

@Suite("Console keys")
struct KeyHandlingTests {
    @Test("j/k and the arrows move the selection through the incident list, clamped at the ends")
    func movement() {
        let c = ConsoleFixture()
        let rows = c.floor.incidentRows(c.state.query)
        #expect(rows.count >= 3)
        c.press(.down)
        #expect(c.state.selectedIncident == rows[1].reference)
        c.press(.character("j"), .character("j"))
        #expect(c.state.selectedIncident == rows[3].reference)
        c.press(.up, .character("k"))
        #expect(c.state.selectedIncident == rows[1].reference)
        c.press(.end)
        #expect(c.state.selectedIncident == rows.last!.reference)
        c.press(.down)
        #expect(c.state.selectedIncident == rows.last!.reference)
        c.press(.home)
        #expect(c.state.selectedIncident == rows[0].reference)
    }

    @Test("Enter opens the selected incident's record; Esc backs out")
    func openAndBack() {
        let c = ConsoleFixture()
        let second = c.floor.incidentRows(c.state.query)[1]
        c.press(.down, .enter)
        #expect(c.state.mode == .detail(reference: second.reference))
        #expect(c.screen.contains("Incident \(Floor.reference(second.reference))"))
        #expect(c.screen.contains("Narrative"))
        #expect(c.screen.contains(c.floor.type(of: second)))
        c.press(.escape)
        #expect(c.state.mode == .normal)
    }

    @Test("Tab moves between panes; z zooms the focused pane and back")
    func panes() {
        let c = ConsoleFixture()
        #expect(c.state.focus == .incidents)
        c.press(.tab)
        #expect(c.state.focus == .resources)
        c.press(.tab)
        #expect(c.state.focus == .radio)
        c.press(.tab)
        #expect(c.state.focus == .incidents)
        c.press(.backTab)
        #expect(c.state.focus == .radio)
        c.press(.character("z"))
        #expect(c.state.zoomed)
        #expect(c.screen.contains("Radio") && !c.screen.contains("Incidents "))
        c.press(.character("z"))
        #expect(!c.state.zoomed)
    }

    @Test("Enter on a unit opens its incident; on a free unit it says why not")
    func unitOpensIncident() {
        let c = ConsoleFixture()
        c.press(.tab)
        let committed = c.floor.unitRows().first { $0.incident != nil }!
        c.state.selectedUnit = committed.unit
        c.press(.enter)
        #expect(c.state.mode == .detail(reference: committed.incident!))
        c.press(.escape)
        c.state.selectedUnit = c.floor.unitRows().first { $0.incident == nil }!.unit
        c.press(.enter)
        #expect(c.state.mode == .normal)
        #expect(c.state.messageIsError)
    }

    @Test("Space pauses and resumes; + and - step through 1x 2x 5x 10x 20x 30x 60x")
    func speed() {
        let c = ConsoleFixture()
        #expect(c.state.speed.factor == 1)
        c.press(.character(" "))
        #expect(c.state.speed.paused && c.state.speed.factor == 0)
        #expect(c.screen.contains("PAUSED"))
        c.press(.character(" "))
        #expect(!c.state.speed.paused)
        c.press(.character("+"), .character("+"), .character("+"), .character("+"))
        #expect(c.state.speed.factor == 20)
        c.press(.character("+"), .character("+"), .character("+"))
        #expect(c.state.speed.factor == 60, "the top speed stays")
        c.press(.character("-"))
        #expect(c.state.speed.factor == 30)
        #expect(c.screen.contains("30x"))
    }

    @Test("Help opens with F1 or ?, lists every key of the key table, and closes with Esc")
    func help() {
        // Every seat's keys (the console that plays them all, in a training replay of sorts).
        let c = ConsoleFixture(width: 200, height: 60, role: .all)
        c.state.training = true; c.state.canSeek = true
        c.press(.function(1))
        #expect(c.state.mode == .help)
        let screen = c.screen
        for binding in KeyTable.floor.bindings {
            #expect(screen.contains(binding.description), "help lacks '\(binding.description)'")
        }
        c.press(.escape)
        #expect(c.state.mode == .normal)
        c.press(.character("?"))
        #expect(c.state.mode == .help)
    }

    @Test("q asks before quitting; y quits, anything else carries on")
    func quit() {
        let c = ConsoleFixture()
        #expect(c.press(.character("q")).isEmpty)
        #expect(c.state.mode == .confirmQuit)
        #expect(c.screen.contains("Quit?"))
        #expect(c.press(.character("n")).isEmpty)
        #expect(c.state.mode == .normal)
        c.press(.function(10))
        #expect(c.press(.character("y")) == [.quit])
    }

    @Test("A mistyped command is said on the status line and changes nothing")
    func badCommand() {
        let c = ConsoleFixture()
        let before = (c.state.speed, c.state.order, c.state.filter, c.state.search, c.state.focus)
        c.command("spede 10")
        #expect(c.state.messageIsError)
        #expect(c.state.message?.contains("Unknown command 'spede'") == true)
        #expect(c.state.message?.contains(":speed") == true)
        c.command("speed 7")
        #expect(c.state.message?.contains("speed takes one of") == true)
        c.command("open 99999")
        #expect(c.state.mode == .normal && c.state.messageIsError)
        c.command("filter area Atlantis")
        #expect(c.state.messageIsError)
        #expect(c.state.speed == before.0 && c.state.order == before.1 && c.state.filter == before.2)
        #expect(c.state.search == before.3 && c.state.focus == before.4)
        #expect(c.screen.contains("Unknown command") || c.screen.contains("No area"))
    }

    @Test("Commands pause, set speed, open, filter, search and sort")
    func commands() {
        let c = ConsoleFixture()
        c.command("pause")
        #expect(c.state.speed.paused)
        c.command("speed 60")
        #expect(c.state.speed.paused && c.state.speed.index == Speed.factors.firstIndex(of: 60), "a speed is not a start: still paused")
        #expect(c.state.message?.contains("still paused") == true)
        c.command("resume")
        #expect(c.state.speed.factor == 60)
        let first = c.floor.incidentRows(c.state.query)[0]
        c.command("open \(first.reference)")
        #expect(c.state.mode == .detail(reference: first.reference))
        c.press(.escape)
        c.command("filter grade 1")
        #expect(c.floor.incidentRows(c.state.query).allSatisfy { $0.grade == .immediate })
        c.command("filter clear")
        #expect(c.state.filter.isEmpty)
        c.command("sort ref")
        let refs = c.floor.incidentRows(c.state.query).map(\.reference)
        #expect(refs == refs.sorted())
        c.press(.character("/"))
        let name = c.floor.type(of: first)
        c.type(name)
        c.press(.enter)
        #expect(c.floor.incidentRows(c.state.query).allSatisfy { c.floor.type(of: $0) == name || c.floor.place(of: $0).contains(name) })
        #expect(c.floor.incidentRows(c.state.query).contains { $0.reference == first.reference })
    }

    @Test("The command line keeps a history and completes commands and callsigns")
    func historyAndCompletion() {
        let c = ConsoleFixture()
        c.command("speed 5")
        c.command("sort age")
        c.press(.character(":"), .up)
        #expect(c.state.input == "sort age")
        c.press(.up)
        #expect(c.state.input == "speed 5")
        c.press(.escape)
        c.press(.character(":"))
        c.type("spe")
        c.press(.tab)
        #expect(c.state.input == "speed ")
        c.press(.escape, .character(":"))
        c.type("radio ARV6")
        c.press(.tab)
        #expect(c.state.input == "radio ARV6")   // ARV61 and ARV62: the common prefix
        c.type("1")
        c.press(.tab, .enter)
        #expect(c.state.radioFilter == .unit(c.floor.world.handle(forCallsign: "ARV61")!))
    }

    @Test("The command line edits as readline does: the cursor by character and word, Ctrl-U/W/K, Delete")
    func lineEditing() {
        let c = ConsoleFixture()
        c.press(.character(":"))
        c.type("msg NF11 hello there")
        c.press(.control("a"), .alt("f"), .alt("f"))          // after "NF11"
        #expect(c.state.line.beforeCursor == "msg NF11")
        c.press(.control("k"))
        #expect(c.state.input == "msg NF11")
        c.type(" on scene")
        c.press(.alt("b"), .control("w"))                     // cut "NF11 " before "scene"? no: the word before the cursor
        #expect(c.state.input == "msg NF11 scene", "\(c.state.input)")
        c.press(.home, .delete, .delete, .delete, .delete)
        #expect(c.state.input == "NF11 scene")
        c.press(.end, .left, .left, .backspace)
        #expect(c.state.input == "NF11 scne")
        c.press(.control("e"), .control("u"))
        #expect(c.state.input.isEmpty)
        c.type("sort age")
        c.press(.control("b"), .control("b"), .control("b"), .character("X"), .control("f"), .character("Y"))
        #expect(c.state.input == "sort XaYge")
        // A key that edits changes nothing else: still on the command line.
        #expect(c.state.mode == .command)
    }

    @Test("Tab with several matches lists them above the line; Tab again cycles through them")
    func tabListsAndCycles() {
        let c = ConsoleFixture()
        c.press(.character(":"))
        c.type("radio ARV")
        c.press(.tab)
        #expect(c.state.input == "radio ARV6")
        #expect(c.state.completions == ["ARV60", "ARV61", "ARV62"])
        #expect(c.screen.contains("ARV60  ARV61  ARV62"))
        c.press(.tab)
        #expect(c.state.input == "radio ARV60")
        c.press(.tab)
        #expect(c.state.input == "radio ARV61")
        #expect(c.screen.contains("ARV60  [ARV61]  ARV62"))
        c.press(.tab)
        c.press(.tab)
        #expect(c.state.input == "radio ARV60")
        c.press(.backspace)
        #expect(c.state.completions.isEmpty)
        // Nothing matches: said, not silent.
        c.press(.control("u"))
        c.type("zzz")
        c.press(.tab)
        #expect(c.state.message?.contains("Nothing to complete") == true)
    }

    @Test("/ opens an empty search; Up brings back the search in force")
    func searchOpensEmpty() {
        let c = ConsoleFixture()
        c.press(.character("/"))
        c.type("High")
        c.press(.enter)
        #expect(c.state.search == "High")
        c.press(.character("/"))
        #expect(c.state.input.isEmpty)
        c.type("x")
        #expect(c.state.input == "x", "typing starts a new search, not appended to the old")
        c.press(.control("u"), .up)
        #expect(c.state.input == "High")
    }

    @Test("A paste lands in the line being edited without its control characters; elsewhere it is ignored, never keys")
    func pasteLands() {
        let c = ConsoleFixture()
        c.press(.enter)
        guard case .detail = c.state.mode else { Issue.record("no detail"); return }
        c.press(.paste("13"))
        #expect(c.state.message?.contains("Paste ignored") == true)
        #expect(c.state.mode != .normal, "the paste did not act as keys")
        c.press(.character(":"), .paste("msg NF11 X\u{1B}[31mRED\r\n"))
        #expect(c.state.input == "msg NF11 X[31mRED ")
        #expect(c.state.mode == .command)
    }

    @Test("At 80x24 the help's long descriptions wrap onto the next line instead of being cut")
    func helpWraps() {
        let c = ConsoleFixture(width: 80, height: 24, role: .all)
        c.state.training = true; c.state.canSeek = true
        c.press(.function(1))
        var seen: [String] = []
        for _ in 0..<40 {
            seen += c.screen.split(separator: "\n").map { line in
                String(line).replacingOccurrences(of: "│", with: " ").trimmingCharacters(in: .whitespaces)
            }
            c.press(.pageDown)
        }
        let text = seen.joined(separator: " ").split(separator: " ").joined(separator: " ")
        for binding in KeyTable.floor.bindings {
            #expect(text.contains(binding.description), "cut: \(binding.description)")
        }
    }

    @Test("S opens the supervisor's overview from any seat and closes it; pause works over it")
    func supervisor() {
        let c = ConsoleFixture(hours: 6, height: 60)
        c.press(.character("S"))
        #expect(c.state.mode == .supervisor)
        let screen = c.screen
        for words in ["999 answered within 10 s", "(standard 90%)", "grade 1 attended within target", "Units by area",
                      "Northfield Town", "Workload", "calls an hour", "fewest units free"] {
            #expect(screen.contains(words), "overview lacks '\(words)'")
        }
        c.press(.character(" "))
        #expect(c.state.speed.paused && c.state.mode == .supervisor)
        c.press(.escape)
        #expect(c.state.mode == .normal)
    }

    @Test("Keys that mean nothing say so and change nothing")
    func unknownKey() {
        let c = ConsoleFixture()
        c.press(.character("X"))
        #expect(c.state.messageIsError)
        #expect(c.state.mode == .normal)
    }
}
