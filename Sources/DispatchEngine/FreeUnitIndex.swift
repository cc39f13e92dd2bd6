/// The free units ordered west to east (by where they stand, then by unit): the automated
/// dispatcher looks for the nearest free unit outward from the incident's easting and stops on
/// each side as soon as the east-west distance alone makes a unit too late, instead of working
/// out every free unit's journey for every incident (a large force has about a hundred free).
/// Kept in step with `World.available` by `World.apply`.
struct FreeUnitIndex: Sendable {
    struct Entry: Sendable, Equatable {
        var x: Double
        /// Its northing: where it stands is read here as the search goes, not from its record.
        var y: Double
        /// With roads, the road node nearest where it stands and how far off it is (km): a unit
        /// stands still while free, so its journeys start there every time it is looked at.
        var km: Double
        var unit: UnitIndex
        var node: Int32
        var position: Position { Position(x: x, y: y) }
        /// Its nearest road node, if indexed with roads.
        var snapped: (node: Int32, km: Double)? { node >= 0 ? (node, km) : nil }
    }

    private(set) var entries: [Entry] = []
    /// Where each unit is indexed (nil: not free).
    private var indexedAt: [Position?]

    init(units: Int) { indexedAt = Array(repeating: nil, count: units) }

    /// Room for units added after these (a fork with a unit borrowed).
    mutating func makeRoom(units: Int) {
        if indexedAt.count < units { indexedAt += Array(repeating: nil, count: units - indexedAt.count) }
    }

    /// Where an entry at `x` for `unit` belongs: the first entry after it in the order.
    /// Halves without a branch: which half it takes cannot be predicted.
    func position(x: Double, unit: UnitIndex = -1) -> Int {
        entries.withUnsafeBufferPointer { e in
            guard !e.isEmpty else { return 0 }
            func before(_ i: Int) -> Bool { e[i].x < x || (e[i].x == x && e[i].unit < unit) }
            var base = 0, n = e.count
            while n > 1 {
                let half = n / 2
                base = before(base + half) ? base + half : base
                n -= half
            }
            return base + (before(base) ? 1 : 0)
        }
    }

    /// Indexes a free unit where it stands, and (with roads) the road node nearest it.
    mutating func add(_ unit: UnitIndex, at place: Position, snapped: (node: Int32, km: Double) = (-1, 0)) {
        if indexedAt[Int(unit)] != nil { remove(unit) }
        entries.insert(Entry(x: place.x, y: place.y, km: snapped.km, unit: unit, node: snapped.node),
                       at: position(x: place.x, unit: unit))
        indexedAt[Int(unit)] = place
    }

    mutating func remove(_ unit: UnitIndex) {
        guard let x = indexedAt[Int(unit)]?.x else { return }
        let i = position(x: x, unit: unit)
        precondition(i < entries.count && entries[i].unit == unit, "free unit index out of step")
        entries.remove(at: i)
        indexedAt[Int(unit)] = nil
    }

    /// Whether the unit is in the index, at `place`.
    func holds(_ unit: UnitIndex, at place: Position) -> Bool { indexedAt[Int(unit)] == place }
}
