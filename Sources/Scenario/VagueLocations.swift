import DispatchEngine

/// The gazetteer's vague locations: each street its addresses are on, and each area, as a place
/// of its own ("Mill Lane, Northfield Town (street only)"), for when that is all a
/// caller can say. The incident goes there and is narrowed later (`:locate`); officers sent to a
/// street search along it for the caller, to an area they cannot.
enum VagueLocations {
    /// The words a street's name ends with.
    static let streetWords: Set<String> = ["road", "street", "lane", "close", "way", "avenue", "place", "drive", "crescent",
                                           "square", "terrace", "grove", "gardens", "row", "hill", "walk", "court", "parade"]

    /// Appends the vague locations after the scenario's own places (their indices stay as they
    /// were, and nothing is ever drawn to happen at a vague one: its weight is 0).
    static func add(to config: inout WorldConfig) {
        let real = config.places
        guard !real.isEmpty else { return }
        config.addressCount = real.count
        var streets: [(street: String, area: Int)] = []
        for place in real {
            for street in streetNames(in: place.name) where !streets.contains(where: { $0.street.lowercased() == street.lowercased() && $0.area == place.area }) {
                streets.append((street, place.area))
            }
        }
        for (street, area) in streets {
            let covers = real.indices.filter { real[$0].area == area && real[$0].name.lowercased().contains(street.lowercased()) }
            // A street that is itself the only place on it ("High Street, Northfield") is exact already.
            guard covers.contains(where: { !real[$0].name.lowercased().hasPrefix(street.lowercased()) }) else { continue }
            config.places.append(vague("\(street), \(areaName(area, config)) (street only)", .street, covers, area, real))
        }
        for area in config.areas.indices {
            let covers = real.indices.filter { real[$0].area == area }
            guard covers.count > 1 else { continue }
            config.places.append(vague("\(areaName(area, config)) (area only)", .area, covers, area, real))
        }
    }

    /// The streets a place's name gives: comma-separated parts ending with a street word, less
    /// any house number ("14 Cedar Road, Northfield": Cedar Road).
    static func streetNames(in name: String) -> [String] {
        name.split(separator: ",").compactMap { part -> String? in
            var words = part.split(separator: " ").map(String.init)
            while let first = words.first, first.first?.isNumber == true { words.removeFirst() }
            guard words.count >= 2, let last = words.last, streetWords.contains(last.lowercased()) else { return nil }
            return words.joined(separator: " ")
        }
    }

    private static func areaName(_ area: Int, _ config: WorldConfig) -> String {
        config.areas.indices.contains(area) ? config.areas[area].name : "the area"
    }

    /// Centred among the addresses it covers.
    private static func vague(_ name: String, _ kind: Place.Vagueness, _ covers: [Int], _ area: Int, _ real: [Place]) -> Place {
        let n = Double(covers.count)
        let centre = Position(x: covers.reduce(0) { $0 + real[$1].position.x } / n, y: covers.reduce(0) { $0 + real[$1].position.y } / n)
        var place = Place(name: name, position: centre, area: area, weight: 0)
        place.vague = kind
        place.covers = covers.map { Int32($0) }
        return place
    }
}
