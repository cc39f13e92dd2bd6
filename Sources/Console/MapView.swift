import DispatchEngine

/// Where the map looks: its centre and how many kilometres its width spans (nil: the whole
/// district fitted), and whether it follows the selected incident. Dots are square on the
/// ground: a cell is two dots across and four down, and about twice as tall as it is wide.
public struct MapView: Sendable, Equatable {
    public var centre: Position?
    public var kmAcross: Double?
    public var follow = false
    /// Every place drawn (a district with roads shows its streets and only the places out of
    /// reach, unless asked).
    public var showPlaces = false
    public init() {}

    public static let closest = 0.2, widest = 500.0

    /// The district's extent: every place and station (where calls come from and units start;
    /// a beat's boundary may run on over fields and water, and is drawn where it is in view).
    static func extent(_ config: WorldConfig) -> (min: Position, max: Position)? {
        let points = config.places.prefix(config.addressCount).map(\.position) + config.stations.map(\.position)
        guard let first = points.first else { return nil }
        var lo = first, hi = first
        for p in points {
            lo = Position(x: min(lo.x, p.x), y: min(lo.y, p.y))
            hi = Position(x: max(hi.x, p.x), y: max(hi.y, p.y))
        }
        return (lo, hi)
    }

    /// The centre and width in force for a map of `columns` x `rows` cells.
    func resolved(_ config: WorldConfig, columns: Int, rows: Int) -> (centre: Position, kmAcross: Double) {
        guard let box = Self.extent(config) else { return (centre ?? Position(x: 0, y: 0), kmAcross ?? 10) }
        let fitCentre = Position(x: (box.min.x + box.max.x) / 2, y: (box.min.y + box.max.y) / 2)
        // Wide enough for the district's width, and for its height at square dots.
        let aspect = Double(max(columns, 1) * 2) / Double(max(rows, 1) * 4)
        let fitWidth = max(box.max.x - box.min.x, (box.max.y - box.min.y) * aspect, 1) * 1.15
        return (centre ?? fitCentre, kmAcross ?? fitWidth)
    }

    /// A point on the ground as a dot of the map (x right, y down).
    static func dot(_ p: Position, centre: Position, kmAcross: Double, columns: Int, rows: Int) -> (x: Int, y: Int) {
        let perDot = kmAcross / Double(max(columns * 2, 1))
        let x = (p.x - centre.x) / perDot + Double(columns * 2) / 2
        let y = (centre.y - p.y) / perDot + Double(rows * 4) / 2
        return (Int(x.rounded(.down)), Int(y.rounded(.down)))
    }

    /// Moved a quarter of the view in a direction (dx, dy of -1, 0, 1; dy up is north).
    mutating func pan(_ dx: Int, _ dy: Int, _ config: WorldConfig, columns: Int, rows: Int) {
        let (c, width) = resolved(config, columns: columns, rows: rows)
        let height = width * Double(rows * 4) / Double(max(columns * 2, 1))
        centre = Position(x: c.x + Double(dx) * width / 4, y: c.y + Double(dy) * height / 4)
        kmAcross = width
        follow = false
    }

    /// Twice as close (`in`) or twice as far.
    mutating func zoom(in closer: Bool, _ config: WorldConfig, columns: Int, rows: Int) {
        let (c, width) = resolved(config, columns: columns, rows: rows)
        centre = c
        kmAcross = min(max(closer ? width / 2 : width * 2, Self.closest), Self.widest)
    }

    /// The whole district again.
    mutating func fit() { centre = nil; kmAcross = nil; follow = false }

    /// A round distance for the scale bar: the longest of 1, 2, 5 x 10^n km within `most` km.
    static func scale(atMost most: Double) -> Double {
        var best = 0.1
        for exponent in -1...3 {
            for step in [1.0, 2.0, 5.0] {
                let d = step * pow10(exponent)
                if d <= most { best = d }
            }
        }
        return best
    }

    private static func pow10(_ n: Int) -> Double { n >= 0 ? (0..<n).reduce(1.0) { r, _ in r * 10 } : 1 / pow10(-n) }
}
