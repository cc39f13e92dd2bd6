import ArgumentParser
import DistrictImport
import Foundation
import OpenStreetMap
import Scenario

/// `controlroom district import`: a scenario's area and its roads from an OpenStreetMap extract.
struct DistrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district",
        abstract: "Make a district from your own streets.",
        subcommands: [DistrictImportCommand.self])
}

struct DistrictImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a district from an OpenStreetMap extract (.osm.pbf).",
        discussion: """
            Writes DIR/district.yaml (a scenario: the gazetteer of addresses and named places, the police \
            stations, the areas and a starting roster; the built-in night's demand) and DIR/roads.txt (the \
            roads a car can use, with class, limit and direction). Areas come from --areas (a GeoJSON of your \
            beats, each feature with a "name"), else the extract's administrative boundaries, else a grid. \
            Every problem is located (EXTRACT: block 12: ...) and nothing is written. Exit status 0 when \
            written, 2 when the extract or the areas cannot be read.
            """)

    @Argument(help: "The OpenStreetMap extract (.osm.pbf).")
    var extract: String

    @Option(name: .long, help: "A GeoJSON FeatureCollection of your areas (beats, sectors), each with a name.")
    var areas: String?

    @Option(name: .long, help: "The district's name (default: the extract's file name).")
    var name: String?

    @Option(name: .long, help: "The folder to write district.yaml and roads.txt into (made if missing).")
    var out: String

    func run() throws {
        func fail(_ lines: [String]) throws -> Never {
            FileHandle.standardError.write((lines.map(Output.visible).joined(separator: "\n") + "\n").data(using: .utf8)!)
            throw ExitCode(2)
        }
        let extractName = (extract as NSString).lastPathComponent
        let osm: OpenStreetMap.Extract
        do { osm = try PBFReader.read(path: extract) } catch { try fail(error.problems.map(\.description)) }
        var beats: (data: Data, file: String)?
        if let areas {
            guard let data = FileManager.default.contents(atPath: areas) else { try fail(["\(areas): cannot be read; expected a GeoJSON file of areas"]) }
            beats = (data, (areas as NSString).lastPathComponent)
        }
        let title = name ?? (extractName.components(separatedBy: ".").first ?? extractName)
        let district: District
        do { district = try DistrictImporter.make(osm, extractName: extractName, name: title, areasGeoJSON: beats) } catch {
            try fail(error.problems)
        }
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            try fail(["\(out): cannot be made a folder: \(error.localizedDescription)"])
        }
        let scenarioPath = (out as NSString).appendingPathComponent("district.yaml")
        let roadsPath = (out as NSString).appendingPathComponent(DistrictWriter.roadFileName)
        do {
            try Output.file(DistrictWriter.roadText(district), to: roadsPath)
            try Output.file(DistrictWriter.scenarioText(district), to: scenarioPath)
        } catch { try fail(["\(out): cannot be written: \(error)"]) }
        // What was written is checked as any scenario is: it must load as it stands.
        do { _ = try Scenario.load(path: scenarioPath) } catch {
            try fail(error.problems.map(\.description) + ["the district written does not load: a defect of the importer; please report it"])
        }
        for line in Self.summary(district) { Output.print(line) }
        Output.print("written: \(scenarioPath), \(roadsPath)")
    }

    static func summary(_ d: District) -> [String] {
        var lines = [
            "\(d.name): \(d.places.count) places (\(d.addressCount) addresses, \(d.landmarkCount) named places), "
                + "\(d.stations.count) \(d.stationsProposed ? "proposed " : "")station\(d.stations.count == 1 ? "" : "s"), "
                + String(format: "%.1f km of road", d.roadKm) + " (\(d.roads.count) roads, \(d.roadNodes.count) nodes), "
                + "\(d.areas.count) area\(d.areas.count == 1 ? "" : "s")",
            "areas from \(d.areasFrom): " + d.areas.map { $0.name + ($0.rural ? " (rural)" : "") }.joined(separator: ", "),
        ]
        if d.placesOutside > 0 { lines.append("\(d.placesOutside) places outside every area left out") }
        lines += d.notes.map { "note: \($0)" }
        return lines
    }
}
