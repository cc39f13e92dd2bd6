import DispatchEngine

/// A caller's name and numbers from the stable identity the engine draws, so a call shows the
/// same person in every run of a scenario and seed.
public enum CallerDetails {
    static let first = ["Sarah", "James", "Emma", "Mohammed", "Claire", "David", "Aisha", "Peter", "Joanne",
                        "Daniel", "Priya", "Gary", "Karen", "Tomasz", "Leanne", "Michael", "Chloe", "Paul",
                        "Hannah", "Robert", "Zainab", "Steven", "Louise", "Kwame"]
    static let last = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                       "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
                       "Green", "Hall", "Khan", "Lewis", "Nowak", "Clarke", "Jackson", "Hughes"]

    public static func name(_ caller: Caller) -> String {
        let id = Int(caller.identity)
        return first[id % first.count] + " " + last[(id / first.count) % last.count]
    }

    /// The caller's name: the trainer's for a scripted caller who has one, else their identity's.
    public static func name(_ call: Call, _ config: WorldConfig) -> String { name(call.draw, config) }

    public static func name(_ draw: CallDraw, _ config: WorldConfig) -> String {
        writtenName(draw, config) ?? name(draw.caller)
    }

    /// The name the trainer wrote for a scripted caller (someone else ringing as it gets worse
    /// has their own, or none).
    static func writtenName(_ draw: CallDraw, _ config: WorldConfig) -> String? {
        let k = Int(draw.script)
        guard k >= 0, config.script.calls.indices.contains(k) else { return nil }
        let spec = config.script.calls[k]
        if draw.scriptPart == 2, let escalation = spec.escalation, escalation.isAnotherCaller { return escalation.callerName }
        return spec.callerName
    }

    /// The caller's name as far as the record may hold it: the name they gave. A generated caller
    /// who speaks gives theirs; a silent one gives none; a scripted caller gives the one the
    /// trainer wrote for them, and nothing else (their words are the trainer's, which may not
    /// name them).
    public static func givenName(_ draw: CallDraw, _ config: WorldConfig) -> String? {
        if draw.script >= 0, config.script.calls.indices.contains(Int(draw.script)) { return writtenName(draw, config) }
        return draw.silent ? nil : name(draw.caller)
    }

    public static let nameNotGiven = "name not given"

    /// A UK mobile number in the Ofcom drama range (07700 900000-900999): never a real line.
    public static func phone(_ caller: Caller) -> String {
        let n = Int(caller.identity / 7) % 1000
        return "07700 900" + String(n).zeroPadded(3)
    }

    /// A landline in Ofcom's drama range for geographic numbers (01632 960000-960999).
    static func landline(_ caller: Caller) -> String {
        let n = Int(caller.identity / 11) % 1000
        return "01632 960" + String(n).zeroPadded(3)
    }

    /// The number the exchange shows (CLI): the trainer's, the landline's or the mobile's; nil
    /// when withheld.
    public static func number(_ call: Call, _ config: WorldConfig) -> String? {
        number(call.draw, line: call.phone(config), config)
    }

    public static func number(_ draw: CallDraw, line: CallerPhone, _ config: WorldConfig) -> String? {
        if draw.script >= 0, config.script.calls.indices.contains(Int(draw.script)) {
            let spec = config.script.calls[Int(draw.script)]
            let another = draw.scriptPart == 2 && spec.escalation?.isAnotherCaller == true
            if let written = another ? spec.escalation?.phone?.number : spec.phone?.number { return written }
        }
        switch line.kind {
        case .mobile: return phone(draw.caller)
        case .landline: return landline(draw.caller)
        case .withheld, .online: return nil
        }
    }

    /// The address a chat or e-mail comes from (example.org is reserved: never a real mailbox).
    public static func email(_ draw: CallDraw, _ config: WorldConfig) -> String {
        let words = name(draw, config).lowercased().split(separator: " ").map { $0.filter(\.isLetter) }
        return words.joined(separator: ".") + String(Int(draw.caller.identity / 13) % 90 + 10) + "@example.org"
    }

    /// The number to ring them on: the one shown, or (withheld) the mobile they give when asked.
    public static func contactNumber(_ call: Call, _ config: WorldConfig) -> String {
        number(call, config) ?? phone(call.draw.caller)
    }

    /// "Name, relation, number", as the record gives a caller: only the name they gave.
    public static func described(_ call: Call, _ config: WorldConfig) -> String {
        "\(givenName(call.draw, config) ?? nameNotGiven), \(Wording.relation(call.draw.caller.relation)), \(contactNumber(call, config))"
    }
}
