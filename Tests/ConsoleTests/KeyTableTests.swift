@testable import Console
import DispatchEngine
import Foundation
import ReadModel
import Scenario
import Testing

/// Every key the console reacts to is in the key table of the screen it is on, and the help
/// opened there lists that table: nothing the operator can press is a secret.
@Suite("Key tables")
struct KeyTableTests {
    /// Every key a terminal can send us.
    static let universe: [Key] = (0x20...0x7E).map { Key.character(Character(Unicode.Scalar(UInt8($0)))) }
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace, .delete]
        + (1...12).map { Key.function($0) } + "abcdefghijklmnopqrstuvwxyz".map { Key.control($0) }

    /// A console on each screen, with the table that should be in force there.
    static func screens() throws -> [(String, ConsoleFixture, KeyTable)] {
        var out: [(String, ConsoleFixture, KeyTable)] = []
        let floor = ConsoleFixture()
        out.append(("floor", floor, .floor))
        let board = ConsoleFixture()
        board.press(.tab)
        out.append(("board", board, .board))
        let detail = ConsoleFixture()
        detail.press(.enter)
        out.append(("detail", detail, .detail))
        let supervisor = ConsoleFixture()
        supervisor.press(.character("S"))
        out.append(("supervisor", supervisor, .supervisor))
        let help = ConsoleFixture()
        help.press(.character("?"))
        out.append(("help", help, .help))
        let command = ConsoleFixture()
        command.press(.character(":"))
        out.append(("command line", command, .commandLine))
        let search = ConsoleFixture()
        search.press(.character("/"))
        out.append(("search line", search, .searchLine))
        let question = ConsoleFixture()
        question.press(.character("q"))
        out.append(("question", question, .question))
        let form = ConsoleFixture(role: .all)
        form.waitForRinging()
        form.act(.character("n"))
        out.append(("form", form, .form))
        let call = ConsoleFixture(role: .all)
        call.waitForRinging()
        call.act(.character("n"), .escape)
        out.append(("call", call, .call))
        let debrief = ConsoleFixture()
        debrief.state.training = true
        debrief.state.debriefLines = ["line"]
        #expect(debrief.press(.character("D")) == [.debrief])
        debrief.state.mode = .debrief   // as the live loop does once it has built the debrief
        out.append(("debrief", debrief, .debrief))
        return out
    }

    @Test("Every key a screen reacts to is in that screen's table")
    func everyKeyIsListed() throws {
        for (name, console, table) in try Self.screens() {
            #expect(KeyTable.current(console.state).name == table.name, "\(name) is not on \(table.name)")
            for key in Self.universe {
                var state = console.state
                let effects = Update.handle(key, &state, console.floor, size: console.size)
                let refused = state.messageIsError && (state.message ?? "").hasPrefix("No key ")
                let reacted = !effects.isEmpty || (state != console.state && !refused)
                if key == .control("c") {
                    #expect(effects == [.quit], "Ctrl-C quits from \(name)")
                    continue
                }
                if reacted {
                    #expect(table.answers(key), "\(name) reacts to \(key) but its table (\(table.name)) does not list it")
                }
            }
        }
    }

    @Test("Help opened on a screen shows that screen's keys first, then the floor's")
    func helpOfTheScreen() throws {
        for (name, console, table) in try Self.screens() where ![KeyTable.help.name, KeyTable.debrief.name, KeyTable.question.name].contains(table.name) {
            console.size = (200, 60)
            console.press(.function(1))
            #expect(console.state.mode == .help, "F1 opens the help from \(name)")
            #expect(console.state.helpFor == table.name)
            var seen = ""
            for _ in 0..<15 {
                seen += console.screen
                console.press(.pageDown)
            }
            #expect(seen.contains("Keys: " + table.name.lowercased()), "\(name)")
            // Every key this seat can use (HelpTests: not those it cannot).
            let all = table.bindings + KeyTable.floor.bindings
            let missing = all.filter { HelpOverlay.usable($0.action, console.state) }.map(\.description).filter { !seen.contains($0) }
            #expect(missing.isEmpty, "the help from \(name) lacks \(missing)")

        }
    }

    @Test("A key a screen does not answer says so and changes nothing else")
    func unknownKey() {
        let c = ConsoleFixture()
        let before = c.state
        #expect(c.press(.character("Q")).isEmpty)
        #expect(c.state.message == "No key 'Q' here: press ? for this screen's keys, : for commands")
        var after = c.state
        after.message = before.message
        after.messageIsError = before.messageIsError
        // Said, so kept for :messages; nothing else.
        #expect(after.messages.entries.map(\.text) == [c.state.message])
        after.messages = before.messages
        after.messageClock = before.messageClock
        #expect(after == before)
    }
}
