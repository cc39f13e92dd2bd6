import ReadModel

/// Text broken into lines of a width, for the status line and the text overlays.
enum Wrapping {
    /// At spaces; a word wider than the line (a long file name) broken where the line ends.
    static func lines(_ text: String, width: Int) -> [String] {
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
                // One character wider than the line (an emoji with many modifiers): alone on
                // its line, the screen cuts it; never a piece of nothing, which would not end.
                if piece.isEmpty, let first = word.first { piece = String(first) }
                lines.append(piece)
                word.removeFirst(piece.count)
            }
            current = word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
