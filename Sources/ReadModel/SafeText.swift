/// Text from a scenario or typed by a user never reaches the terminal with control characters
/// in it (ESC, C0, C1): they could move the cursor or change the terminal's state.
public enum SafeText {
    public static func clean(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 < 0x80 }) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
                out.append(v == 0x09 || v == 0x0A ? " " : "\u{FFFD}")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
