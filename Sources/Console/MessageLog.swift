import DispatchEngine
import ReadModel

/// What the status line has said this session, so a message gone by (replaced by the next key's,
/// or cleared with Esc) can be read again with `:messages`.
public struct MessageLog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The floor's time when it was said.
        public var at: SimTime
        public var text: String
        /// A refusal or a mistake, not news.
        public var isError: Bool
        /// Said again at once (the same key pressed twice): one entry, counted.
        public var times = 1
    }

    /// Oldest first; the oldest go once there are `kept`.
    public private(set) var entries: [Entry] = []
    public static let kept = 200

    /// What was said while the console was set up (the welcome) is said as it opens.
    public mutating func opened(at time: SimTime) {
        for k in entries.indices { entries[k].at = time }
    }

    mutating func note(_ text: String, isError: Bool, at time: SimTime) {
        if var last = entries.last, last.text == text, last.isError == isError {
            last.times += 1
            last.at = time
            entries[entries.count - 1] = last
            return
        }
        entries.append(Entry(at: time, text: text, isError: isError))
        if entries.count > Self.kept { entries.removeFirst(entries.count - Self.kept) }
    }
}

/// The status line's message when it is wider than the screen: wrapped at spaces onto the rows
/// above, a few at most, so a refusal is read whole at 80 columns.
enum StatusMessage {
    /// Rows a message may take, the status line's included: two at 80x24, four at most, so the
    /// panes' last lines (the newest radio, a selected unit) are not hidden for long. Over an
    /// overlay (the help, a list) one row, cut and marked: the overlay is what is being read.
    static func rows(screenHeight: Int, overOverlay: Bool) -> Int {
        overOverlay ? 1 : max(2, min(4, screenHeight / 12))
    }

    /// The message as the lines to draw, the last on the status line. What does not fit in
    /// `rows` ends the last line, marked, with where to read it whole.
    static func lines(_ text: String, width: Int, rows: Int, ellipsis: String) -> [String] {
        let clean = SafeText.clean(text)
        guard TextWidth.of(clean) > width, width > 8 else { return [clean] }
        var lines = split(clean, width: width)
        if lines.count > rows {
            let more = " (:messages)"
            // The rest joined is always wider than the line: it wrapped.
            let rest = lines[(rows - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(rows - 1)) + [Render.clipped(rest, to: width - TextWidth.of(more), ellipsis: ellipsis) + more]
        }
        return lines
    }

    /// At spaces; a word wider than the line (a long file name) broken where the line ends.
    static func split(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            let candidate = current.isEmpty ? word : current + " " + word
            if TextWidth.of(candidate) <= width { current = candidate; continue }
            if !current.isEmpty { lines.append(current); current = "" }
            while TextWidth.of(word) > width {
                var piece = ""
                for ch in word {
                    if TextWidth.of(piece + String(ch)) > width { break }
                    piece.append(ch)
                }
                lines.append(piece)
                word.removeFirst(piece.count)
            }
            current = word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
