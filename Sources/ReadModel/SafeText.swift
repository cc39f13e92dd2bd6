/// Text from a scenario or typed by a user never reaches the terminal with control characters
/// in it (ESC, C0, C1): they could move the cursor or change the terminal's state. Nor with the
/// bidirectional overrides and isolates, which make text read other than it is stored.
public enum SafeText {
    public static func clean(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 < 0x80 }) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isControl(s) {
                out.append(s.value == 0x09 || s.value == 0x0A ? " " : "\u{FFFD}")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Pasted text as it goes into a line: control characters removed, line ends and tabs as
    /// spaces (a paste is one line of text, never keys).
    public static func pasted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if [0x09, 0x0A, 0x0D].contains(s.value) {
                if out.last != " " { out.append(" ") }
            } else if !isControl(s) {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Text from a scenario or a journal kept to one line: each line break (LF, CR, VT, FF, NEL,
    /// the line and paragraph separators) shown as its escape (`\u{A}`), so a name cannot start
    /// a line of its own in a report; other control characters are left for the output to show.
    public static func oneLine(_ text: String) -> String {
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029]
        guard text.unicodeScalars.contains(where: { breaks.contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if breaks.contains(s.value) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// C0, DEL, C1, the bidirectional embeddings, overrides and isolates, and the line and
    /// paragraph separators.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028 || v == 0x2029
    }
}
