import Console
import Scenario
import Testing

/// A site's config file: keys remapped on each screen, the theme picked, every mistake located.
@Suite("The site's config file")
struct SiteConfigTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try SiteConfig.parse(text: text, file: "config.yaml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("A floor key remapped works on the floor and on the screens built on it, and the help shows it")
    func remapped() throws {
        let config = try SiteConfig.parse(text: "keys:\n  floor: {quit: [Q, F10], undo: [U]}\n  board: {welfare-check: [W]}\n", file: "config.yaml")
        let c = ConsoleFixture()
        c.state.keys = config.keys
        c.press(.character("q"))
        #expect(c.state.mode == .normal && c.state.messageIsError, "q no longer quits")
        c.press(.character("Q"))
        #expect(c.state.mode == .confirmQuit)
        c.press(.character("n"))
        #expect(config.keys.board.action(for: .character("Q")) == .quit, "the board shares the floor's keys")
        #expect(config.keys.board.action(for: .character("W")) == .welfareCheck)
        #expect(config.keys.board.action(for: .character("w")) == nil)
        c.press(.function(1))
        #expect(c.screen.contains("Q F10") && c.screen.contains("quit (asks first)"), "the help shows the keys as configured")
    }

    @Test("Unknown screens, actions and keys, and a key doing two things, are each located, all in one go")
    func mistakes() {
        let found = problems("""
        keys:
          flor: {quit: [Q]}
          floor: {qit: [Q], undo: [j], help: [Ctrl-1]}
          board: {book-state: [x]}
        theme:
          colours: 16
          ink: {grade1: crimson, grade9: red}
        sound: on
        """)
        let expected = [
            "config.yaml:2:3: unknown screen 'flor'",
            "config.yaml:3:11: no action 'qit' on floor",
            "config.yaml:3:28: j already does 'move down' on floor",
            "config.yaml:3:39: 'Ctrl-1' is not a key",
            "config.yaml:4:11: book-state takes its numbers as its keys",
            "config.yaml:6:12: '16' is not a colour depth",
            "config.yaml:7:17: 'crimson' is not a colour",
            "config.yaml:7:26: no ink 'grade9'",
            "config.yaml:8:1: unknown setting 'sound'",
        ]
        for e in expected { #expect(found.contains { $0.hasPrefix(e) }, "\(e)\nfound:\n\(found.joined(separator: "\n"))") }
        #expect(found.count == expected.count, "\(found)")
    }

    @Test("The way out and the help cannot all be unbound")
    func wayOutKept() {
        #expect(problems("keys:\n  floor: {quit: [], quit-now: []}\n").contains { $0.contains("quit and quit-now cannot both be left without a key") })
        #expect(problems("keys:\n  floor: {help: []}\n").contains { $0.contains("help cannot be left without a key") })
        #expect(problems("keys:\n  floor: {quit: []}\n").isEmpty, "Ctrl-C still quits")
    }

    @Test("The theme: a depth and colours by ink; no file, the built-in settings")
    func theme() throws {
        let config = try SiteConfig.parse(text: "theme:\n  colours: mono\n  ink: {grade1: red, status-bar: [white, 17]}\n", file: "c.yaml")
        #expect(config.depth == .mono)
        #expect(config.inks[.grade1] == SiteConfig.Colours(foreground: 1, background: -1))
        #expect(config.inks[.statusBar] == SiteConfig.Colours(foreground: 7, background: 17))
        let none = try SiteConfig.load(path: "/nonexistent/controlroom/config.yaml")
        #expect(none.keys == KeyTableSet.builtIn && none.depth == nil)
        #expect(SiteConfig.path(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/controlroom/config.yaml")
        #expect(SiteConfig.path(environment: ["HOME": "/home/sam"]) == "/home/sam/.config/controlroom/config.yaml")
    }
}
