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
        func fail(_ lines: [String]) throws -> Never { try Output.refuse(lines) }
        let extractName = (extract as NSString).lastPathComponent
        let osm: OpenStreetMap.Extract
        do { osm = try PBFReader.read(path: extract) } catch { try fail(error.problems.map(\.description)) }
        var beats: (data: Data, file: String)?
        if let areas {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: areas, isDirectory: &isFolder)
            guard let data = isFolder.boolValue ? nil : FileManager.default.contents(atPath: areas) else {
                try fail(["\(areas): cannot be read (\(!exists ? "no such file" : isFolder.boolValue ? "it is a directory" : "not readable")); expected a GeoJSON file of areas"])
            }
            beats = (data, (areas as NSString).lastPathComponent)
        }
        let title = DistrictImporter.cleanName(name ?? (extractName.components(separatedBy: ".").first ?? extractName))
        guard !title.isEmpty else { try fail(["--name is empty; expected the district's name, such as \"Calder district\""]) }
        let district: District
        do { district = try DistrictImporter.make(osm, extractName: extractName, name: title, areasGeoJSON: beats) } catch {
            try fail(error.problems)
        }
        // Checked as any scenario is, before anything is written: a district that does not load is
        // never left in place of one that did.
        let scenarioPath = (out as NSString).appendingPathComponent("district.yaml")
        let roadsPath = (out as NSString).appendingPathComponent(DistrictWriter.roadFileName)
        let scenarioText = DistrictWriter.scenarioText(district), roadText = DistrictWriter.roadText(district)
        do { _ = try Scenario.parse(text: scenarioText, file: scenarioPath, beside: [DistrictWriter.roadFileName: roadText]) } catch {
            try fail(error.problems.map(\.description) + ["the district does not load: a defect of the importer (nothing was written); please report it"])
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            try fail(["\(out): is a file; expected a folder to write district.yaml and roads.txt into"])
        }
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            try fail(["\(out): cannot be made a folder (\((error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? "a part of its path is a file or cannot be written")); expected a folder to write into"])
        }
        do {
            try Output.file(roadText, to: roadsPath)
            try Output.file(scenarioText, to: scenarioPath)
        } catch { try fail(["\(error)"]) }
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
        lines.append(DistrictWriter.rosterSummary(d))
        if d.placesOutside > 0 { lines.append("\(d.placesOutside) places outside every area left out") }
        lines += d.notes.map { "note: \($0)" }
        return lines
    }
}
