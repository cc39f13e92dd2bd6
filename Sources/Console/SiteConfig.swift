import Foundation
import Scenario
import Yams

/// A site's settings for the console, from `$XDG_CONFIG_HOME/controlroom/config.yaml` (else
/// `~/.config/controlroom/config.yaml`), as terminal users expect of k9s, tig or btop: any key of
/// a screen's table remapped, and the theme picked or adjusted. Every problem is reported as
/// `file:line:column: what is wrong; what was expected`, all in one go; a config with problems is
/// refused, never half applied.
///
///     keys:
///       floor: {quit: [Q, F10], undo: [U]}
///       board: {welfare-check: [W]}
///     theme:
///       colours: 256          # or 8, or mono
///       ink: {grade1: red, available: 34, status-bar: [white, blue]}
public struct SiteConfig: Sendable {
    public var keys = KeyTableSet.builtIn
    /// The colour depth asked for (nil: what the terminal has). Never more than it has.
    public var depth: Depth?
    /// Colours (foreground, background; -1 the terminal's own) set for some inks.
    public var inks: [Ink: Colours] = [:]

    public enum Depth: String, Sendable { case mono, eight = "8", full = "256" }

    public struct Colours: Sendable, Equatable {
        public var foreground: Int16
        public var background: Int16
        public init(foreground: Int16, background: Int16) { self.foreground = foreground; self.background = background }
    }

    public init() {}

