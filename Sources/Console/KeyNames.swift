/// Keys by the names a config file and the help use: "q", "F10", "Ctrl-C", "Alt-x", "Enter",
/// "Esc", "Tab", "Shift-Tab", "Up", "PgDn", "Space"...
extension Key {
    static let named: [(String, Key)] = [
        ("Enter", .enter), ("Esc", .escape), ("Escape", .escape), ("Tab", .tab), ("Shift-Tab", .backTab),
        ("Backspace", .backspace), ("Delete", .delete), ("Del", .delete), ("Space", .character(" ")),
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PgUp", .pageUp), ("PageUp", .pageUp), ("PgDn", .pageDown), ("PageDown", .pageDown), ("Home", .home), ("End", .end),
    ]

    /// The key this name means, or nil.
    public init?(name: String) {
        if let (_, key) = Key.named.first(where: { $0.0.lowercased() == name.lowercased() }) { self = key; return }
        let lower = name.lowercased()
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        if lower.hasPrefix("ctrl-"), name.count == 6, let c = lower.last, c.isLetter, c.isASCII { self = .control(c); return }
        if lower.hasPrefix("alt-"), name.count == 5, let c = name.last, c.isASCII, !c.isWhitespace { self = .alt(c); return }
        if name.count == 1, let c = name.first, c.isASCII, !c.isWhitespace, !c.isNewline { self = .character(c); return }
        return nil
    }

    /// The arrows as the help draws them.
    static let arrows: [Key: String] = [.up: "↑", .down: "↓", .left: "←", .right: "→"]

    /// The name the help shows.
    public var name: String {
        if let arrow = Key.arrows[self] { return arrow }
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .alt(let c): return "Alt-\(c)"
        default: return Key.named.first { $0.1 == self }?.0 ?? "?"
        }
    }
}
