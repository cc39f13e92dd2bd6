import Console

/// Turns what the terminal sends into keys, reading escape sequences whole whatever TERM says.
/// ncurses' own decoder (keypad mode) knows only the sequences of the terminfo entry in force:
/// under TERM=vt100 a PgDn (ESC [ 6 ~) arrived as Esc, '[', '6', '~' and the '6' booked a unit at
/// scene. Here every CSI and SS3 sequence is read to its final byte and either named or dropped
/// whole; Esc and a key together is Alt with that key, never the bare key; a bracketed paste is
/// one `.paste` of its text, never keys.
///
/// Fed one Unicode scalar at a time (ncurses decodes UTF-8); `timedOut()` is called when nothing
/// more came within the escape delay, which is how a lone Esc is told from the start of a sequence.
struct KeyDecoder {
    private enum State: Equatable {
        case ground
        /// An Esc was read.
        case escape
        /// Inside ESC [ (CSI) or ESC O (SS3), with what was read after the introducer.
        case csi(String)
        case ss3
        /// ESC [ [ (the Linux console's F1-F5).
        case linuxFunction
        /// Inside a string sequence (OSC, DCS, APC, PM, SOS) until its terminator; `escape` when
        /// an Esc was just read (ESC \ ends it).
        case string(escape: Bool)
        /// Inside a bracketed paste, with how much of the end marker was seen last.
        case paste(marker: Int)
    }

