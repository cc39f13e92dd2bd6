import Foundation
import DispatchEngine

/// The road file an imported district keeps beside its scenario (`area.roads`): the road nodes in
/// WGS84 and the roads through them, one a line, so that it reads and diffs as text.
///
///     # controlroom roads 1
///     node 0 60.1699012 24.9384122
///     node 1 60.1700000 24.9390000
///     road residential 48 both 0 1 | Snellmaninkatu
///
/// Nodes are numbered from 0 in order (a line inserted or lost is said, not read as another
/// node); a road's limit is in km/h; `one-way` roads run in the order of their nodes. Every node
/// must reach every other along the roads.
public enum RoadFile {
    public static let heading = "# controlroom roads 1"

    /// The network on the scenario's grid (projected from `origin`), or every problem located.
    public static func parse(text: String, file: String, origin: GeoOrigin) -> Result<RoadNetwork, ScenarioError> {
        var problems: [ScenarioProblem] = []
        var positions: [Position] = []
        var roads: [Road] = []
        var nodeLines: [Int] = []
        var nodesRead = true
        // "\r\n" is one Character in Swift: split on either ending (a file saved on Windows).
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            func fail(_ column: Int, _ message: String) {
                if problems.count < 50 { problems.append(ScenarioProblem(file: file, line: n + 1, column: column, message: message)) }
            }
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (body, name) = splitName(line)
            let fields = body.split(separator: " ", omittingEmptySubsequences: true)
            guard let kind = fields.first else { continue }
            func column(_ field: Int) -> Int { line.distance(from: line.startIndex, to: fields[field].startIndex) + 1 }
            switch kind {
            case "node":
                guard fields.count == 4, let number = Int(fields[1]), let lat = Double(fields[2]), let lon = Double(fields[3]) else {
                    nodesRead = false
                    fail(1, "a node should be 'node NUMBER LATITUDE LONGITUDE' (degrees, WGS84)"); continue
                }
                guard number == positions.count else {
                    nodesRead = false
                    fail(column(1), "node \(number) where node \(positions.count) should be; expected the nodes numbered from 0 in order (a line added or lost?)"); continue
                }
                guard abs(lat) <= 90, abs(lon) <= 180 else {
                    nodesRead = false
                    fail(column(abs(lat) > 90 ? 2 : 3), "node \(number) is at latitude \(fields[2].prefix(20)), longitude \(fields[3].prefix(20)); expected a latitude within 90 and a longitude within 180")
                    continue
                }
                let at = origin.position(latitude: lat, longitude: lon)
                guard abs(at.x) <= 1_000, abs(at.y) <= 1_000 else {
                    nodesRead = false
                    fail(column(2), "node \(number) is \(Int(max(abs(at.x), abs(at.y)))) km from the area's origin; expected a district's roads, within 1000 km of it"); continue
                }
                positions.append(at)
                nodeLines.append(n + 1)
            case "road":
                guard fields.count >= 6 else { fail(1, "a road should be 'road CLASS LIMIT both|one-way NODE NODE ... | NAME', with two nodes at least"); continue }
                guard let roadClass = RoadClass(rawValue: String(fields[1])) else {
                    fail(column(1), "unknown road class '\(fields[1].prefix(30))'; expected one of \(RoadClass.allCases.map(\.rawValue).joined(separator: ", "))"); continue
                }
                guard let limit = Double(fields[2]), limit >= 5, limit <= 200 else {
                    fail(column(2), "the limit '\(fields[2].prefix(20))' is not a speed; expected km/h from 5 to 200"); continue
                }
                guard fields[3] == "both" || fields[3] == "one-way" else {
                    fail(column(3), "'\(fields[3].prefix(20))' is not a direction; expected both or one-way"); continue
                }
                var nodes: [Int32] = []
                for k in 4..<fields.count {
                    guard let index = Int32(fields[k]), index >= 0, Int(index) < positions.count else {
                        // After a node that could not be read, its number is not news.
                        if nodesRead { fail(column(k), "node '\(fields[k].prefix(20))' is not one of the \(positions.count) nodes above; expected a node's number, from 0") }
                        nodes = []; break
                    }
                    nodes.append(index)
                }
                guard nodes.count >= 2 else { continue }
                roads.append(Road(kind: roadClass, limit: limit, oneWay: fields[3] == "one-way", nodes: nodes,
                                  name: String(name.prefix(YAMLReader.nameLimit))))
            default:
                fail(1, "unknown line '\(kind.prefix(20))'; expected node or road (or # for a comment)")
            }
        }
        if problems.isEmpty && roads.isEmpty {
            problems.append(ScenarioProblem(file: file, line: 1, column: 1, message: "the road file has no roads; expected 'road' lines"))
        }
        guard problems.isEmpty else { return .failure(ScenarioError(problems: problems)) }
        // Every node reaches every other: a unit sent along these roads always gets there.
        var out = [[Int32]](repeating: [], count: positions.count), back = out
        for road in roads {
            for (a, b) in zip(road.nodes, road.nodes.dropFirst()) where a != b {
                out[Int(a)].append(b); back[Int(b)].append(a)
                if !road.oneWay { out[Int(b)].append(a); back[Int(a)].append(b) }
            }
        }
        let joined = RoadNetwork.largestStronglyConnected(out: out, back: back)
        if let stranded = joined.firstIndex(of: false) {
            let count = joined.filter { !$0 }.count
            return .failure(ScenarioError(problems: [ScenarioProblem(
                file: file, line: nodeLines[stranded], column: 1,
                message: "node \(stranded)" + (count > 1 ? " and \(count - 1) other\(count == 2 ? "" : "s")" : "") + " cannot reach the rest of the roads or be reached from them (a one-way road with no way back, a road on its own); expected one network in which every node reaches every other")]))
        }
        return .success(RoadNetwork(nodes: positions, roads: roads))
    }

    /// A road's fields, and its name after " | " (names hold spaces).
    private static func splitName(_ line: Substring) -> (Substring, String) {
        guard let bar = line.range(of: " | ") else { return (line, "") }
        return (line[..<bar.lowerBound], String(line[bar.upperBound...]).trimmedOfSpaces)
    }
}

/// Why a file a scenario names beside it could not be read.
public struct IncludeProblem: Error, Sendable {
    public var why: String
    public init(why: String) { self.why = why }
}

extension IncludeProblem {
    static let notGiven = IncludeProblem(why: "it was not given")

    /// A regular file's text (a FIFO or device is never opened: reading it could hang the load).
    static func readRegularFile(_ path: String) -> Result<String, IncludeProblem> {
        let resolved = (path as NSString).resolvingSymlinksInPath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            return .failure(IncludeProblem(why: "no such file"))
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(IncludeProblem(why: "it is not a regular file"))
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            return .failure(IncludeProblem(why: "it cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(IncludeProblem(why: "it is not UTF-8 text"))
        }
        return .success(text)
    }
}
