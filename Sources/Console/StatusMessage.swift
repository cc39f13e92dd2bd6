import ReadModel

/// The status line's message when it is wider than the screen: wrapped at spaces onto the rows
/// above, a few at most, so a refusal is read whole at 80 columns.
enum StatusMessage {
    /// Rows a message may take, the status line's included: two at 80x24, four at most (a
    /// twelfth of the height), so the panes' last lines (the newest radio, a selected unit) are
    /// not hidden for long; two at most over a call (its form's last field), and over an overlay
    /// (the help, a list) one, cut and marked: the overlay is what is being read.
    static func rows(screenHeight: Int, mode: Mode) -> Int {
        if mode.isOverlay { return 1 }
        let rows = max(2, min(4, screenHeight / 12))
        return mode == .call || mode == .reply ? min(rows, 2) : rows
    }

    /// The message as the lines to draw, the last on the status line. What does not fit in
    /// `rows` ends the last line, marked, with where to read it whole.
    static func lines(_ text: String, width: Int, rows: Int, ellipsis: String) -> [String] {
        let clean = SafeText.clean(text)
        guard TextWidth.of(clean) > width, width > 8 else { return [clean] }
        var lines = Wrapping.lines(clean, width: width)
        if lines.count > rows {
            let more = " (:messages)"
            // The rest joined is always wider than the line: it wrapped.
            let rest = lines[(rows - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(rows - 1)) + [Render.clipped(rest, to: width - TextWidth.of(more), ellipsis: ellipsis) + more]
        }
        return lines
    }
}
