import Foundation
import Synchronization

/// A road's class, as OpenStreetMap's `highway` tag names it: what it is drawn as and how fast
/// traffic goes on it when its limit is not known.
public enum RoadClass: String, CaseIterable, Sendable {
    case motorway, trunk, primary, secondary, tertiary, unclassified, residential
    case livingStreet = "living_street", service

    /// Drawn bolder on the map.
    public var isMajor: Bool {
        switch self {
        case .motorway, .trunk, .primary, .secondary: true
        default: false
        }
    }

    /// The usual limit in the UK where a road states none (km/h): national speed limits for
    /// motorways and dual carriageways, 30 mph in built-up areas, less in lanes and yards.
    public var usualLimit: Double {
        switch self {
        case .motorway: 112      // 70 mph
        case .trunk: 97          // 60 mph
        case .primary: 64        // 40 mph
        case .secondary, .tertiary, .unclassified, .residential: 48   // 30 mph
        case .livingStreet: 16   // 10 mph
        case .service: 24        // 15 mph
        }
    }
}

/// One road of the network: its class, limit (km/h), whether it is one way (in the order of its
/// nodes), the nodes it runs through and its name.
public struct Road: Sendable, Equatable {
    public var kind: RoadClass
    public var limit: Double
    public var oneWay: Bool
    public var nodes: [Int32]
    public var name: String
    public init(kind: RoadClass, limit: Double, oneWay: Bool, nodes: [Int32], name: String) {
        self.kind = kind; self.limit = limit; self.oneWay = oneWay; self.nodes = nodes; self.name = name
    }
}

/// The district's roads as a graph, and journeys along it. A journey's cost is its "effective
/// distance": each stretch of road weighted by how fast traffic goes on it against a 30 mph
/// street (a unit's speed from the scenario is its speed on such a street), so one shortest-path
/// tree serves every unit and both urgencies. Trees are worked out towards a destination once
/// and kept: a dispatch decision reads journeys from them and never searches the graph.
public final class RoadNetwork: Sendable {
    public let nodes: [Position]
    public let roads: [Road]
    /// Edges into each node: the reverse graph, as trees are grown from the destination.
    private let inStart: [Int32], inFrom: [Int32], inCost: [Float]
    private let snapping: NodeGrid
    /// The lowest effective distance a kilometre as the crow flies can cost (the fastest road's
    /// weight): no journey is cheaper than the straight line times this.
    public let cheapestPerKm: Double
    private let trees = Mutex<[Int32: RouteTree]>([:])
    /// Bands of `RouteTree.least`: the network's width east to west, in bands.
    private let bands: Int
    /// Trees kept at most (each one costs 12 bytes a node); beyond, the store starts again.
    private let treesKept: Int

    /// How much a kilometre of road at `limit` km/h costs against one at 30 mph (48 km/h):
    /// a response car goes faster where the limit is higher, but not in proportion (junctions,
    /// bends, traffic), so as the limit's ratio to the 0.7th power.
    public static func weight(limit: Double) -> Double {
        let ratio = max(limit, 5) / 48
        return 1 / pow(ratio, 0.7)
    }
    /// Getting from a place to the road (a drive, a car park, a yard) costs as much as a
    /// kilometre and a third of a 30 mph street per kilometre.
    public static let offRoadWeight = 1.3

    public init(nodes: [Position], roads: [Road]) {
        self.nodes = nodes; self.roads = roads
        var edges: [(from: Int32, to: Int32, cost: Float)] = []
        var cheapest = Self.offRoadWeight
        for road in roads {
            let w = Self.weight(limit: road.limit)
            cheapest = min(cheapest, w)
            for (a, b) in zip(road.nodes, road.nodes.dropFirst()) where a != b {
                let cost = Float(nodes[Int(a)].distance(to: nodes[Int(b)]) * w)
                edges.append((a, b, cost))
                if !road.oneWay { edges.append((b, a, cost)) }
            }
        }
        cheapestPerKm = cheapest
        // Reverse adjacency: by the node each edge leads to.
        (inStart, inFrom, inCost) = Self.adjacency(edges.map { ($0.to, $0.from, $0.cost) }, nodes: nodes.count)
        snapping = NodeGrid(nodes: nodes)
        let xs = nodes.map(\.x)
        bands = min(Int(((xs.max() ?? 0) - (xs.min() ?? 0)) / Self.leastBand) + 1, 8192)
        treesKept = max(16, 256 * 1024 * 1024 / max(12 * nodes.count, 1))
    }

