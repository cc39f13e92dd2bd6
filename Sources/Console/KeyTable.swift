import ReadModel
/// Every key the console answers, in one table: `Update` dispatches on it and the help overlay is
/// generated from it, so the help can never fall out of step with the keys.
public enum Action: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom
    case open, back, nextPane, previousPane, zoom
    case search, command, togglePause, faster, slower
    case help, quit, cycleOrder, acknowledge, supervisor, answer
    case seekBack, seekForward, instructor, debrief
}

public struct Binding: Sendable {
    public var keys: [Key]
    /// How the help shows the keys ("j ↓").
    public var label: String
    public var action: Action
    public var description: String
}

public enum KeyTable {
    public static let bindings: [Binding] = [
        Binding(keys: [.up, .character("k")], label: "k ↑", action: .up, description: "move up"),
        Binding(keys: [.down, .character("j")], label: "j ↓", action: .down, description: "move down"),
        Binding(keys: [.pageUp], label: "PgUp", action: .pageUp, description: "page up"),
        Binding(keys: [.pageDown], label: "PgDn", action: .pageDown, description: "page down"),
        Binding(keys: [.home, .character("g")], label: "Home g", action: .top, description: "first line"),
        Binding(keys: [.end, .character("G")], label: "End G", action: .bottom, description: "last line (radio: follow newest)"),
        Binding(keys: [.enter], label: "Enter", action: .open, description: "open the incident (or the unit's / message's incident)"),
        Binding(keys: [.escape], label: "Esc", action: .back, description: "back out: close detail, help, or input"),
        Binding(keys: [.tab], label: "Tab", action: .nextPane, description: "next pane"),
        Binding(keys: [.backTab], label: "Shift-Tab", action: .previousPane, description: "previous pane"),
        Binding(keys: [.character("z")], label: "z", action: .zoom, description: "zoom the focused pane to full screen, and back"),
        Binding(keys: [.character("/")], label: "/", action: .search, description: "search incidents (reference, type, place, callsign)"),
        Binding(keys: [.character(":")], label: ":", action: .command, description: "command line (:help lists the commands)"),
        Binding(keys: [.character(" ")], label: "Space", action: .togglePause, description: "pause or resume the simulation"),
        Binding(keys: [.character("+"), .character("=")], label: "+", action: .faster, description: "faster (1x 2x 5x 10x 60x)"),
        Binding(keys: [.character("-")], label: "-", action: .slower, description: "slower"),
        Binding(keys: [.character("[")], label: "[", action: .seekBack, description: "replay: back 10 minutes"),
        Binding(keys: [.character("]")], label: "]", action: .seekForward, description: "replay: forward 10 minutes"),
        Binding(keys: [.character("I")], label: "I", action: .instructor, description: "training: the instructor's menu, to inject a scripted event now"),
        Binding(keys: [.character("D")], label: "D", action: .debrief, description: "training: the debrief so far"),
        Binding(keys: [.character("o")], label: "o", action: .cycleOrder, description: "order incidents by risk, age or reference"),
        Binding(keys: [.character("n")], label: "n", action: .answer, description: "answer the next call (999 first), or go back to the call you are on"),
        Binding(keys: [.character("a")], label: "a", action: .acknowledge, description: "acknowledge the emergency button alarm"),
        Binding(keys: [.character("S")], label: "S", action: .supervisor, description: "the supervisor's overview of the floor, and back"),
        Binding(keys: [.function(1), .character("?")], label: "F1 ?", action: .help, description: "this help"),
        Binding(keys: [.function(10), .character("q")], label: "F10 q", action: .quit, description: "quit (asks first)"),
    ]

    public static func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }
}
