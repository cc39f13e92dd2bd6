import DispatchEngine
import Foundation
import OpenStreetMap

/// Flat geometry on WGS84 degrees over a district's few kilometres: good to metres.
enum Geometry {
    /// Kilometres between two coordinates (equirectangular, at their mean latitude).
    static func km(_ a: Coordinate, _ b: Coordinate) -> Double {
        let y = (a.latitude - b.latitude) * 111.132
        let x = (a.longitude - b.longitude) * 111.320 * cos((a.latitude + b.latitude) / 2 * .pi / 180)
        return (x * x + y * y).squareRoot()
    }

    /// The middle of a way's points (a building's outline gives where its address is).
    static func centre(_ points: [Coordinate]) -> Coordinate? {
        var ring = points
        if ring.count > 1, ring.first == ring.last { ring.removeLast() }
        guard !ring.isEmpty else { return nil }
        let n = Double(ring.count)
        return Coordinate(latitude: ring.map(\.latitude).reduce(0, +) / n, longitude: ring.map(\.longitude).reduce(0, +) / n)
    }

    /// Whether a point is inside a polygon of rings (an outer boundary and any holes): even-odd.
    static func contains(_ rings: [[Coordinate]], _ p: Coordinate) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.latitude > p.latitude) != (b.latitude > p.latitude),
                   p.longitude < (b.longitude - a.longitude) * (p.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }

    /// A ring of points in km with those dropped that lie within `tolerance` km of the line their
    /// neighbours kept make (Douglas-Peucker): a boundary of thousands of nodes drawn as the
    /// same shape from a few dozen. A closed ring comes back closed, without its last point.
    static func simplified(_ points: [Position], within tolerance: Double) -> [Position] {
        var ring = points
        if ring.count > 1, ring.first == ring.last { ring.removeLast() }
        guard ring.count > 3 else { return ring }
        var keep = Array(repeating: false, count: ring.count)
        // Split at the point farthest from the first, so each half is an open line.
        let far = ring.indices.max { ring[0].distance(to: ring[$0]) < ring[0].distance(to: ring[$1]) }!
        keep[0] = true; keep[far] = true
        var spans = [(0, far), (far, ring.count)]
        while let (a, b) = spans.popLast() {
            guard b - a > 1 else { continue }
            let p = ring[a], q = ring[b % ring.count]
            var worst = -1.0, at = a
            for i in (a + 1)..<b {
                let d = distance(ring[i], fromLine: p, q)
                if d > worst { worst = d; at = i }
            }
            if worst > tolerance { keep[at] = true; spans.append((a, at)); spans.append((at, b)) }
        }
        return ring.indices.filter { keep[$0] }.map { ring[$0] }
    }

    /// How far `r` is from the segment p-q, in km.
    private static func distance(_ r: Position, fromLine p: Position, _ q: Position) -> Double {
        let dx = q.x - p.x, dy = q.y - p.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return r.distance(to: p) }
        let t = max(0, min(1, ((r.x - p.x) * dx + (r.y - p.y) * dy) / length))
        return r.distance(to: Position(x: p.x + t * dx, y: p.y + t * dy))
    }

    /// A polygon's area in km² (outer rings less holes, by the shoelace formula on the grid).
    static func areaKm2(_ rings: [[Coordinate]]) -> Double {
        var total = 0.0
        for ring in rings where ring.count >= 3 {
            let lat0 = ring[0].latitude
            let kx = 111.320 * cos(lat0 * .pi / 180), ky = 111.132
            var sum = 0.0
            for i in ring.indices {
                let a = ring[i], b = ring[(i + 1) % ring.count]
                sum += (a.longitude * kx) * (b.latitude * ky) - (b.longitude * kx) * (a.latitude * ky)
            }
            // Rings may run either way round (a boundary's ways joined as they come).
            total += abs(sum / 2)
        }
        return total
    }
}
