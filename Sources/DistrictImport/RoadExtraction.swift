import Foundation
import DispatchEngine
import OpenStreetMap

/// The drivable roads of an extract as a network every part of which reaches every other: ways
/// tagged `highway` with a class a police car uses, their limit and direction, cut down to the
/// largest strongly connected part (a car park's one-way exit or a road the extract cut short
/// would otherwise strand a unit).
enum RoadExtraction {
    struct Result {
        var nodes: [Coordinate]
        var roads: [District.RoadLine]
        var km: Double
        /// Ways left out because the extract cut them off from the rest.
        var strandedKm: Double
    }

    /// The class a `highway` value is driven as (links as their road; nil: not for cars).
    static func roadClass(_ highway: String) -> RoadClass? {
        let base = highway.hasSuffix("_link") ? String(highway.dropLast(5)) : highway
        if base == "road" { return .unclassified }
        return RoadClass(rawValue: base)
    }

    /// A `maxspeed` in km/h: "30 mph", "50", "50 km/h"; nil for "none", "signals", zones.
    static func limit(_ tag: String?) -> Double? {
        guard let tag = tag?.lowercased().trimmingCharacters(in: .whitespaces), !tag.isEmpty else { return nil }
        let number = tag.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number), value > 0 else { return nil }
        let kmh = tag.contains("mph") ? value * 1.609344 : value
        return (5...200).contains(kmh) ? (kmh * 10).rounded() / 10 : nil
    }

    static func extract(_ osm: Extract) -> Result {
        struct Candidate { var kind: RoadClass; var limit: Double; var oneWay: Bool; var nodes: [Int64]; var name: String }
        var candidates: [Candidate] = []
        for way in osm.ways {
            guard let highway = way.tags["highway"], let kind = roadClass(highway), way.tags["area"] != "yes",
                  way.tags["access"] != "no", way.tags["motor_vehicle"] != "no" else { continue }
            let oneway = way.tags["oneway"]?.lowercased()
            var nodes = way.nodes
            var oneWay = oneway == "yes" || oneway == "true" || oneway == "1"
            if oneway == "-1" || oneway == "reverse" { oneWay = true; nodes.reverse() }
            if oneway != "no", kind == .motorway || way.tags["junction"] == "roundabout" { oneWay = true }
            let name = Naming.clean(way.tags["name"] ?? way.tags["ref"] ?? "")
            candidates.append(Candidate(kind: kind, limit: limit(way.tags["maxspeed"]) ?? kind.usualLimit,
                                        oneWay: oneWay, nodes: nodes, name: name))
        }
        // Node numbers for every node a road passes that the extract has a position for.
        var number: [Int64: Int32] = [:]
        var points: [Coordinate] = []
        for c in candidates {
            for id in c.nodes where number[id] == nil {
                guard let at = osm.nodes[id] else { continue }
                number[id] = Int32(points.count); points.append(at)
            }
        }
        var out = [[Int32]](repeating: [], count: points.count), back = [[Int32]](repeating: [], count: points.count)
        for c in candidates {
            for (a, b) in zip(c.nodes, c.nodes.dropFirst()) {
                guard let x = number[a], let y = number[b], x != y else { continue }
                out[Int(x)].append(y); back[Int(y)].append(x)
                if !c.oneWay { out[Int(y)].append(x); back[Int(x)].append(y) }
            }
        }
        let keep = RoadNetwork.largestStronglyConnected(out: out, back: back)
        // Renumber the kept nodes; cut each road where it leaves them.
        var renumber = [Int32](repeating: -1, count: points.count)
        var nodes: [Coordinate] = []
        for i in points.indices where keep[i] { renumber[i] = Int32(nodes.count); nodes.append(points[i]) }
        var roads: [District.RoadLine] = []
        var km = 0.0, stranded = 0.0
        for c in candidates {
            var run: [Int32] = []
            func finish() {
                if run.count >= 2 { roads.append(District.RoadLine(kind: c.kind, limit: c.limit, oneWay: c.oneWay, nodes: run, name: c.name)) }
                run = []
            }
            var previous: Coordinate?
            for id in c.nodes {
                guard let n = number[id] else { finish(); previous = nil; continue }
                let at = points[Int(n)]
                if let previous { if keep[Int(n)] && !run.isEmpty { km += Geometry.km(previous, at) } else { stranded += Geometry.km(previous, at) } }
                previous = at
                if keep[Int(n)] { run.append(renumber[Int(n)]) } else { finish() }
            }
            finish()
        }
        return Result(nodes: nodes, roads: roads, km: km, strandedKm: stranded)
    }
}
