import Foundation
import OpenStreetMap

/// The areas a district is divided into: the force's own beats from a GeoJSON file, else the
/// extract's administrative boundaries, else a grid the importer proposes.
struct AreaBoundaries {
    struct Shape {
        var name: String
        var rings: [[Coordinate]]
        /// Stated in the GeoJSON (`rural: true`); nil: judged by how dense its roads are.
        var rural: Bool?
    }
    var shapes: [Shape]
    var from: String

    func area(of p: Coordinate) -> Int? { shapes.firstIndex { Geometry.contains($0.rings, p) } }

    // MARK: GeoJSON

    /// A FeatureCollection of Polygon or MultiPolygon features, each with a `name` property
    /// (and optionally `rural`). Every problem located by feature.
    static func geoJSON(_ data: Data, file: String) -> Result<AreaBoundaries, DistrictProblems> {
        var problems: [String] = []
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(DistrictProblems(["\(file): this is not JSON with an object at the top; expected a GeoJSON FeatureCollection"]))
        }
        guard root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any] else {
            return .failure(DistrictProblems(["\(file): the top is not a FeatureCollection with features; expected {\"type\": \"FeatureCollection\", \"features\": [...]}"]))
        }
        var shapes: [Shape] = []
        var names = Set<String>()
        for (i, item) in features.enumerated() {
            func fail(_ message: String) { problems.append("\(file): feature \(i + 1): \(message)") }
            guard let feature = item as? [String: Any], let geometry = feature["geometry"] as? [String: Any] else {
                fail("no geometry; expected a Feature with a Polygon or MultiPolygon"); continue
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let rawName = (properties["name"] ?? properties["NAME"] ?? properties["beat"]) as? String,
                  !Naming.clean(rawName).isEmpty else {
                fail("no name; expected a \"name\" property naming the area"); continue
            }
            let name = Naming.clean(rawName)
            guard names.insert(name.lowercased()).inserted else { fail("'\(name)' is named twice; expected each area once"); continue }
            let polygons: [Any]
            switch geometry["type"] as? String {
            case "Polygon": polygons = [geometry["coordinates"] as Any]
            case "MultiPolygon": polygons = geometry["coordinates"] as? [Any] ?? []
            default: fail("a \(geometry["type"] as? String ?? "geometry without a type"); expected a Polygon or MultiPolygon"); continue
            }
            var rings: [[Coordinate]] = []
            var bad = false
            for polygon in polygons {
                guard let list = polygon as? [Any] else { bad = true; break }
                for ring in list {
                    guard let points = ring as? [[Double]], points.count >= 4, points.allSatisfy({ $0.count >= 2 && abs($0[1]) <= 90 && abs($0[0]) <= 180 }) else { bad = true; break }
                    rings.append(points.map { Coordinate(latitude: $0[1], longitude: $0[0]) })
                }
            }
            if bad || rings.isEmpty { fail("its coordinates are not rings of [longitude, latitude] points (four at least); expected GeoJSON polygons in WGS84"); continue }
            if let rural = properties["rural"], (rural as? Bool) == nil {
                fail("\"rural\" is \(String(describing: rural).prefix(20)); expected true or false"); continue
            }
            shapes.append(Shape(name: name, rings: rings, rural: properties["rural"] as? Bool))
        }
        if problems.isEmpty && shapes.isEmpty { problems.append("\(file): no features; expected one area at least") }
        guard problems.isEmpty else { return .failure(DistrictProblems(problems)) }
        return .success(AreaBoundaries(shapes: shapes, from: "\(file) (\(shapes.count) area\(shapes.count == 1 ? "" : "s"))"))
    }

    // MARK: Administrative boundaries

    /// The extract's `boundary=administrative` relations of the level that best divides the
    /// places: two areas at least, whose outer ways close into rings, covering most places.
    static func administrative(_ osm: Extract, places: [Coordinate], notes: inout [String]) -> AreaBoundaries? {
        let ways = Dictionary(osm.ways.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byLevel: [Int: [Shape]] = [:]
        var open: [String] = []
        for relation in osm.relations where relation.tags["boundary"] == "administrative" {
            guard let level = relation.tags["admin_level"].flatMap({ Int($0) }), let name = relation.tags["name"].map(Naming.clean), !name.isEmpty else { continue }
            let outer = relation.members.filter { $0.kind == .way && ($0.role == "outer" || $0.role.isEmpty) }
            // Every way and every node of it in the extract: a boundary the extract cut is left out,
            // not closed along a chord.
            let lines = outer.compactMap { ways[$0.id] }.map { way in way.nodes.compactMap { osm.nodes[$0] } }
            let whole = zip(outer.compactMap { ways[$0.id] }, lines).allSatisfy { $0.nodes.count == $1.count }
            guard lines.count == outer.count, whole, !lines.isEmpty, let rings = closeRings(lines) else { open.append(name); continue }
            byLevel[level, default: []].append(Shape(name: name, rings: rings, rural: nil))
        }
        var best: (level: Int, shapes: [Shape], covered: Int)?
        for (level, shapes) in byLevel where shapes.count >= 2 {
            let covered = places.filter { p in shapes.contains { Geometry.contains($0.rings, p) } }.count
            if covered * 2 >= places.count, best == nil || covered > best!.covered || (covered == best!.covered && level > best!.level) {
                best = (level, shapes, covered)
            }
        }
        guard let best else { return nil }
        if !open.isEmpty {
            notes.append("\(open.count) boundaries left out: the extract cuts their edges (\(open.prefix(5).joined(separator: ", "))\(open.count > 5 ? ", ..." : ""))")
        }
        let names = Set(best.shapes.map(\.name))
        let shapes = best.shapes.enumerated().map { i, s in
            // Two boundaries of one name (rare) told apart.
            names.count == best.shapes.count ? s : Shape(name: "\(s.name) (\(i + 1))", rings: s.rings, rural: nil)
        }
        return AreaBoundaries(shapes: shapes, from: "administrative boundaries (admin_level \(best.level), \(shapes.count) areas)")
    }

    /// Ways joined end to end into closed rings; nil if any is left open.
    static func closeRings(_ lines: [[Coordinate]]) -> [[Coordinate]]? {
        var pending = lines.filter { $0.count >= 2 }
        var rings: [[Coordinate]] = []
        while !pending.isEmpty {
            var ring = pending.removeFirst()
            while ring.first != ring.last {
                guard let k = pending.firstIndex(where: { $0.first == ring.last || $0.last == ring.last }) else { return nil }
                let next = pending.remove(at: k)
                ring += (next.first == ring.last ? next : next.reversed()).dropFirst()
            }
            if ring.count >= 4 { rings.append(ring) }
        }
        return rings.isEmpty ? nil : rings
    }

    // MARK: A grid

    /// Squares over the places, about 400 places each (two by two at least where there are a
    /// hundred or more), named by row from the north and column from the west: "Sector A1".
    static func grid(places: [Coordinate]) -> AreaBoundaries {
        let south = places.map(\.latitude).min() ?? 0, north = places.map(\.latitude).max() ?? 0
        let west = places.map(\.longitude).min() ?? 0, east = places.map(\.longitude).max() ?? 0
        let side = places.count < 100 ? 1 : min(6, max(2, Int((Double(places.count) / 400).squareRoot().rounded())))
        let pad = 1e-6
        let dLat = (north - south + 2 * pad) / Double(side), dLon = (east - west + 2 * pad) / Double(side)
        var shapes: [Shape] = []
        for row in 0..<side {
            for column in 0..<side {
                let top = north + pad - Double(row) * dLat, bottom = top - dLat
                let left = west - pad + Double(column) * dLon, right = left + dLon
                let ring = [Coordinate(latitude: bottom, longitude: left), Coordinate(latitude: bottom, longitude: right),
                            Coordinate(latitude: top, longitude: right), Coordinate(latitude: top, longitude: left),
                            Coordinate(latitude: bottom, longitude: left)]
                let letter = String(UnicodeScalar(UInt8(65 + row)))
                shapes.append(Shape(name: side == 1 ? "Sector A" : "Sector \(letter)\(column + 1)", rings: [ring], rural: nil))
            }
        }
        return AreaBoundaries(shapes: shapes, from: "a grid of \(side) by \(side) proposed over the places")
    }
}

/// Problems that stop an import, each located.
public struct DistrictProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}