    /// Kosaraju's two passes, without recursion (a county's roads are deep): the nodes of the
    /// largest set in which each reaches each.
    public static func largestStronglyConnected(out: [[Int32]], back: [[Int32]]) -> [Bool] {
        let n = out.count
        var order: [Int32] = []; order.reserveCapacity(n)
        var seen = [Bool](repeating: false, count: n)
        for start in 0..<n where !seen[start] {
            var stack: [(Int32, Int)] = [(Int32(start), 0)]
            seen[start] = true
            while let (node, k) = stack.last {
                let edges = out[Int(node)]
                if k < edges.count {
                    stack[stack.count - 1].1 = k + 1
                    let next = edges[k]
                    if !seen[Int(next)] { seen[Int(next)] = true; stack.append((next, 0)) }
                } else {
                    order.append(node); stack.removeLast()
                }
            }
        }
        var component = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        for start in order.reversed() where component[Int(start)] < 0 {
            let id = Int32(sizes.count)
            var size = 0
            var stack = [start]
            component[Int(start)] = id
            while let node = stack.popLast() {
                size += 1
                for prev in back[Int(node)] where component[Int(prev)] < 0 {
                    component[Int(prev)] = id; stack.append(prev)
                }
            }
            sizes.append(size)
        }
        guard let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) else { return [] }
        return component.map { $0 == Int32(largest) }
    }

    /// Edges grouped by their first node (compressed rows): where each node's edges start, the
    /// node each leads to, its cost.
    private static func adjacency(_ edges: [(Int32, Int32, Float)], nodes: Int) -> ([Int32], [Int32], [Float]) {
        var start = [Int32](repeating: 0, count: nodes + 1)
        for e in edges { start[Int(e.0) + 1] += 1 }
        for i in 0..<nodes { start[i + 1] += start[i] }
        var fill = start
        var other = [Int32](repeating: 0, count: edges.count), cost = [Float](repeating: 0, count: edges.count)
        for e in edges {
            let k = Int(fill[Int(e.0)]); fill[Int(e.0)] += 1
            other[k] = e.1; cost[k] = e.2
        }
        return (start, other, cost)
    }

    /// The road node nearest a point, and how far it is (km). Units stand at places and stations
    /// and journeys end at them, so the same points are asked for again and again: the answers
    /// are kept, a slot a point.
    public func nearestNode(to p: Position) -> (node: Int32, km: Double) {
        // The product's top bits depend on all of the coordinates' bits (its low bits only on
        // their low bits, which a round coordinate leaves zero).
        let mixed = (p.x.bitPattern &* 0x9E37_79B9_7F4A_7C15) ^ (p.y.bitPattern &* 0xC2B2_AE3D_27D4_EB4F)
        let slot = Int(truncatingIfNeeded: (mixed &* 0x94D0_49BB_1331_11EB) >> 52)
        if let kept = snaps.withLock({ $0[slot] }), kept.x == p.x, kept.y == p.y { return (kept.node, kept.km) }
        let found = snapping.nearest(to: p, in: nodes)
        snaps.withLock { $0[slot] = Snap(x: p.x, y: p.y, node: found.node, km: found.km) }
        return found
    }
    private struct Snap { var x: Double, y: Double, node: Int32, km: Double }
    private static let snapSlots = 4096
    private let snaps = Mutex<[Snap?]>(Array(repeating: nil, count: RoadNetwork.snapSlots))

    /// The effective distance of the journey from one point to another along the roads.
    public func effectiveDistance(from: Position, to: Position) -> Double {
        let (a, offA) = nearestNode(to: from), (b, offB) = nearestNode(to: to)
        return journeys(to: b).effectiveDistance(from: from, node: a, offRoad: offA, to: to, offRoad: offB)
    }

    /// Where a journey from `from` to `to` along the roads is when `share` of its effective
    /// distance is behind it: off the road to the nearest node, along the tree's roads, and off
    /// the road again at the end.
    public func position(from: Position, to: Position, share: Double) -> Position {
        let (a, offA) = nearestNode(to: from), (b, offB) = nearestNode(to: to)
        let tree = self.tree(to: b)
        let road = Double(tree.cost[Int(a)])
        guard road.isFinite, a != b else { return Self.between(from, to, share) }
        let total = road + (offA + offB) * Self.offRoadWeight
        guard total > 0 else { return to }
        var left = max(0, min(1, share)) * total
        let first = offA * Self.offRoadWeight
        if left <= first { return Self.between(from, nodes[Int(a)], first > 0 ? left / first : 1) }
        left -= first
        // How far along the roads, against each node's journey left: whole stretches of the
        // tree's skips are passed while the point is beyond them (a journey across a county runs
        // through hundreds of nodes, and every moving unit's position is asked for when an
        // officer calls for urgent assistance), then node by node.
        let start = Double(tree.cost[Int(a)])
        var node = a
        while node != b {
            let ahead = tree.skip[Int(node)]
            guard ahead != node, start - Double(tree.cost[Int(ahead)]) < left else { break }
            node = ahead
        }
        while node != b {
            let next = tree.next[Int(node)]
            guard next >= 0 else { break }
            let behind = start - Double(tree.cost[Int(next)])
            if left <= behind {
                let from = start - Double(tree.cost[Int(node)]), step = behind - from
                return Self.between(nodes[Int(node)], nodes[Int(next)], step > 0 ? (left - from) / step : 1)
            }
            node = next
        }
        left -= start - Double(tree.cost[Int(node)])
        let last = offB * Self.offRoadWeight
        return Self.between(nodes[Int(b)], to, last > 0 ? min(1, left / last) : 1)
    }

    static func between(_ a: Position, _ b: Position, _ f: Double) -> Position {
        Position(x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f)
    }

    /// The journeys to one point from anywhere: coverage takes each place's tree once and reads
    /// every free unit's journey off it (the very journeys the dispatcher's estimates read).
    public func journeys(to node: Int32) -> Journeys {
        let tree = tree(to: node)
        return Journeys(destination: node, cost: tree.cost, least: tree.least)
    }

    /// How far apart the bands of `RouteTree.least` are, km east or west.
    static let leastBand = 0.25

    /// For each band k, the least effective distance of a journey to the tree's destination (at
    /// easting `x`) from any point at least k bands east or west of it: from a node at least
    /// that far, its cost; from a nearer node, its cost and the way off the road to the point
    /// (at least the rest of the distance, at the off-road weight). The least of these only rises
    /// with the distance, so a band's figure holds for every point beyond it. Worked out from the
    /// nodes in bands, not each node against each band.
    private func leastBeyond(_ cost: [Float], from x: Double) -> [Float] {
        let bands = self.bands
        var farCost = [Double](repeating: .infinity, count: bands + 1)
        var nearCost = [Double](repeating: .infinity, count: bands + 1)
        for (n, c) in cost.enumerated() where c.isFinite {
            let dx = abs(nodes[n].x - x)
            let band = min(Int(dx / Self.leastBand), bands)
            farCost[band] = min(farCost[band], Double(c))
            nearCost[band] = min(nearCost[band], Double(c) - Self.offRoadWeight * dx)
        }
        var least = [Float](repeating: 0, count: bands + 1)
        var far = Double.infinity
        for k in stride(from: bands, through: 0, by: -1) {
            far = min(far, farCost[k])
            least[k] = Float(far)
        }
        var near = Double.infinity
        for k in 0...bands {
            // Nodes in the bands before k are nearer than k bands: the way off the road to a
            // point k bands off is at least the rest.
            let reach = near + Self.offRoadWeight * Double(k) * Self.leastBand
            let bound = max(0, min(Double(least[k]), reach))
            // Rounded down, never up: it is a bound from below.
            let rounded = Float(bound)
            least[k] = Double(rounded) > bound ? rounded.nextDown : rounded
            near = min(near, nearCost[k])
        }
        return least
    }

    /// The cheapest journeys to one destination node, from any node.
    public struct Journeys: Sendable {
        let destination: Int32
        let cost: [Float]
        /// `RouteTree.least`.
        let least: [Float]

        /// No journey to the destination node from a point at least `distance` km east or west
        /// of it is shorter than this (effective km): the dispatcher's search rules units out by it.
        func leastFrom(eastWest distance: Double) -> Double {
            guard !least.isEmpty else { return 0 }
            let band = distance / RoadNetwork.leastBand
            return Double(least[band < Double(least.count - 1) ? max(Int(band), 0) : least.count - 1])
        }

        /// From `from` (whose nearest node is `node`, `offRoad` km away) to `to` (this tree's
        /// destination's point, `end` km off the road).
        public func effectiveDistance(from: Position, node: Int32, offRoad: Double, to: Position, offRoad end: Double) -> Double {
            let road = Double(cost[Int(node)])
            // A place the roads do not reach (an island the extract cut off) is reached as the
            // crow flies, half as slow again as by road.
            guard road.isFinite else { return from.distance(to: to) * RoadNetwork.offRoadWeight * 1.5 }
            // Two points by the same road node: straight across, not to the road and back.
            if node == destination { return from.distance(to: to) * RoadNetwork.offRoadWeight }
            return road + (offRoad + end) * RoadNetwork.offRoadWeight
        }
    }

    /// The tree of cheapest journeys to `destination`, worked out once.
    func tree(to destination: Int32) -> RouteTree {
        if let kept = trees.withLock({ $0[destination] }) { return kept }
        var grown = RouteTree(towards: destination, nodes: nodes.count, start: inStart, from: inFrom, cost: inCost)
        grown.least = leastBeyond(grown.cost, from: nodes[Int(destination)].x)
        trees.withLock { store in
            if store.count >= treesKept { store.removeAll(keepingCapacity: true) }
            store[destination] = grown
        }
        return grown
    }
}

