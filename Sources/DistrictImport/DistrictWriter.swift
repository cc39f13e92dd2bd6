import DispatchEngine
import Foundation
import OpenStreetMap
import Scenario

/// A district as files: a scenario (its `area:` section from the extract; a roster on the
/// district's stations; the built-in night's demand, incident types and travel, to be replaced
/// by the force's own) and the road file beside it.
public enum DistrictWriter {
    public static let roadFileName = "roads.txt"
    static let attribution = "Map data © OpenStreetMap contributors, under the Open Database Licence (ODbL 1.0): https://www.openstreetmap.org/copyright"

    public static func scenarioText(_ d: District) -> String {
        let origin = GeoOrigin(latitude: d.origin.latitude, longitude: d.origin.longitude)
        func at(_ c: Coordinate) -> String {
            let p = origin.position(latitude: c.latitude, longitude: c.longitude)
            return "[\(String(format: "%.3f", p.x)), \(String(format: "%.3f", p.y))]"
        }
        func latLon(_ c: Coordinate) -> String { String(format: "%.6f, %.6f", c.latitude, c.longitude) }
        var out = """
        # \(d.name): imported from \(d.extractName) by controlroom district import.
        # \(attribution)
        # The area (gazetteer, stations, areas, roads) is the extract's; the roster is a starting one
        # on its stations; demand, incident types and travel are the built-in night's: fit your own
        # with `controlroom demand fit` (docs/district.md). Each place's WGS84 position is in the
        # comment after it.
        name: \(YAMLText.quoted(d.name))
        description: >
          \(d.name), imported from an OpenStreetMap extract: \(d.places.count) places, \(d.stations.count) stations,
          \(String(format: "%.1f", d.roadKm)) km of road, \(d.areas.count) areas. A Friday night from 18:00.
        start: 2026-11-27 18:00
        duration: 14h
        seed: 20261127
        console_from: 1h30m
        service_levels: [10s, 30s, 60s]

        area:
          origin: [\(d.origin.latitude), \(d.origin.longitude)]
          roads: \(roadFileName)
          # Areas from \(d.areasFrom).
          areas:

        """
        for a in d.areas {
            out += "    - name: \(YAMLText.quoted(a.name))   # \(String(format: "%.1f", a.roadDensity)) km of road a km²\n"
            if a.rural { out += "      rural: true\n" }
            // Its boundary for the map, in km, to within 10 m: a ring a list, six points a line.
            let rings = a.outline.map { ring in
                Geometry.simplified(ring.map { origin.position(latitude: $0.latitude, longitude: $0.longitude) }, within: 0.01)
            }.filter { $0.count >= 3 }
            if !rings.isEmpty {
                out += "      outline:\n"
                for ring in rings {
                    let points = ring.map { "[\(String(format: "%.3f", $0.x)), \(String(format: "%.3f", $0.y))]" }
                    let lines = stride(from: 0, to: points.count, by: 6).map { points[$0..<min($0 + 6, points.count)].joined(separator: ", ") }
                    out += "        - [" + lines.joined(separator: ",\n           ") + "]\n"
                }
            }
        }
        out += d.stationsProposed ? "  # No police station in the extract: these are proposed; replace them with your own.\n  stations:\n" : "  stations:\n"
        for s in d.stations {
            out += "    - {name: \(YAMLText.quoted(s.name)), at: \(at(s.at)), area: \(YAMLText.quoted(d.areas[s.area].name))}   # \(latLon(s.at))\n"
        }
        out += "  places:\n"
        for p in d.places {
            let weight = p.weight == 1 ? "" : ", weight: \(p.weight == p.weight.rounded() ? String(Int(p.weight)) : String(p.weight))"
            out += "    - {name: \(YAMLText.quoted(p.name)), at: \(at(p.at)), area: \(YAMLText.quoted(d.areas[p.area].name))\(weight)}   # \(latLon(p.at))\n"
        }
        out += "\n" + roster(d) + "\n" + defaultSections()
        return out
    }

