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
