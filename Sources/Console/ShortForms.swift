import DispatchEngine
import ReadModel

/// Names too long for their column said shorter the way a control room shortens them, not cut
/// mid-word: the place before its first comma ("Riverside Flats"), the type's usual short name
/// ("RTC", "public order"), a unit's state in a word ("7 prisoner"). Only when even the shortest
/// form does not fit is it cut, and the cut is marked.
enum ShortForms {
    /// The first of `forms` (longest first) that fits `width` columns, else the last one cut.
    static func fitted(_ forms: [String], _ width: Int) -> String {
        forms.first { TextWidth.of(SafeText.clean($0)) <= width } ?? forms.last ?? ""
    }

    /// A place: whole; up to its last comma, then its first ("Old Rectory, Church Lane", "Old
    /// Rectory"); each with the words a gazetteer shortens shortened ("Ashby High St").
    static func place(_ name: String) -> [String] {
        var parts = [name]
        var rest = name
        while let comma = rest.lastIndex(of: ",") {
            rest = String(rest[..<comma]).trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { parts.append(rest) }
        }
        var forms: [String] = []
        for part in parts {
            forms.append(part)
            let short = part.split(separator: " ").map { placeWords[$0.lowercased()].map { w in String(w) } ?? String($0) }.joined(separator: " ")
            if short != part { forms.append(short) }
        }
        return forms
    }

    /// Words of place names as gazetteers and incident logs shorten them.
    static let placeWords: [String: String] = [
        "street": "St", "road": "Rd", "avenue": "Ave", "lane": "Ln", "close": "Cl", "drive": "Dr", "place": "Pl",
        "crescent": "Cres", "gardens": "Gdns", "terrace": "Terr", "square": "Sq", "college": "Coll", "academy": "Acad",
        "station": "Stn", "railway": "Rly", "estate": "Est", "industrial": "Ind", "park": "Pk", "interchange": "intchg",
        "junction": "jn", "northbound": "N/B", "southbound": "S/B", "eastbound": "E/B", "westbound": "W/B",
        "police": "Pol", "village": "Vill", "reservoir": "Res",
    ]

    /// The room's own short names for incident types.
    static let usual: [String: String] = [
        "road traffic collision": "RTC", "anti-social behaviour": "ASB", "suspicious circumstances": "suspicious",
        "concern for safety": "concern", "concern for welfare": "concern", "criminal damage": "damage",
        "missing person": "missing", "road-related offence": "road offence", "drunk and incapable": "drunk",
        "alarm activation": "alarm", "animals on the road": "animals", "sudden death": "death", "mental health": "MH",
        "shoplifting": "shoplift",
    ]

    /// An incident type: whole; the part before " / ", " (" or " or "; the room's short name.
    static func type(_ name: String) -> [String] {
        var forms = [name]
        for cut in [" / ", " (", " or "] {
            if let r = name.range(of: cut) { forms.append(String(name[..<r.lowerBound])) }
        }
        if let usual = usual[name.lowercased()] { forms.append(usual) }
        return forms
    }

    /// Whole items that fit, then how many more ("adv,taser+2"); never an item cut.
    static func list(_ items: [String], _ width: Int) -> String {
        var out = ""
        for (i, item) in items.enumerated() {
            let next = out.isEmpty ? item : out + "," + item
            let more = items.count - i - 1
            if TextWidth.of(next) + (more > 0 ? 2 + String(more).count - 1 : 0) <= width {
                out = next
            } else {
                return out + "+\(items.count - i)"
            }
        }
        return out
    }

    /// A unit's kind in the fewest letters the room uses ("RPU" for roads policing).
    static func kind(_ k: UnitKind) -> String {
        switch k {
        case .roads: "RPU"
        case .neighbourhood: "NPT"
        default: String(Wording.shortKind(k).prefix(4))
        }
    }

    /// A unit's state after its code: whole, then in a word ("7 prisoner escort", "7 prisoner").
    static func status(_ s: UnitStatus) -> [String] {
        let words = Wording.status(s)
        let first = words.split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init) ?? words
        return ["\(s.rawValue) \(words)", "\(s.rawValue) \(first)"]
    }
}
