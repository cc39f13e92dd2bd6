/// An open incident a new caller may be reporting again.
public struct LikelyDuplicate: Sendable, Equatable {
    public var incident: IncidentID
    public var reference: Int64
    /// Kilometres from the place the caller gave (0 without a map).
    public var distance: Double
    public var age: SimTime
    public var sameType: Bool
    /// Lower is likelier.
    public var score: Double
}

extension Simulation {
    /// How far from the caller's location an open incident may be and still be the same one.
    public static let duplicateRadius = 1.0

    /// Open incidents near `place`, recently created (within the scenario's duplicate window) and,
    /// when the type is known, of a related type: likeliest first, at most `limit`.
    public func likelyDuplicates(place: Int32, type: Int32?, limit: Int = 5) -> [LikelyDuplicate] {
        let window = config.duplicateWindow
        let here = placePosition(place)
        var found: [LikelyDuplicate] = []
        for (slot, incident) in world.incidents.live {
            let age = now - incident.createdAt
            guard age <= window else { continue }
            let distance = config.places.isEmpty ? 0 : here.distance(to: placePosition(incident.place))
            guard incident.place == place || distance <= Self.duplicateRadius else { continue }
            var typePenalty = 0.0
            if let type, type != incident.type {
                guard relatedTypes[Int(type)][Int(incident.type)] else { continue }
                typePenalty = 0.5
            }
            let score = distance / Self.duplicateRadius + Double(age) / Double(max(window, 1)) + typePenalty
            found.append(LikelyDuplicate(incident: IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)]),
                                         reference: incident.reference, distance: distance, age: age,
                                         sameType: type == incident.type, score: score))
        }
        found.sort { $0.score != $1.score ? $0.score < $1.score : $0.reference < $1.reference }
        return Array(found.prefix(limit))
    }
}

/// Which incident types a caller may describe one as another: the same type; both violent (a
/// fight, disorder, an assault); or names sharing a word ("road traffic collision", "animals on
/// the road").
func relatedTypeTable(_ types: [IncidentTypeSpec]) -> [[Bool]] {
    let ignored: Set<String> = ["not", "the", "and", "for", "with", "seen", "other"]
    let words = types.map { spec in
        Set(spec.name.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 4 && !ignored.contains($0) })
    }
    return types.indices.map { a in
        types.indices.map { b in
            a == b || (types[a].violent && types[b].violent) || !words[a].isDisjoint(with: words[b])
        }
    }
}