    /// A starting roster sized to the demand written (the built-in night's): response cars on a
    /// day, late, evening-cover and night turn, each turn the fewest that keep the patrol at most
    /// 60 % busy through its hours in every day of the week (`ResponseLoad`), shared among the
    /// stations by the demand of their areas' places; a neighbourhood unit at each station with
    /// cars; armed response, a dog unit and a roads unit from the first station; the built-in
    /// night's call handlers.
    static func roster(_ d: District) -> String {
        var out = "roster:\n  units:\n"
        let prefixes = callsignPrefixes(d.stations.map(\.name))
        let (day, late, evening, night) = stationCars(d)
        let hours = Turns.hours
        for (i, s) in d.stations.enumerated() {
            let p = prefixes[i], station = YAMLText.quoted(s.name)
            guard day[i] + late[i] + evening[i] + night[i] > 0 else {
                out += "    # \(s.name): no response cars of its own (its area's demand is covered from the others)\n"
                continue
            }
            out += "    # \(s.name)\n"
            func cars(_ count: Int, _ digit: Int, _ skills: String, _ shift: String) {
                guard count > 0 else { return }
                // A digit for each car: two from the tenth.
                let hashes = count > 9 ? "##" : "#"
                out += "    - {callsign: \(p)\(digit)\(hashes), count: \(count), kind: response, crew: 2, skills: [\(skills)], station: \(station), shift: \"\(shift)\"}\n"
            }
            cars(late[i], 1, "advanced_driver, taser, first_aid", Turns.shift(hours.late))
            cars(night[i], 2, "advanced_driver, taser, first_aid", Turns.shift(hours.night))
            cars(evening[i], 3, "taser, public_order, first_aid", Turns.shift(hours.evening))
            cars(day[i], 0, "advanced_driver, first_aid", Turns.shift(hours.day))
            out += "    - {callsign: \(p)4#, count: 1, kind: neighbourhood, skills: [first_aid], station: \(station), shift: \"14:00-22:00\"}\n"
        }
        if let first = d.stations.first.map({ YAMLText.quoted($0.name) }) {
            out += "    # Specialists\n"
            out += "    - {callsign: ARV61, kind: armed, crew: 2, skills: [advanced_driver, taser, first_aid], station: \(first), shift: \"14:00-00:00\"}\n"
            out += "    - {callsign: ARV62, kind: armed, crew: 2, skills: [advanced_driver, taser, first_aid], station: \(first), shift: \"22:00-07:00\"}\n"
            out += "    - {callsign: DH71, kind: dog, crew: 1, station: \(first), shift: \"19:00-05:00\"}\n"
            out += "    - {callsign: RP51, kind: roads, crew: 2, skills: [advanced_driver, first_aid], station: \(first), shift: \"18:00-04:00\"}\n"
        }
        out += """
          call_handlers:
            - {count: 3, shift: "14:00-00:00"}
            - {count: 2, shift: "22:00-07:00"}
            - {count: 2, shift: "07:00-17:00"}
            - {count: 1, shift: "07:00-15:00", desk: digital}
            - {count: 1, shift: "15:00-00:00", desk: digital}
          contacts_at_once: 3

        """
        return out
    }

    /// Two letters a station (its name's first letters, A-Z), each station's different.
    static func callsignPrefixes(_ names: [String]) -> [String] {
        var taken = Set(["AR", "DH", "RP"])
        return names.enumerated().map { i, name in
            let letters = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
                .unicodeScalars.filter { $0.value >= 65 && $0.value <= 90 }.map { String($0) }
            var choice = ""
            if let first = letters.first {
                for second in letters.dropFirst() where !taken.contains(first + second) { choice = first + second; break }
            }
            if choice.isEmpty {
                var k = i
                // S and a letter, then S, a letter and a number: always one free.
                repeat {
                    choice = "S" + String(UnicodeScalar(UInt8(65 + k % 26))) + (k >= 26 ? String(k / 26) : "")
                    k += 1
                } while taken.contains(choice)
            }
            taken.insert(choice)
            return choice
        }
    }

    /// The built-in night's demand, incident types, travel, dispatch, targets and custody.
    static func defaultSections() -> String {
        let text = Scenario.builtInDefaultText
        guard let start = text.range(of: "\ndemand:") else { return "" }
        var sections = String(text[text.index(after: start.lowerBound)...])
        // On the roads grade 2 goes on blue lights too, as most forces' policies allow.
        sections = sections.replacingOccurrences(of: "\ntravel:\n", with: "\ntravel:\n  blue_lights: [1, 2]\n")
        return "# From the built-in Northfield night (scenarios/default.yaml): replace with your own.\n" + sections
    }

    public static func roadText(_ d: District) -> String {
        var out = RoadFile.heading + "\n"
        out += "# \(d.name): the roads a car can use in \(d.extractName), \(d.roadNodes.count) nodes, \(d.roads.count) roads, \(String(format: "%.1f", d.roadKm)) km.\n"
        out += "# \(attribution)\n"
        out += "# node NUMBER LATITUDE LONGITUDE (numbered from 0, in order); road CLASS LIMIT-KM/H both|one-way NODE... | NAME\n"
        for (i, n) in d.roadNodes.enumerated() { out += String(format: "node %d %.7f %.7f\n", i, n.latitude, n.longitude) }
        for r in d.roads {
            let limit = r.limit == r.limit.rounded() ? String(Int(r.limit)) : String(r.limit)
            out += "road \(r.kind.rawValue) \(limit) \(r.oneWay ? "one-way" : "both") " + r.nodes.map(String.init).joined(separator: " ")
            out += r.name.isEmpty ? "\n" : " | \(r.name)\n"
        }
        return out
    }
}