/// Road nodes bucketed by a 250 m grid, for the nearest node to a point.
private struct NodeGrid: Sendable {
    static let cell = 0.25
    let minX: Double, minY: Double
    let columns: Int, rows: Int
    let start: [Int32], members: [Int32]

    init(nodes: [Position]) {
        let minX = nodes.map(\.x).min() ?? 0, minY = nodes.map(\.y).min() ?? 0
        let maxX = nodes.map(\.x).max() ?? 0, maxY = nodes.map(\.y).max() ?? 0
        let columns = Int((maxX - minX) / Self.cell) + 1, rows = Int((maxY - minY) / Self.cell) + 1
        self.minX = minX; self.minY = minY; self.columns = columns; self.rows = rows
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        let cells = nodes.map { p in Self.index(p, minX, minY, columns, rows) }
        for c in cells { counts[c + 1] += 1 }
        for i in 0..<(columns * rows) { counts[i + 1] += counts[i] }
        var fill = counts
        var members = [Int32](repeating: 0, count: nodes.count)
        for (n, c) in cells.enumerated() { members[Int(fill[c])] = Int32(n); fill[c] += 1 }
        start = counts; self.members = members
    }

    static func index(_ p: Position, _ minX: Double, _ minY: Double, _ columns: Int, _ rows: Int) -> Int {
        let cx = min(max(Int((p.x - minX) / cell), 0), columns - 1), cy = min(max(Int((p.y - minY) / cell), 0), rows - 1)
        return cy * columns + cx
    }

