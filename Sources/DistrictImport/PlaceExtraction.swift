import OpenStreetMap

/// Names as a control room says them, from an extract's text (which anyone may have typed).
enum Naming {
    /// No control characters, single spaces, at most 120 characters (cut at a word).
    static func clean(_ text: String) -> String {
        let printable = text.unicodeScalars.map { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? " " : String($0) }.joined()
        var words = printable.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).joined(separator: " ")
        if words.count > 120 {
            let cut = words.prefix(120)
            words = cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)
        }
        return words
    }
}

/// The gazetteer from an extract: every address (house number and street) and the named places
/// calls come from (shops, pubs, schools, hospitals, stations, parks), and the police stations.
enum PlaceExtraction {
    struct Found {
        var name: String
        var at: Coordinate
        var kind: District.Site.Kind
        var weight: Double
        /// The street, for telling apart two places of one name.
        var street: String
    }

    /// What a place of these tags is to the room, and how many calls it brings against an
    /// ordinary address (licensed premises and transport hubs far more; domain.md's night-time
    /// economy).
    static func landmarkWeight(_ tags: [String: String]) -> Double? {
        switch tags["amenity"] {
        case "pub", "bar", "nightclub": return 4
        case "fast_food", "bus_station": return 3
        case "hospital": return 3
        case "restaurant", "cafe", "pharmacy", "bank", "library", "theatre", "cinema", "community_centre",
             "fuel", "place_of_worship", "school", "college", "university", "kindergarten", "townhall",
             "post_office", "doctors", "social_facility", "arts_centre", "casino":
            return 1.5
        default: break
        }
        if let shop = tags["shop"] { return shop == "supermarket" || shop == "convenience" || shop == "alcohol" ? 3 : 2 }
        if tags["railway"] == "station" || tags["public_transport"] == "station" { return 3 }
        switch tags["leisure"] {
        case "park", "sports_centre", "stadium", "playground": return 2
        default: break
        }
        if tags["tourism"] == "hotel" || tags["tourism"] == "hostel" { return 2 }
        return nil
    }

    /// `streetNear`: the named road nearest a point, for a place whose tags give no street.
    static func extract(_ osm: Extract, streetNear: (Coordinate) -> String? = { _ in nil }) -> (places: [Found], stations: [Found]) {
        var places: [Found] = [], stations: [Found] = []
        func take(_ tags: [String: String], _ at: Coordinate) {
            // A house number as said: "8" of "8, Floor 6" (a flat or floor is not the number).
            let number = Naming.clean(String((tags["addr:housenumber"] ?? "").prefix { $0 != "," && $0 != ";" }))
            var street = Naming.clean(tags["addr:street"] ?? "")
            let address = number.isEmpty || street.isEmpty ? "" : "\(number) \(street)"
            let name = Naming.clean(tags["name"] ?? "")
            if tags["amenity"] == "police" {
                let called = name.isEmpty ? "Police station" + (street.isEmpty ? "" : ", \(street)") : name
                stations.append(Found(name: called, at: at, kind: .station, weight: 0, street: street))
                return
            }
            if !name.isEmpty, let weight = landmarkWeight(tags) {
                // A shop or pub without its street in the map is named by the road it is on, as a
                // caller would say it ("the Subway on Mannerheimintie").
                if street.isEmpty, let near = streetNear(at), !name.lowercased().contains(near.lowercased()) { street = near }
                let called = address.isEmpty ? (street.isEmpty ? name : "\(name), \(street)") : "\(name), \(address)"
                places.append(Found(name: called, at: at, kind: .landmark, weight: weight, street: street))
            } else if !address.isEmpty {
                places.append(Found(name: address, at: at, kind: .address, weight: 1, street: street))
            }
        }
        for node in osm.taggedNodes { take(node.tags, node.at) }
        for way in osm.ways where !way.tags.isEmpty && way.tags["highway"] == nil {
            guard way.tags["addr:housenumber"] != nil || way.tags["name"] != nil || way.tags["amenity"] == "police",
                  let at = Geometry.centre(way.nodes.compactMap { osm.nodes[$0] }) else { continue }
            take(way.tags, at)
        }
        return (unique(places), unique(stations))
    }

    /// One entry a name: the same address given twice (a building and its entrance) kept once;
    /// two places of one name told apart by their street, then by a number.
    static func unique(_ found: [Found]) -> [Found] {
        var byName: [String: [Int]] = [:]
        for (i, f) in found.enumerated() { byName[f.name.lowercased(), default: []].append(i) }
        var result: [Found] = []
        var taken = Set<String>()
        for (i, f) in found.enumerated() {
            let same = byName[f.name.lowercased()] ?? []
            // An address given again within 50 m is the same address.
            if f.kind == .address, let first = same.first, first != i, Geometry.km(found[first].at, f.at) < 0.05 { continue }
            var name = String(f.name.prefix(150))
            if same.count > 1, !f.street.isEmpty, !name.lowercased().contains(f.street.lowercased()) { name += ", \(f.street)" }
            name = String(name.prefix(190))
            var candidate = name, k = 2
            while taken.contains(candidate.lowercased()) { candidate = "\(name) (\(k))"; k += 1 }
            taken.insert(candidate.lowercased())
            var kept = f; kept.name = candidate
            result.append(kept)
        }
        return result
    }
}
