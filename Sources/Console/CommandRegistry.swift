import DispatchEngine
import ReadModel

/// One `:` command: what it is called (and the short words that mean the same), how it is
/// typed, what it does, what Tab offers after it, and what it does to the console's state. The
/// help, `:help`, completion and `docs/commands.md` all come from these values.
public struct ConsoleCommand: Sendable {
    public let name: String
    public let aliases: [String]
    /// The ways it is typed ("seek HH:MM", "seek +DUR").
    public let forms: [String]
    /// One line for the help.
    public let summary: String
    /// More for `docs/commands.md`, if the line is not enough.
    public let detail: String
    /// Whose work it is (nil: anyone's, changing nothing in the world, or a seat's own: taking
    /// a seat, the instructor's). The floor checks the engine command it becomes by the same
    /// words (`CommandWork`); a test keeps the two the same.
    public private(set) var requires: CommandWork?
    /// Who may, for a command of no seat's work (nil: anyone).
    let who: String?
    /// Candidates for the word being typed, given the words so far (the command's name first).
    let completes: @Sendable (_ words: [String], _ floor: Floor) -> [String]
    /// Reads the words after the name; anything it cannot read is said and changes nothing.
    let run: @Sendable (_ args: [String], _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect]

    init(_ name: String, aliases: [String] = [], forms: [String]? = nil, _ summary: String, detail: String = "", requires: CommandWork? = nil, who: String? = nil,
         completes: @escaping @Sendable ([String], Floor) -> [String] = { _, floor in
             ConsoleCommands.unitsAndReferences(floor) + ["all"] },
         run: @escaping @Sendable ([String], inout ConsoleState, Floor) -> [ConsoleEffect]) {
        self.name = name; self.aliases = aliases; self.forms = forms ?? [name]
        self.summary = summary; self.detail = detail; self.requires = requires; self.who = who; self.completes = completes; self.run = run
    }

    /// The command as a group's: its own `requires:`, else the group's work.
    func work(_ work: CommandWork) -> ConsoleCommand {
        var copy = self
        copy.requires = requires ?? work
        return copy
    }

    /// "seek HH:MM | +DUR | -DUR (s)": the forms, the name said once, and the aliases, as the
    /// help shows them.
    public var usage: String {
        let rest = forms.dropFirst().map { $0.hasPrefix(name + " ") ? String($0.dropFirst(name.count + 1)) : $0 }
        return ([forms[0]] + rest).joined(separator: " | ") + (aliases.isEmpty ? "" : " (" + aliases.joined(separator: ", ") + ")")
    }
}

/// Every `:` command, in the order the help lists them.
public enum CommandRegistry {
    public static let all: [ConsoleCommand] = ConsoleCommands.view + ConsoleCommands.dispatch.map { $0.work(.dispatch) }
        + ConsoleCommands.calls.map { $0.work(.callHandling) } + ConsoleCommands.seats

    /// The command a typed word names, by its name or an alias (any case).
    public static func named(_ word: String) -> ConsoleCommand? {
        let word = word.lowercased()
        return all.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// Runs a typed line. An unknown word is said, with the nearest command, and changes nothing.
    static func run(_ line: String, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first else { return [] }
        guard let command = named(verb) else {
            let near = EditDistance.nearest(to: verb, in: all.flatMap { [$0.name] + $0.aliases }) { _ in 2 }
            state.complain("Unknown command '\(SafeText.clean(verb))'" + (near.map { " (did you mean :\($0)?)" } ?? " (:help lists them)"))
            return []
        }
        return command.run(Array(words.dropFirst()), &state, floor)
    }

    /// Completes the last word: a command name first, then what the command takes (callsigns,
    /// references, areas, results...).
    public static func complete(_ input: String, _ floor: Floor) -> String {
        completions(input, floor).line
    }

    /// The line with its last word completed as far as the matches agree, and the matches.
    public static func completions(_ input: String, _ floor: Floor) -> (line: String, matches: [String]) {
        var words = input.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return (input, []) }
        let candidates: [String]
        if words.count == 1 {
            candidates = all.map(\.name)
        } else if let command = named(words[0]) {
            candidates = command.completes(words, floor)
        } else {
            return (input, [])
        }
        let matching = candidates.filter { $0.lowercased().hasPrefix(last.lowercased()) }.sorted()
        guard let first = matching.first else { return (input, []) }
        let completion = matching.count == 1 ? first + " " : commonPrefix(matching)
        guard completion.count >= last.count else { return (input, matching) }
        words[words.count - 1] = completion
        return (words.joined(separator: " "), matching)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix
    }

    /// The table of commands in `docs/commands.md` (a test keeps the file equal to it).
    public static var markdownTable: String {
        var out = "| command | also | whose work | does |\n|---|---|---|---|\n"
        for c in all {
            let forms = c.forms.map { "`" + $0.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") + "`" }
                .joined(separator: ", ")
            let also = c.aliases.map { "`\($0)`" }.joined(separator: ", ")
            let whose = switch c.requires {
            case .dispatch?: "dispatcher, supervisor"
            case .callHandling?: "call handler"
            case .either?: "call handler, dispatcher, supervisor"
            case nil: c.who ?? "anyone"
            }
            out += "| \(forms) | \(also) | \(whose) | \(c.summary)\(c.detail.isEmpty ? "" : ". " + c.detail) |\n"
        }
        return out
    }
}
