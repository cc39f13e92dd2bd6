@testable import DispatchEngine
import Foundation
import Scenario
import Testing

/// The route trees and the points along journeys on the imported Helsinki district's roads,
/// against plain workings of the same: the search's heap and the trees' skips are there for
/// speed only.
@Suite("Route trees on the imported roads")
struct RouteTreeTests {
    /// Every edge of the network as the road network builds it: (from, to, cost).
    static func edges(_ roads: RoadNetwork) -> [(Int32, Int32, Float)] {
        var out: [(Int32, Int32, Float)] = []
        for road in roads.roads {
            let w = RoadNetwork.weight(limit: road.limit)
            for (a, b) in zip(road.nodes, road.nodes.dropFirst()) where a != b {
                let cost = Float(roads.nodes[Int(a)].distance(to: roads.nodes[Int(b)]) * w)
                out.append((a, b, cost))
                if !road.oneWay { out.append((b, a, cost)) }
            }
        }
        return out
    }

    @Test("Each tree is a tree of cheapest journeys: no road is a shortcut, every node's way on costs exactly its road, skips lead along the way")
    func treesAreShortest() throws {
        let (scenario, _) = try DistrictImportTests.written()
        let roads = try #require(scenario.config.roads)
        let edges = Self.edges(roads)
        var byPair: [Int64: Float] = [:]
        for (a, b, c) in edges { let key = Int64(a) << 32 | Int64(b); byPair[key] = min(byPair[key] ?? .infinity, c) }
        // Destinations spread over the district: places' nearest nodes.
        let destinations = stride(from: 0, to: scenario.config.places.count, by: max(1, scenario.config.places.count / 12))
            .map { roads.nearestNode(to: scenario.config.places[$0].position).node }
        for root in Set(destinations) {
            let tree = roads.tree(to: root)
            #expect(tree.cost[Int(root)] == 0 && tree.next[Int(root)] == -1 && tree.skip[Int(root)] == root)
            // Bellman's conditions: no road from a to b makes a's journey cheaper through b.
            #expect(!edges.contains { a, b, c in tree.cost[Int(b)].isFinite && tree.cost[Int(a)] > tree.cost[Int(b)] + c })
            for n in tree.cost.indices where Int32(n) != root {
                guard tree.cost[n].isFinite else {
                    #expect(tree.next[n] == -1 && tree.skip[n] == Int32(n)); continue
                }
                let next = tree.next[n]
                #expect(next >= 0 && tree.cost[n] == tree.cost[Int(next)] + byPair[Int64(n) << 32 | Int64(next)]!)
                // The skip is on the way, at most 16 nodes on.
                var on = Int32(n), steps = 0
                while on != tree.skip[n] && steps < 16 { on = tree.next[Int(on)]; steps += 1 }
                #expect(on == tree.skip[n] && steps >= 1, "node \(n): its skip is not within 16 nodes on its way")
            }
        }
    }

    /// Where a journey is, walked node by node as before the skips.
    static func plainPosition(_ roads: RoadNetwork, from: Position, to: Position, share: Double) -> Position {
        let (a, offA) = roads.nearestNode(to: from), (b, offB) = roads.nearestNode(to: to)
        let tree = roads.tree(to: b)
        let road = Double(tree.cost[Int(a)])
        guard road.isFinite, a != b else { return RoadNetwork.between(from, to, share) }
        let total = road + (offA + offB) * RoadNetwork.offRoadWeight
        guard total > 0 else { return to }
        var left = max(0, min(1, share)) * total
        let first = offA * RoadNetwork.offRoadWeight
        if left <= first { return RoadNetwork.between(from, roads.nodes[Int(a)], first > 0 ? left / first : 1) }
        left -= first
        var node = a
        while node != b {
            let next = tree.next[Int(node)]
            let step = Double(tree.cost[Int(node)] - tree.cost[Int(next)])
            if left <= step { return RoadNetwork.between(roads.nodes[Int(node)], roads.nodes[Int(next)], step > 0 ? left / step : 1) }
            left -= step
            node = next
        }
        let last = offB * RoadNetwork.offRoadWeight
        return RoadNetwork.between(roads.nodes[Int(b)], to, last > 0 ? min(1, left / last) : 1)
    }

    @Test("A point part way along a journey is where walking the way node by node puts it (to a millimetre: they differ only in the last bits)")
    func pointsAlongJourneys() throws {
        let (scenario, _) = try DistrictImportTests.written()
        let roads = try #require(scenario.config.roads)
        let places = scenario.config.places.map(\.position)
        var rng = RandomStream(seed: 7, stream: 1)
        var long = 0
        for _ in 0..<3_000 {
            let from = places[rng.index(below: places.count)], to = places[rng.index(below: places.count)]
            let share = rng.unit()
            let skipped = roads.position(from: from, to: to, share: share)
            let walked = Self.plainPosition(roads, from: from, to: to, share: share)
            #expect(skipped.distance(to: walked) < 1e-6, "from \(from) to \(to) at \(share)")
            // Journeys of more than 32 nodes: skips taken.
            let (a, _) = roads.nearestNode(to: from), (b, _) = roads.nearestNode(to: to)
            let tree = roads.tree(to: b)
            var node = a, nodes = 0
            while node != b && node >= 0 && nodes <= 32 { node = tree.next[Int(node)]; nodes += 1 }
            if nodes > 32 { long += 1 }
        }
        #expect(long > 300, "journeys long enough to take many skips: \(long)")
    }

    @Test("A night on the roads with a warm-up: every figure and the world the same, listened to or not")
    func listenedOnRoads() throws {
        let (scenario, _) = try DistrictImportTests.written()
        var config = scenario.config
        config.duration = 2 * Clock.day
        config.warmUp = 6 * Clock.hour
        func run(listened: Bool) -> Simulation {
            let simulation = Simulation(config: config, startLater: true)
            if listened { simulation.observers.append { _, _ in } }
            simulation.runToEnd()
            return simulation
        }
        let quiet = run(listened: false), listened = run(listened: true)
        let a = quiet.statistics, b = listened.statistics
        #expect(a.transmissions == b.transmissions && a.transmissions > 500)
        for g in a.grades.indices {
            #expect(a.grades[g].created == b.grades[g].created && a.grades[g].attended == b.grades[g].attended
                    && a.grades[g].attendance.mean == b.grades[g].attendance.mean)
        }
        for l in a.lines.indices {
            #expect(a.lines[l].offered == b.lines[l].offered && a.lines[l].answerTime.mean == b.lines[l].answerTime.mean)
        }
        #expect(a.kinds.indices.allSatisfy { a.kinds[$0].committed == b.kinds[$0].committed })
        #expect(a.handlerBusy == b.handlerBusy && quiet.workload.byOperator == listened.workload.byOperator)
        #expect(quiet.world.version == listened.world.version)
        #expect(quiet.world.units.map(\.status) == listened.world.units.map(\.status))
    }
}
