import DispatchEngine
import Foundation
import OpenStreetMap

/// From an extract (and the force's beats, if given) to a district.
public enum DistrictImporter {
    /// Below this many km of road a km², an area is rural: a town's streets run to 10 or more, the
    /// English countryside to about 1.5 (about 300,000 km of road over 130,000 km²).
    static let ruralRoadDensity = 3.0

    public static func make(_ osm: Extract, extractName: String, name: String,
                            areasGeoJSON: (data: Data, file: String)? = nil) throws(DistrictProblems) -> District {
        var notes: [String] = []
        let network = RoadExtraction.extract(osm)
        guard network.roads.count > 0 else {
            throw DistrictProblems(["\(extractName): no roads a car can use (highway ways with a class such as residential, primary or service); expected an extract of a town or county"])
        }
        if network.strandedKm > 0.05 {
            notes.append(String(format: "%.1f km of road left out: cut off from the rest of the network (an edge of the extract, a private yard)", network.strandedKm))
        }
        let found = PlaceExtraction.extract(osm, streetNear: StreetFinder(network).street(near:))
        guard !found.places.isEmpty else {
            throw DistrictProblems(["\(extractName): no addresses or named places (addr:housenumber with addr:street, or named shops, pubs, schools...); expected a gazetteer to take calls from"])
        }
        let boundaries: AreaBoundaries
        if let given = areasGeoJSON {
            switch AreaBoundaries.geoJSON(given.data, file: given.file) {
            case .success(let b): boundaries = b
            case .failure(let problems): throw problems
            }
        } else if let admin = AreaBoundaries.administrative(osm, places: found.places.map(\.at), notes: &notes) {
            boundaries = admin
        } else {
            boundaries = AreaBoundaries.grid(places: found.places.map(\.at))
            if osm.relations.contains(where: { $0.tags["boundary"] == "administrative" }) {
                notes.append("the extract's administrative boundaries do not divide it (their edges cut by the extract, or one area only): a grid is proposed instead; give your beats with --areas")
            }
        }

        // Places into areas; those outside every area are left out (the extract runs past the
        // force's boundary).
        var places: [District.Site] = []
        var outside = 0
        for f in found.places {
            guard let area = boundaries.area(of: f.at) else { outside += 1; continue }
            places.append(District.Site(name: f.name, at: f.at, area: area, weight: f.weight, kind: f.kind))
        }
        guard !places.isEmpty else {
            throw DistrictProblems(["\(boundaries.from): no place of the extract is inside any of its areas; expected areas over the extract (GeoJSON gives each point as [longitude, latitude]: are they the wrong way round?)"])
        }
        // Areas without a place are dropped; the rest renumbered in order.
        let used = Set(places.map(\.area))
        var renumber: [Int: Int] = [:]
        var areas: [District.Area] = []
        for (i, shape) in boundaries.shapes.enumerated() where used.contains(i) {
            renumber[i] = areas.count
            let extent = Geometry.areaKm2(shape.rings)
            let km = roadKm(in: shape, network)
            let density = extent > 0 ? km / extent : 0
            areas.append(District.Area(name: shape.name, rural: shape.rural ?? (density < ruralRoadDensity), roadDensity: density, outline: shape.rings))
        }
        if boundaries.shapes.count > areas.count {
            notes.append("\(boundaries.shapes.count - areas.count) areas left out: no place of the gazetteer is in them")
        }
        for i in places.indices { places[i].area = renumber[places[i].area]! }
        // By area, then by name: the order a trainer editing the file looks for a place in.
        places.sort { ($0.area, $0.name.lowercased()) < ($1.area, $1.name.lowercased()) }

        // Stations: the extract's, each in the area it stands in (or the nearest place's); none:
        // one proposed in each area, at the place nearest the middle of its places.
        var stations: [District.Site] = []
        for s in found.stations {
            let area = boundaries.area(of: s.at).flatMap { renumber[$0] }
                ?? places.min { Geometry.km($0.at, s.at) < Geometry.km($1.at, s.at) }!.area
            stations.append(District.Site(name: s.name, at: s.at, area: area, weight: 0, kind: .station))
        }
        let proposed = stations.isEmpty
        if proposed {
            for (a, area) in areas.enumerated() {
                let mine = places.filter { $0.area == a }
                guard let middle = Geometry.centre(mine.map(\.at)),
                      let site = mine.min(by: { Geometry.km($0.at, middle) < Geometry.km($1.at, middle) }) else { continue }
                stations.append(District.Site(name: "\(area.name) station (proposed)", at: site.at, area: a, weight: 0, kind: .station))
            }
            notes.append("no police station (amenity=police) in the extract: one proposed in each area, at the place nearest the middle of its places; replace them with your own")
        }
        let all = network.nodes + places.map(\.at)
        let origin = Coordinate(latitude: ((all.map(\.latitude).min()! + all.map(\.latitude).max()!) / 2 * 1e5).rounded() / 1e5,
                                longitude: ((all.map(\.longitude).min()! + all.map(\.longitude).max()!) / 2 * 1e5).rounded() / 1e5)
        return District(name: name, extractName: extractName, origin: origin, areas: areas, areasFrom: boundaries.from,
                        stations: stations, stationsProposed: proposed, places: places, roadNodes: network.nodes,
                        roads: network.roads, roadKm: network.km, placesOutside: outside, notes: notes)
    }

    /// The named road nearest a point, within 150 m (road nodes bucketed by about 200 m).
    struct StreetFinder {
        let nodes: [Coordinate]
        let names: [String]
        var buckets: [Int64: [Int]] = [:]
        init(_ network: RoadExtraction.Result) {
            nodes = network.nodes
            var names = [String](repeating: "", count: network.nodes.count)
            for road in network.roads where !road.name.isEmpty { for n in road.nodes where names[Int(n)].isEmpty { names[Int(n)] = road.name } }
            self.names = names
            for (i, c) in nodes.enumerated() where !names[i].isEmpty { buckets[Self.key(c), default: []].append(i) }
        }
        static func key(_ c: Coordinate, _ dx: Int64 = 0, _ dy: Int64 = 0) -> Int64 {
            (Int64((c.latitude / 0.002).rounded(.down)) + dy) * 1_000_000 + Int64((c.longitude / 0.004).rounded(.down)) + dx
        }
        func street(near c: Coordinate) -> String? {
            var best: (km: Double, name: String)?
            for dx in -1...1 as ClosedRange<Int64> {
                for dy in -1...1 as ClosedRange<Int64> {
                    for i in buckets[Self.key(c, dx, dy)] ?? [] {
                        let km = Geometry.km(c, nodes[i])
                        if km <= 0.15, best.map({ km < $0.km }) ?? true { best = (km, names[i]) }
                    }
                }
            }
            return best?.name
        }
    }

    /// A district's name as the files will hold it: no control characters, single spaces.
    public static func cleanName(_ name: String) -> String { Naming.clean(name) }

    /// Road km whose segments start inside the shape.
    private static func roadKm(in shape: AreaBoundaries.Shape, _ network: RoadExtraction.Result) -> Double {
        var km = 0.0
        for road in network.roads {
            for (a, b) in zip(road.nodes, road.nodes.dropFirst()) {
                let p = network.nodes[Int(a)], q = network.nodes[Int(b)]
                if Geometry.contains(shape.rings, p) { km += Geometry.km(p, q) }
            }
        }
        return km
    }
}
