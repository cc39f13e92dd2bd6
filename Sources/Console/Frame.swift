import ReadModel
/// One screen: a grid of cells, each a grapheme (or nothing, where a wide character's second
/// column is) and a style. Render fills it; the terminal copies it to the screen.
public struct Frame: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// What is drawn in the cell; "" for the second column of a wide character.
        public var text: String
        public var style: CellStyle
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: Cell(text: " ", style: .normal), count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Writes `text` at (row, column), clipped to `limit` columns (and the frame); returns the
    /// columns used. Control characters are made harmless first.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, limit: Int? = nil, style: CellStyle = .normal) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let end = min(width, column + (limit ?? width))
        // Fast path: printable ASCII needs no cleaning and is one column a character.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var col = column
            for byte in text.utf8 {
                if col >= end { break }
                if col >= 0 { cells[row * width + col] = Cell(text: String(UnicodeScalar(byte)), style: style) }
                col += 1
            }
            return col - column
        }
        var col = column
        for character in SafeText.clean(text) {
            let w = character.unicodeScalars.reduce(0) { $0 + TextWidth.of($1) }
            if w == 0 { continue }
            if col + w > end { break }
            if col >= 0 {
                cells[row * width + col] = Cell(text: String(character), style: style)
                if w == 2 { cells[row * width + col + 1] = Cell(text: "", style: style) }
            }
            col += w
        }
        return col - column
    }

    /// Paints `count` cells from (row, column) with spaces in `style`.
    public mutating func fill(row: Int, column: Int, count: Int, style: CellStyle) {
        guard row >= 0, row < height else { return }
        for c in max(column, 0)..<min(width, column + count) {
            cells[row * width + c] = Cell(text: " ", style: style)
        }
    }

    /// Restyles cells without changing their text (selection bars).
    public mutating func restyle(row: Int, column: Int, count: Int, _ change: (inout CellStyle) -> Void) {
        guard row >= 0, row < height else { return }
        for c in max(column, 0)..<min(width, column + count) { change(&cells[row * width + c].style) }
    }

    /// The frame as plain text, one line per row (trailing spaces kept): for snapshot tests.
    public var text: String {
        (0..<height).map { r in (0..<width).map { cells[r * width + $0].text }.joined() }.joined(separator: "\n")
    }
}