    /// Rings of cells outward from the point's cell until no nearer node can lie further out.
    func nearest(to p: Position, in nodes: [Position]) -> (node: Int32, km: Double) {
        guard !nodes.isEmpty else { return (0, 0) }
        let fx = (p.x - minX) / Self.cell, fy = (p.y - minY) / Self.cell
        let cx = min(max(Int(fx.rounded(.down)), 0), columns - 1), cy = min(max(Int(fy.rounded(.down)), 0), rows - 1)
        var best: Int32 = -1, bestKm = Double.infinity
        var ring = 0
        while ring <= max(columns, rows) {
            for y in (cy - ring)...(cy + ring) where y >= 0 && y < rows {
                for x in (cx - ring)...(cx + ring) where x >= 0 && x < columns {
                    guard abs(x - cx) == ring || abs(y - cy) == ring else { continue }
                    let c = y * columns + x
                    for k in Int(start[c])..<Int(start[c + 1]) {
                        let n = members[k]
                        let d = nodes[Int(n)].distance(to: p)
                        if d < bestKm || (d == bestKm && n < best) { bestKm = d; best = n }
                    }
                }
            }
            // A node in a further ring is at least `ring` whole cells from the point (also when
            // the point is off the grid and its cell is the nearest edge cell).
            if best >= 0 && bestKm <= Double(ring) * Self.cell { break }
            ring += 1
        }
        return (best, bestKm)
    }
}