    /// Where the file is looked for.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        SiteFolder.path(environment: environment) + "/config.yaml"
    }

    /// The config at `path`; the built-in settings when there is no file.
    public static func load(path: String) throws(ScenarioError) -> SiteConfig {
        guard FileManager.default.fileExists(atPath: path) else { return SiteConfig() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(problems: [ScenarioProblem(file: path, line: 1, column: 1, message: "cannot be read; expected a readable YAML file")])
        }
        return try parse(text: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Actions whose keys are their numbers (a state, a recommendation, a duplicate): not remapped.
    static let numbered: Set<Action> = [.bookState, .sendRecommended, .linkDuplicate]

    public static func parse(text: String, file: String) throws(ScenarioError) -> SiteConfig {
        var config = SiteConfig()
        var problems: [ScenarioProblem] = []
        func fail(_ node: Node?, _ message: String) {
            problems.append(ScenarioProblem(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
        }
        guard let root = try Scenario.composeYAML(text: text, file: file) else { return config }
        guard let top = root.mapping else {
            throw ScenarioError(problems: [ScenarioProblem(file: file, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1,
                                                          message: "the config should be a mapping; expected keys: and theme:")])
        }
        for (keyNode, value) in top {
            switch keyNode.string {
            case "keys": readKeys(value, into: &config, fail)
            case "theme": readTheme(value, into: &config, fail)
            default: fail(keyNode, "unknown setting '\(keyNode.string ?? "?")'; expected keys or theme")
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }
        return config
    }

    static func kebab(_ action: Action) -> String {
        action.rawValue.reduce(into: "") { out, c in
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
    }

    private static func readKeys(_ node: Node, into config: inout SiteConfig, _ fail: (Node?, String) -> Void) {
        guard let tables = node.mapping else { return fail(node, "keys should be a mapping of screens; expected such as floor: {quit: [q]}") }
        let ids = KeyTable.all.map(\.id)
        var remapped: [(String, Action, [Node])] = []
        for (tableNode, bindings) in tables {
            guard let id = tableNode.string, let table = KeyTable.all.first(where: { $0.id == id }) else {
                fail(tableNode, "unknown screen '\(tableNode.string ?? "?")'; expected one of " + ids.joined(separator: ", "))
                continue
            }
            guard let mapping = bindings.mapping else {
                fail(bindings, "the keys of \(id) should be a mapping of actions to keys; expected such as quit: [q, F10]")
                continue
            }
            let actions = Dictionary(table.bindings.map { (kebab($0.action), $0.action) }, uniquingKeysWith: { a, _ in a })
            for (actionNode, keysNode) in mapping {
                guard let name = actionNode.string, let action = actions[name] else {
                    fail(actionNode, "no action '\(actionNode.string ?? "?")' on \(id); expected one of "
                         + table.bindings.map { kebab($0.action) }.filter { !numbered.contains(actions[$0]!) }.joined(separator: ", "))
                    continue
                }
                guard !numbered.contains(action) else {
                    fail(actionNode, "\(name) takes its numbers as its keys; expected another action")
                    continue
                }
                let keyNodes: [Node] = keysNode.sequence.map(Array.init) ?? [keysNode]
                var keys: [Key] = []
                for k in keyNodes {
                    guard let text = k.string, let key = Key(name: text) else {
                        fail(k, "'\(k.string ?? "?")' is not a key; expected such as q, F10, Ctrl-X, Alt-x, Enter, Esc, PgDn, Space")
                        continue
                    }
                    keys.append(key)
                }
                // A binding with a key that is not one is left as it was (and said above).
                guard keys.count == keyNodes.count else { continue }
                let label = keys.map(\.name).joined(separator: " ")
                config.keys = config.keys.rebinding(action, in: id, to: keys, label: keys.isEmpty ? "(none)" : label)
                remapped.append((id, action, keyNodes))
            }
        }
        // Once all are applied: a key now doing two things on one screen is refused, where it
        // was given.
        for (id, action, keyNodes) in remapped {
            for k in keyNodes {
                guard let key = k.string.flatMap({ Key(name: $0) }) else { continue }
                for t in config.keys.tables where t.id == id || (id == "floor" && t.bindings.contains { $0.action == action }) {
                    if let other = t.bindings.first(where: { $0.keys.contains(key) && $0.action != action }) {
                        fail(k, "\(key.name) already does '\(other.description)' on \(t.id); expected a key that screen does not use")
                        break
                    }
                }
            }
        }
        // The way out and the help stay reachable.
        let floor = config.keys.floor
        if floor.bindings.filter({ [.quit, .quitNow].contains($0.action) }).allSatisfy({ $0.keys.isEmpty }) {
            fail(node, "quit and quit-now cannot both be left without a key; expected a key for one of them")
        }
        if floor.bindings.filter({ $0.action == .help }).allSatisfy({ $0.keys.isEmpty }) {
            fail(node, "help cannot be left without a key; expected a key for it")
        }
    }

    private static func readTheme(_ node: Node, into config: inout SiteConfig, _ fail: (Node?, String) -> Void) {
        guard let theme = node.mapping else { return fail(node, "theme should be a mapping; expected colours: and ink:") }
        for (keyNode, value) in theme {
            switch keyNode.string {
            case "colours", "colors":
                guard let text = value.string, let depth = Depth(rawValue: text.lowercased()) else {
                    fail(value, "'\(value.string ?? "?")' is not a colour depth; expected 256, 8 or mono")
                    continue
                }
                config.depth = depth
            case "ink":
                guard let inks = value.mapping else { fail(value, "ink should be a mapping; expected such as grade1: red"); continue }
                let names = Dictionary(Ink.allCases.map { (inkName($0), $0) }, uniquingKeysWith: { a, _ in a })
                for (inkNode, colourNode) in inks {
                    guard let name = inkNode.string, let ink = names[name] else {
                        fail(inkNode, "no ink '\(inkNode.string ?? "?")'; expected one of " + Ink.allCases.map(inkName).joined(separator: ", "))
                        continue
                    }
                    let parts: [Node] = colourNode.sequence.map(Array.init) ?? [colourNode]
                    guard (1...2).contains(parts.count) else { fail(colourNode, "expected a colour, or [foreground, background]"); continue }
                    let colours = parts.map { part -> Int16? in
                        guard let c = part.string.flatMap(colour) else {
                            fail(part, "'\(part.string ?? "?")' is not a colour; expected a name (black, red, green, yellow, blue, magenta, cyan, white, default) or 0-255")
                            return nil
                        }
                        return c
                    }
                    guard let fg = colours[0], colours.count == 1 || colours[1] != nil else { continue }
                    config.inks[ink] = Colours(foreground: fg, background: colours.count == 2 ? colours[1]! : -1)
                }
            default:
                fail(keyNode, "unknown theme setting '\(keyNode.string ?? "?")'; expected colours or ink")
            }
        }
    }

    static func inkName(_ ink: Ink) -> String {
        String(describing: ink).reduce(into: "") { out, c in
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
    }

    static func colour(_ text: String) -> Int16? {
        let names = ["default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7]
        if let n = names[text.lowercased()] { return Int16(n) }
        guard let n = Int16(text), (0...255).contains(n) else { return nil }
        return n
    }
}
