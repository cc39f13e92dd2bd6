import Foundation
import DispatchEngine

/// The road file an imported district keeps beside its scenario (`area.roads`): the road nodes in
/// WGS84 and the roads through them, one a line, so that it reads and diffs as text.
///
///     # controlroom roads 1
///     node 60.1699012 24.9384122
///     road residential 48 both 0 1 2 | Snellmaninkatu
///
/// A road's limit is in km/h; `one-way` roads run in the order of their nodes.
public enum RoadFile {
    public static let heading = "# controlroom roads 1"

    /// The network on the scenario's grid (projected from `origin`), or every problem located.
    public static func parse(text: String, file: String, origin: GeoOrigin) -> Result<RoadNetwork, ScenarioError> {
        var problems: [ScenarioProblem] = []
        var positions: [Position] = [], coordinates: [(latitude: Double, longitude: Double)] = []
        var roads: [Road] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
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
                guard fields.count == 3, let lat = Double(fields[1]), let lon = Double(fields[2]),
                      abs(lat) <= 90, abs(lon) <= 180 else {
                    fail(1, "a node should be 'node LATITUDE LONGITUDE' in degrees (WGS84)"); continue
                }
                positions.append(origin.position(latitude: lat, longitude: lon))
                coordinates.append((lat, lon))
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
                        fail(column(k), "node '\(fields[k].prefix(20))' is not one of the \(positions.count) nodes above; expected a node's number, from 0")
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
        return .success(RoadNetwork(nodes: positions, coordinates: coordinates, roads: roads))
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