    private var state = State.ground
    /// The paste's text so far (kept outside `state`, so that adding to it copies nothing).
    private var pasted = String.UnicodeScalarView()
    private var pastedCount = 0
    private static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)
    /// The most a paste keeps: a larger one is cut here (it is text for a command line).
    static let pasteLimit = 64 * 1024

    /// Whether a sequence is under way (the caller should wait a little for the rest).
    var pending: Bool { state != .ground }

    /// Whether a paste is under way: its end is waited for without the escape delay.
    var pasting: Bool { if case .paste = state { return true } else { return false } }

    /// The key or keys this scalar completes (often none).
    mutating func feed(_ scalar: Unicode.Scalar) -> [Key] {
        let v = scalar.value
        switch state {
        case .ground:
            if v == 0x1B { state = .escape; return [] }
            if v == 0x9B { state = .csi(""); return [] }   // the 8-bit CSI
            return [Self.plain(scalar)].compactMap { $0 }
        case .escape:
            switch v {
            case 0x5B: state = .csi(""); return []          // [
            case 0x4F: state = .ss3; return []              // O
            // OSC, DCS and APC: a terminal's answers and reports, never keys. (Alt-] Alt-P Alt-_
            // are lost to them; the rest of such a string is dropped until silence at the latest.)
            case 0x5D, 0x50, 0x5F: state = .string(escape: false); return []
            case 0x1B:
                // Esc Esc: the first was a lone Esc; the second may start a sequence.
                return [.escape]
            default:
                state = .ground
                guard let key = Self.plain(scalar) else { return [.unknown] }
                if case .character(let c) = key { return [.alt(c)] }
                return [.unknown]   // Alt with Enter, Tab or a control key: not a key we use
            }
        case .csi(let so):
            if so == "" && v == 0x5B { state = .linuxFunction; return [] }
            switch v {
            case 0x20...0x3F:
                guard so.unicodeScalars.count < 32 else { state = .ground; return [.unknown] }
                state = .csi(so + String(scalar))
                return []
            case 0x40...0x7E:
                state = .ground
                if so == "200" && v == 0x7E {
                    state = .paste(marker: 0)
                    pasted = String.UnicodeScalarView()
                    pastedCount = 0
                    return []
                }
                return [Self.csi(so, final: scalar)]
            default:
                // Not a CSI byte: the sequence is broken; drop it and read this anew.
                state = .ground
                return [.unknown] + feed(scalar)
            }
        case .ss3:
            state = .ground
            return [Self.ss3(scalar)]
        case .linuxFunction:
            state = .ground
            switch v {
            case 0x41...0x45: return [.function(Int(v - 0x40))]   // ESC [ [ A .. E: F1-F5
            default: return [.unknown]
            }
        case .string(let escape):
            if v == 0x07 || v == 0x9C || (escape && v == 0x5C) { state = .ground; return [] }
            state = .string(escape: v == 0x1B)
            return []
        case .paste(let marker):
            if scalar == Self.pasteEnd[marker] {
                if marker + 1 == Self.pasteEnd.count {
                    state = .ground
                    let text = String(pasted)
                    pasted = String.UnicodeScalarView()
                    return [.paste(text)]
                }
                state = .paste(marker: marker + 1)
                return []
            }
            // Not the end marker after all: what was held back is part of the text.
            for held in Self.pasteEnd[0..<marker] { keep(held) }
            if v == 0x1B { state = .paste(marker: 1); return [] }
            keep(scalar)
            state = .paste(marker: 0)
            return []
        }
    }

    private mutating func keep(_ scalar: Unicode.Scalar) {
        guard pastedCount < Self.pasteLimit else { return }
        pasted.append(scalar)
        pastedCount += 1
    }

    /// Nothing more came: a lone Esc is the Esc key; a sequence cut short is dropped; a paste
    /// whose end never came is what arrived of it.
    mutating func timedOut() -> [Key] {
        switch state {
        case .ground: return []
        case .paste(let marker):
            for held in Self.pasteEnd[0..<marker] { keep(held) }
            state = .ground
            let text = String(pasted)
            pasted = String.UnicodeScalarView()
            return [.paste(text)]
        case .escape: state = .ground; return [.escape]
        default: state = .ground; return [.unknown]
        }
    }

    /// A key that is not part of a sequence.
    private static func plain(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 10, 13: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 0: return nil
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(scalar.value) + 96)))
        case 28...31: return .unknown
        case 0x80...0x9F: return .unknown   // C1 controls: never text
        default: return .character(Character(scalar))
        }
    }

    /// ESC [ params final, as xterm, rxvt, the Linux console, VT220 and PuTTY send them. The
    /// modifier parameter (1;5A is Ctrl-Up) is read past: a modified arrow still moves.
    private static func csi(_ so: String, final: Unicode.Scalar) -> Key {
        let parameters = so.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        if so.contains(where: { !"0123456789;".contains($0) }) { return .unknown }   // private (<, ?, >) or intermediates
        let first = parameters.first.flatMap { $0 } ?? 1
        let modifier = parameters.count > 1 ? (parameters[1] ?? 1) : 1
        if let key = cursorKey(final) { return key }
        switch final {
        case "Z": return .backTab
        case "P", "Q", "R", "S":
            // xterm's F1-F4 with a modifier (ESC [ 1 ; 2 P); unmodified they come as SS3.
            guard first == 1 else { return .unknown }
            return .function(Int(final.value - 0x50 + 1))
        case "~":
            guard modifier >= 1 else { return .unknown }
            switch first {
            case 1, 7: return .home       // VT220 Find / rxvt Home
            case 2: return .unknown       // Insert: not used
            case 3: return .delete
            case 4, 8: return .end        // VT220 Select / rxvt End
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(first - 10)   // rxvt, PuTTY: F1-F5
            case 17...21: return .function(first - 11)   // F6-F10
            case 23, 24: return .function(first - 12)    // F11, F12
            default: return .unknown
            }
        default: return .unknown
        }
    }

    /// The arrows, Home and End: the same final byte after CSI and SS3.
    private static func cursorKey(_ final: Unicode.Scalar) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        default: return nil
        }
    }

    /// ESC O final: cursor keys in application mode, F1-F4, Home and End, keypad Enter.
    private static func ss3(_ final: Unicode.Scalar) -> Key {
        if let key = cursorKey(final) { return key }
        switch final {
        case "M": return .enter
        case "P", "Q", "R", "S": return .function(Int(final.value - 0x50 + 1))
        default: return .unknown
        }
    }
}
