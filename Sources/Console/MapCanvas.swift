/// A grid of dots over a rectangle of cells: two dots across and four down a cell in Unicode
/// braille (U+2800-U+28FF), or one mark a cell in ASCII. Marks (a letter, a digit) sit over the
/// dots; of two marks in one cell the more important one is kept.
struct MapCanvas {
    let columns: Int, rows: Int
    let braille: Bool
    private var dots: [UInt8]
    private var dotInk: [Ink?]
    private var marks: [(text: String, style: CellStyle, rank: Int)?]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = max(columns, 0); self.rows = max(rows, 0); self.braille = braille
        dots = Array(repeating: 0, count: self.columns * self.rows)
        dotInk = Array(repeating: nil, count: self.columns * self.rows)
        marks = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// Dots across and down.
    var dotColumns: Int { columns * 2 }
    var dotRows: Int { rows * 4 }

    /// The braille bit of each dot of a cell, by (column, row) within it.
    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func dot(_ x: Int, _ y: Int, _ ink: Ink) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        let cell = (y / 4) * columns + x / 2
        dots[cell] |= Self.bits[x % 2][y % 4]
        dotInk[cell] = ink
    }

    /// A straight line of dots (Bresenham).
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ ink: Ink) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        for _ in 0...(dx - dy + 1) {
            dot(x, y, ink)
            if x == x1 && y == y1 { return }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// A mark over the cell holding dot (x, y): higher `rank` wins the cell.
    mutating func mark(atDot x: Int, _ y: Int, _ text: String, _ style: CellStyle, rank: Int) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        let cell = (y / 4) * columns + x / 2
        if let held = marks[cell], held.rank >= rank { return }
        marks[cell] = (text, style, rank)
    }

    /// Text in cells from (column, row), over whatever is there (labels, the scale, north).
    mutating func label(_ text: String, column: Int, row: Int, _ style: CellStyle, rank: Int = 1) {
        guard row >= 0, row < rows else { return }
        for (i, ch) in text.enumerated() where column + i >= 0 && column + i < columns {
            let cell = row * columns + column + i
            if let held = marks[cell], held.rank > rank { continue }
            marks[cell] = (String(ch), style, rank)
        }
    }

    /// A label placed whole where no mark is (nearest its spot first: along its row, then the rows
    /// below and above), in the first of `forms` (longest first) that finds room; nothing if none
    /// does. Labels never cover a mark nor each other, nor run off the map.
    @discardableResult
    mutating func place(_ forms: [String], column: Int, row: Int, _ style: CellStyle, rank: Int = 1) -> Bool {
        for text in forms {
            let width = text.count
            guard width <= columns else { continue }
            for dr in [0, 1, -1, 2, -2, 3] {
                let r = row + dr
                guard r >= 0, r < rows else { continue }
                let start = min(max(column, 0), columns - width)
                for dc in 0...max(0, columns - width) {
                    for c in [start + dc, start - dc] where c >= 0 && c + width <= columns {
                        // A cell clear either side too: a label never runs into a mark ("100%2").
                        let span = max(c - 1, 0)..<min(c + width + 1, columns)
                        if span.allSatisfy({ marks[r * columns + $0] == nil }) {
                            label(text, column: c, row: r, style, rank: rank)
                            return true
                        }
                    }
                    if dc > 6 { break }   // no further than a few cells from its spot
                }
            }
        }
        return false
    }

    /// North, at the top right.
    mutating func north(_ glyphs: Glyphs) {
        label("N" + glyphs.up, column: columns - 3, row: 0, CellStyle(.heading, bold: true), rank: 12)
    }

    /// A scale bar on the bottom row from `column`: the longest round distance within `cells`
    /// cells of a map `kmAcross` wide, and its length in words.
    mutating func scaleBar(kmAcross: Double, within cells: Int, column: Int, _ glyphs: Glyphs) {
        let perCell = kmAcross / Double(columns)
        let length = MapView.scale(atMost: perCell * Double(cells))
        let drawn = max(Int((length / perCell).rounded()), 1)
        let bar = glyphs.teeLeft + String(repeating: glyphs.horizontal, count: max(drawn - 2, 0)) + glyphs.teeRight
        label(bar + " " + MapPane.distance(length), column: column, row: rows - 1, CellStyle(.heading), rank: 12)
    }

    /// Onto the frame at `origin`.
    func draw(_ frame: inout Frame, row origin: Int, column left: Int) {
        for r in 0..<rows {
            for c in 0..<columns {
                let cell = r * columns + c
                if let mark = marks[cell] {
                    frame.put(mark.text, row: origin + r, column: left + c, style: mark.style)
                } else if dots[cell] != 0 {
                    let text = braille ? String(Character(Unicode.Scalar(0x2800 + UInt32(dots[cell]))!)) : "."
                    frame.put(text, row: origin + r, column: left + c, style: CellStyle(dotInk[cell] ?? .dim))
                }
            }
        }
    }
}
