import Console
import Testing
@testable import Terminal

/// What real terminals send, byte for byte, and the one key each must be. The sequences are the
/// ones xterm, tmux/screen, the Linux console, rxvt, PuTTY and a VT220/VT100 send (from their
/// terminfo entries and ctlseqs), in both cursor-key modes.
@Suite("Keys are read whole, whatever the terminal")
struct KeyDecoderTests {
    /// Feeds the bytes as one burst (as they arrive over SSH), then silence.
    static func decode(_ bytes: String) -> [Key] {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for scalar in bytes.unicodeScalars { keys += decoder.feed(scalar) }
        keys += decoder.timedOut()
        return keys
    }

    static let esc = "\u{1B}"
    let esc = KeyDecoderTests.esc

    static let table: [(terminal: String, bytes: String, key: Key)] = [
        // xterm, normal and application cursor keys; tmux and screen send the same
        ("xterm", esc + "[A", .up), ("xterm", esc + "[B", .down), ("xterm", esc + "[C", .right), ("xterm", esc + "[D", .left),
        ("xterm app", esc + "OA", .up), ("xterm app", esc + "OB", .down), ("xterm app", esc + "OC", .right), ("xterm app", esc + "OD", .left),
        ("xterm", esc + "[H", .home), ("xterm", esc + "[F", .end), ("xterm app", esc + "OH", .home), ("xterm app", esc + "OF", .end),
        ("xterm", esc + "[5~", .pageUp), ("xterm", esc + "[6~", .pageDown), ("xterm", esc + "[3~", .delete),
        ("xterm", esc + "OP", .function(1)), ("xterm", esc + "OQ", .function(2)), ("xterm", esc + "OR", .function(3)), ("xterm", esc + "OS", .function(4)),
        ("xterm", esc + "[15~", .function(5)), ("xterm", esc + "[17~", .function(6)), ("xterm", esc + "[21~", .function(10)),
        ("xterm", esc + "[23~", .function(11)), ("xterm", esc + "[24~", .function(12)),
        ("xterm", esc + "[Z", .backTab),
        // xterm with modifiers: Ctrl-Up, Shift-PgDn, Shift-F1, Ctrl-F10
        ("xterm", esc + "[1;5A", .up), ("xterm", esc + "[6;2~", .pageDown), ("xterm", esc + "[1;2P", .function(1)), ("xterm", esc + "[21;5~", .function(10)),
        // tmux and screen: Home and End as VT220 Find/Select
        ("tmux", esc + "[1~", .home), ("tmux", esc + "[4~", .end),
        // rxvt: Home/End as 7~/8~, F1-F4 as 11~-14~
        ("rxvt", esc + "[7~", .home), ("rxvt", esc + "[8~", .end), ("rxvt", esc + "[11~", .function(1)), ("rxvt", esc + "[14~", .function(4)),
        // the Linux console: F1-F5
        ("linux", esc + "[[A", .function(1)), ("linux", esc + "[[E", .function(5)),
        // VT100 / VT220: PF1-PF4, keypad Enter in application mode
        ("vt100", esc + "OP", .function(1)), ("vt100", esc + "OS", .function(4)), ("vt100", esc + "OM", .enter),
        // 8-bit CSI
        ("vt220 8-bit", "\u{9B}6~", .pageDown),
        // Alt with a key is its own key
        ("xterm meta-sends-escape", esc + "6", .alt("6")), ("xterm", esc + "x", .alt("x")), ("xterm", esc + "q", .alt("q")),
        // plain keys
        ("any", "\r", .enter), ("any", "\n", .enter), ("any", "\t", .tab), ("any", "\u{7F}", .backspace), ("any", "\u{8}", .backspace),
        ("any", "\u{3}", .control("c")), ("any", "6", .character("6")), ("any", "é", .character("é")),
        ("any", esc, .escape),
    ]

    @Test("Each terminal's sequence is one key, never Esc and characters")
    func sequencesAreOneKey() {
        for (terminal, bytes, key) in Self.table {
            #expect(Self.decode(bytes) == [key], "\(terminal): \(bytes.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("An unknown sequence is dropped whole: no digit or tilde of it is read as a key")
    func unknownDroppedWhole() {
        for bytes in [esc + "[99~", esc + "[2~", esc + "[?1;2c", esc + "[<0;3;4M", esc + "Oz", esc + "[[Z", esc + "[1;5X"] {
            #expect(Self.decode(bytes) == [.unknown], "\(bytes.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // A terminal's report (OSC) ends at BEL or ST and leaves nothing behind.
        #expect(Self.decode(esc + "]11;rgb:0000/0000/0000\u{7}j") == [.character("j")])
        #expect(Self.decode(esc + "]0;title" + esc + "\\k") == [.character("k")])
    }

    @Test("Keys typed in a burst after a sequence are each read")
    func burst() {
        #expect(Self.decode(esc + "[6~" + "6" + esc + "[21~") == [.pageDown, .character("6"), .function(10)])
        #expect(Self.decode(esc + esc + "[A") == [.escape, .up])
    }

    @Test("A lone Esc is the Esc key only once silence says so")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed("\u{1B}") == [])
        #expect(decoder.pending)
        #expect(decoder.timedOut() == [.escape])
        #expect(!decoder.pending)
    }

    @Test("A bracketed paste is one paste of its text, escapes and all, never keys")
    func paste() {
        let line = ":msg NF11 X" + esc + "[31mRED\r"
        #expect(Self.decode(esc + "[200~" + line + esc + "[201~") == [.paste(line)])
        // The end marker's prefix inside the text is text.
        #expect(Self.decode(esc + "[200~a" + esc + "[20b" + esc + "[201~") == [.paste("a" + esc + "[20b")])
        // A paste whose end never comes is what came of it, once silence says so.
        #expect(Self.decode(esc + "[200~abc") == [.paste("abc")])
        // Keys after the paste are keys again.
        #expect(Self.decode(esc + "[200~x" + esc + "[201~" + "3") == [.paste("x"), .character("3")])
    }

    @Test("A huge paste is kept to the limit, and quickly")
    func hugePaste() {
        let text = String(repeating: "a", count: KeyDecoder.pasteLimit * 2)
        guard case .paste(let kept) = Self.decode(esc + "[200~" + text + esc + "[201~").first else {
            Issue.record("no paste")
            return
        }
        #expect(kept.count == KeyDecoder.pasteLimit)
    }
}
