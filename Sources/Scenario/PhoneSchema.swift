import DispatchEngine
import Yams

/// A scripted call's `phone:` (docs/scenario-format.md, "The caller's phone"): `mobile`,
/// `landline` or `withheld` alone, or a mapping with the number shown, a landline's subscriber
/// address, and a mobile's AML location (`none`, or its accuracy, when it arrives, where it is).
extension ScriptSchema {
    static let phoneKeys = ["kind", "number", "subscriber", "location"]
    static let locationKeys = ["accuracy", "after", "centre", "aml"]

    func phone(_ node: Node, line: Line?) -> ScriptedPhone? {
        if node.scalar != nil { return phoneKind(node).map { ScriptedPhone(kind: $0, accuracy: nil) } }
        guard let f = reader.fields(node, "the caller's phone", allowed: Self.phoneKeys) else { return nil }
        let kind = f["kind"].map(phoneKind) ?? .mobile
        guard let kind else { return nil }
        var phone = ScriptedPhone(kind: kind)
        if let n = f["number"], let text = reader.string(n, "number", limit: 20) {
            if kind == .withheld {
                reader.fail(n, "a withheld number shows no number; expected no 'number', or kind mobile or landline")
            } else if !text.allSatisfy({ $0.isNumber || $0 == " " || $0 == "+" }) || text.filter(\.isNumber).count < 6 {
                reader.fail(n, "number '\(text.clipped)' is not a phone number; expected digits and spaces such as 07700 900123")
            } else {
                phone.number = text
            }
        }
        if let s = f["subscriber"] {
            if kind != .landline {
                reader.fail(s, "only a landline has a subscriber address; expected kind: landline, or no 'subscriber'")
            } else {
                phone.subscriber = named(s, "place", in: config.places.map(\.name))
            }
        }
        if let l = f["location"] {
            if kind != .mobile {
                reader.fail(l, "only a mobile sends its location (AML); expected kind: mobile, or no 'location'")
            } else if l.scalar?.string.trimmedOfSpaces == "none" {
                phone.accuracy = nil
            } else if let lf = reader.fields(l, "the mobile's location", allowed: Self.locationKeys) {
                if let a = lf["aml"] {
                    // The message as the SMS brings it: its own point and radius. A bad one is the
                    // trainer's to give: it reaches the handler as unreadable, and the call goes on.
                    phone.aml = reader.string(a, "aml", limit: 400)
                    phone.accuracy = 0
                    if config.origin == nil {
                        reader.fail(a, "an AML message needs the map's place on the Earth; expected area.origin: [LATITUDE, LONGITUDE]")
                    }
                    for key in ["accuracy", "centre"] where lf[key] != nil {
                        reader.fail(lf[key], "'\(key)' comes from the AML message itself; expected aml, or \(key) without it")
                    }
                } else {
                    phone.accuracy = lf.required("accuracy", "its radius, such as 40m or 1.2km").flatMap { distance($0, "accuracy") }
                }
                if let a = lf["after"] { phone.fixAfter = reader.duration(a, "after") ?? phone.fixAfter }
                phone.centre = lf["centre"].flatMap { named($0, "place", in: config.places.map(\.name)) }
            }
        } else if kind == .mobile && line == .emergency {
            // A 999 call from a mobile has a fix unless the trainer says it has none.
            phone.accuracy = 30
        }
        if config.places.isEmpty {
            reader.fail(node, "a caller's phone needs the scenario's places (area.places); expected places, or no 'phone'")
        }
        return phone
    }

    private func phoneKind(_ node: Node) -> CallerPhone.Kind? {
        guard let word = reader.string(node, "phone") else { return nil }
        let names = CallerPhone.Kind.named.map(\.name)
        if let found = CallerPhone.Kind.named.first(where: { $0.name == word.lowercased() }) { return found.kind }
        reader.fail(node, "phone should be one of \(names.joined(separator: ", ")), found '\(word.clipped)'" + Suggestion.hint(for: word, in: names))
        return nil
    }

    /// "40m", "1.2km", "800 m".
    func distance(_ node: Node, _ what: String) -> Double? {
        let example = "a distance such as 40m or 1.2km"
        guard let text = node.scalar.map({ String($0.string.lowercased().filter { $0 != " " }) }) else {
            reader.fail(node, "\(what) should be \(example), found \(node.kindDescription)")
            return nil
        }
        let (digits, scale): (Substring, Double) = text.hasSuffix("km") ? (text.dropLast(2), 1000)
            : text.hasSuffix("m") ? (text.dropLast(1), 1) : (Substring(text), 0)
        guard scale > 0, let value = Double(digits), value.isFinite, value > 0 else {
            reader.fail(node, "\(what) '\(text.clipped)' is not a distance; expected \(example)")
            return nil
        }
        guard value * scale <= 50_000 else {
            reader.fail(node, "\(what) '\(text.clipped)' is too far; expected at most 50km")
            return nil
        }
        return value * scale
    }
}
