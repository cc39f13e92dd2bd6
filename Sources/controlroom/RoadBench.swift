import DispatchEngine
import DistrictImport
import Foundation
import OpenStreetMap

/// A county's roads for the year's benchmark, from the imported extract: the Helsinki extract's
/// network (districts/helsinki-centre.osm.pbf) scaled and laid four by four over the year's
/// district, neighbouring copies joined by two-way roads where their edges meet, so that the year
/// runs on an imported network of a county's extent.
enum RoadBench {
    static func countyRoads(extract path: String, covering config: WorldConfig) -> RoadNetwork? {
        guard let osm = try? PBFReader.read(path: path),
              let district = try? DistrictImporter.make(osm, extractName: "extract", name: "roads") else { return nil }
        let origin = GeoOrigin(latitude: district.origin.latitude, longitude: district.origin.longitude)
        let local = district.roadNodes.map { origin.position(latitude: $0.latitude, longitude: $0.longitude) }
        let points = config.places.map(\.position) + config.stations.map(\.position)
        guard let lx = local.map(\.x).min(), let hx = local.map(\.x).max(), let ly = local.map(\.y).min(), let hy = local.map(\.y).max(),
              let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return nil }
        let tiles = 4
        let tileW = (maxX - minX + 2) / Double(tiles), tileH = (maxY - minY + 2) / Double(tiles)
        var nodes: [Position] = [], roads: [Road] = []
        for i in 0..<tiles {
            for j in 0..<tiles {
                let base = Int32(nodes.count)
                for p in local {
                    nodes.append(Position(x: minX - 1 + Double(i) * tileW + (p.x - lx) / (hx - lx) * tileW * 0.98,
                                          y: minY - 1 + Double(j) * tileH + (p.y - ly) / (hy - ly) * tileH * 0.98))
                }
                for r in district.roads {
                    roads.append(Road(kind: r.kind, limit: r.limit, oneWay: r.oneWay, nodes: r.nodes.map { $0 + base }, name: r.name))
                }
            }
        }
        // Joins: from eight nodes along each tile's east and north edges to the nearest node of
        // the neighbour's facing edge.
        let perTile = local.count
        func tileNodes(_ i: Int, _ j: Int) -> Range<Int> { let start = (i * tiles + j) * perTile; return start..<(start + perTile) }
        func join(_ from: Range<Int>, _ to: Range<Int>, east: Bool) {
            let edge = from.sorted { east ? nodes[$0].x > nodes[$1].x : nodes[$0].y > nodes[$1].y }.prefix(perTile / 10)
            let facing = to.sorted { east ? nodes[$0].x < nodes[$1].x : nodes[$0].y < nodes[$1].y }.prefix(perTile / 10)
            let picks = edge.sorted { east ? nodes[$0].y < nodes[$1].y : nodes[$0].x < nodes[$1].x }
            for k in stride(from: 0, to: picks.count, by: max(1, picks.count / 8)) {
                let a = picks[k]
                guard let b = facing.min(by: { nodes[$0].distance(to: nodes[a]) < nodes[$1].distance(to: nodes[a]) }) else { continue }
                roads.append(Road(kind: .primary, limit: 64, oneWay: false, nodes: [Int32(a), Int32(b)], name: "link"))
            }
        }
        for i in 0..<tiles {
            for j in 0..<tiles {
                if i + 1 < tiles { join(tileNodes(i, j), tileNodes(i + 1, j), east: true) }
                if j + 1 < tiles { join(tileNodes(i, j), tileNodes(i, j + 1), east: false) }
            }
        }
        return RoadNetwork(nodes: nodes, roads: roads)
    }
}
