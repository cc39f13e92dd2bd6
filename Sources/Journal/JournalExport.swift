import ReadModel
import DispatchEngine
import Foundation

/// What an analyst takes away from a session: CSV files of its incidents, its radio log and its
/// raw events, with the room's date and time on every line.
public enum JournalExport {
    public static func incidents(_ session: RecordedSession) -> String {
        let floor = session.floor
        let clock = floor.clock
        let now = session.simulation.now
        var csv = CSV(header: ["reference", "opened", "line", "call", "type", "first_grade", "grade", "location", "area",
                               "target", "first_dispatched", "first_at_scene", "minutes_to_scene", "target_met",
                               "units_sent", "duplicate_calls", "duplicate_of", "warning_markers", "warnings_passed_to", "closed",
                               "closing_type", "result", "opened_by", "dispatched_by", "closed_by", "caller", "thrive", "vulnerable", "account",
                               "marker_texts", "narrative"])
        for e in session.incidents.entries {
            let place = floor.config.places.indices.contains(Int(e.place)) ? floor.config.places[Int(e.place)] : nil
            csv.add([
                Floor.reference(e.reference), clock.stamp(e.openedAt), e.line == .emergency ? "999" : "101",
                String(e.callNumber), e.assisting == nil ? floor.typeName(e.type) : "urgent assistance",
                String(e.firstGrade.rawValue), String(e.grade.rawValue),
                floor.placeName(e.place), place.map { floor.areaName($0.area) } ?? "",
                e.targetAt.map(clock.stamp) ?? "", e.firstAssignedAt.map(clock.stamp) ?? "",
                e.firstArrivedAt.map(clock.stamp) ?? "",
                e.firstArrivedAt.map { String(format: "%.1f", Double($0 - e.openedAt) / Double(Clock.minute)) } ?? "",
                e.metTarget(at: now).map { $0 ? "yes" : "no" } ?? "",
                e.unitsSent.map(floor.callsign).joined(separator: " "), String(e.duplicateCalls),
                e.linkedInto.map(Floor.reference) ?? "",
                e.hasWarnings ? "yes" : "no", e.warnedUnits.map(floor.callsign).joined(separator: " "),
                e.closedAt.map(clock.stamp) ?? "", e.closingType.map(floor.typeName) ?? "",
                e.result.map(Wording.result) ?? "", e.openedBy, e.dispatchedBy ?? "", e.closedBy ?? "",
                caller(e, floor), thrive(e), assessment(e).map { Wording.vulnerability($0.vulnerability) } ?? "",
                assessment(e).map { SafeText.clean($0.narrative) } ?? "",
                (place?.markers ?? []).map(SafeText.clean).joined(separator: "; "),
                e.narrative.map { clock.time($0.time) + " " + NarrativeWords.line($0, floor) }.joined(separator: " | "),
            ])
        }
        return csv.text
    }

    /// The call handler's assessment of the incident, if one was recorded.
    static func assessment(_ e: IncidentLog.Entry) -> Assessment? {
        e.narrative.lazy.compactMap { entry -> Assessment? in
            if case .assessed(let a) = entry.fact { return a } else { return nil }
        }.first
    }

    /// Who rang: as the handler recorded them, else as the call came in.
    static func caller(_ e: IncidentLog.Entry, _ floor: Floor) -> String {
        if let recorded = assessment(e)?.caller, !recorded.isEmpty { return SafeText.clean(recorded) }
        if case let .opened(_, _, _, _, _, caller?)? = e.narrative.first?.fact { return caller }
        return ""
    }

    /// THRIVE as "Threat: ...; Harm: ...", the lines the handler filled in.
    static func thrive(_ e: IncidentLog.Entry) -> String {
        guard let a = assessment(e) else { return "" }
        return zip(Wording.thrive, a.thrive).filter { !$1.isEmpty }.map { "\($0): \(SafeText.clean($1))" }.joined(separator: "; ")
    }

    /// Whether a contact was answered (first replied to) within its line's standard: "" for a line
    /// with none, or one still waiting and not yet past it.
    static func withinStandard(_ c: CallLog.Entry, _ config: WorldConfig, now: SimTime) -> String {
        guard let standard = config.standard(for: c.line) else { return "" }
        if let answered = c.answeredAt { return answered - c.rangAt <= standard ? "yes" : "no" }
        let waited = (c.endedAt ?? now) - c.rangAt
        return waited > standard ? "no" : ""
    }

    /// One row per call: when it rang, was answered and ended, who took it, how it ended.
    public static func calls(_ session: RecordedSession, _ log: CallLog) -> String {
        let clock = session.floor.clock
        var csv = CSV(header: ["call", "line", "number", "phone", "rang", "answered", "seconds_to_answer", "within_standard", "ended", "outcome", "handler", "held_by",
                               "incident", "transferred_to", "their_reference", "signposted_to", "crime_number", "called_back", "silent", "rung_back_at", "rung_back_by",
                               "ring_back_answered", "after_ring_back", "caller", "notes", "replies"])
        for c in log.entries {
            csv.add([String(c.number), c.line.number, c.cli ?? "withheld", c.phone.name, clock.stamp(c.rangAt), c.answeredAt.map(clock.stamp) ?? "",
                     c.answeredAt.map { String(format: "%.1f", Double($0 - c.rangAt) / 1000) } ?? "",
                     withinStandard(c, session.floor.config, now: session.floor.now),
                     c.endedAt.map(clock.stamp) ?? "", c.outcome ?? (c.answeredAt == nil ? "ringing" : c.backInQueue ? "back in the queue" : "on the call"),
                     c.handler ?? "", c.heldBy.joined(separator: " then "), c.incident.map(Floor.reference) ?? "",
                     c.transferredTo.map { $0 == .ambulance ? "ambulance" : "fire" } ?? "", c.partnerReference ?? "",
                     c.signpostedTo.map { Partner.named[$0.rawValue].name } ?? "", c.crimeNumber ?? "",
                     c.calledBack.map { $0 ? "answered" : "no answer" } ?? "", c.silent ? "yes" : "no",
                     c.rungBackAt.map(clock.stamp) ?? "", c.rungBackBy ?? "", c.rungBackAnswered.map { $0 ? "yes" : "no" } ?? "",
                     c.afterRingBack ?? "",
                     "\(c.name), \(Wording.relation(c.caller.relation)), \(c.cli ?? CallerDetails.phone(c.caller))",
                     c.notes.map(SafeText.clean).joined(separator: " | "),
                     c.replies.map(SafeText.clean).joined(separator: " | ")])
        }
        return csv.text
    }

    public static func radio(_ session: RecordedSession) -> String {
        let floor = session.floor
        var csv = CSV(header: ["time", "from", "to", "incident", "message"])
        for entry in session.radio.entries {
            let t = entry.transmission
            let unit = floor.callsign(t.unit)
            let toControl = t.direction == .toControl
            csv.add([floor.clock.stamp(entry.time), toControl ? unit : "CONTROL", toControl ? "CONTROL" : unit,
                     entry.reference.map(Floor.reference) ?? "", Wording.radio(t.message)])
        }
        return csv.text
    }

    /// Every recorded event, streamed page by page into `write`, its payload in the room's
    /// public references: the incident's reference, the call's number, the unit's callsign, the
    /// place's and the type's names, never the engine's slots and indexes.
    public static func events(_ journal: Journal, write: (String) throws -> Void) throws {
        let config = try SessionReplay(journal: journal).scenario.config
        let clock = RoomClock(start: config.calendar)
        var names = PublicReferences(config: config)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        try write(CSV(header: ["seq", "time", "sim_ms", "wall_time", "actor", "kind", "payload"]).text)
        var after: Int64 = 0
        while true {
            let page = try journal.events(after: after, limit: 10_000)
            guard let last = page.last else { break }
            var csv = CSV(header: [])
            for e in page {
                csv.add([String(e.sequence), clock.stamp(e.simTime), String(e.simTime),
                         iso.string(from: Date(timeIntervalSince1970: e.wallTime)), SafeText.clean(e.actor), e.kind,
                         SafeText.clean(names.publicPayload(e.kind, e.payload, actor: e.actor))])
            }
            try write(csv.text)
            after = last.sequence
        }
    }
}

/// Turns an event's stored payload (the engine's handles and indexes) into the room's public
/// references, following the events in order: an incident's handle stands for its reference
/// from its opening, a call's for its number from its ringing, a person's call-handling seat for
/// who sat at it.
struct PublicReferences {
    let config: WorldConfig
    private var incidents: [String: String] = [:]
    private var calls: [String: String] = [:]
    /// A person's call-handling seat, by who sat at it.
    private var seats: [Int64: String] = [:]

    init(config: WorldConfig) { self.config = config }

    /// A JSON value as stored, told apart exactly (a 0 is a number, never a false).
    indirect enum Value: Codable {
        case null, bool(Bool), int(Int64), double(Double), string(String), array([Value]), object([String: Value])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int64.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = .double(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([Value].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Value].self)) }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .null: try c.encodeNil()
            case .bool(let b): try c.encode(b)
            case .int(let i): try c.encode(i)
            case .double(let d): try c.encode(d)
            case .string(let s): try c.encode(s)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            }
        }

        var handle: String? {
            guard case .object(let o) = self, o.count == 2, case .int(let slot)? = o["slot"], case .int(let g)? = o["generation"] else { return nil }
            return "\(slot).\(g)"
        }
        var int: Int64? { if case .int(let i) = self { i } else { nil } }
    }

    private static let decoder = JSONDecoder()
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    mutating func publicPayload(_ kind: String, _ payload: String, actor: String) -> String {
        guard case .object(var object)? = try? Self.decoder.decode(Value.self, from: Data(payload.utf8)) else { return payload }
        // Learn the handles first: an opening names its own incident, a ringing its call.
        if kind == "incidentCreated" || kind == "incidentReopened", let h = object["incident"]?.handle,
           case .object(let opening)? = object["opening"], let r = opening["reference"]?.int {
            incidents[h] = Floor.reference(r)
        }
        if kind == "callArrived" || kind == "rungBack", let h = object["call"]?.handle, let n = object["number"]?.int {
            calls[h] = String(n)
        }
        if kind == "personSeatedAsHandler", let h = object["handler"]?.int, let who = Wording.who(actor) {
            seats[h] = "seat of " + who
        }
        // A call's draw is the engine's hidden truth: said as what the call was about.
        if kind == "callArrived", case .object(let draw)? = object["draw"] {
            var truth: [String: Value] = [:]
            for key in ["type", "grade", "place", "silent"] { if let v = draw[key] { truth[key] = v } }
            object["draw"] = nil
            object["truth"] = .object(truth)
        }
        guard let data = try? Self.encoder.encode(translate(.object(object))) else { return payload }
        return String(decoding: data, as: UTF8.self)
    }

    private func name(_ n: Int64, key: String?) -> Value? {
        let i = Int(n)
        switch key {
        case "unit", "assisting", "officer":
            return config.units.indices.contains(i) ? .string(config.units[i].callsign) : nil
        case "place", "truePlace":
            return config.places.indices.contains(i) ? .string(config.places[i].name) : nil
        case "type", "closingType":
            return config.incidentTypes.indices.contains(i) ? .string(config.incidentTypes[i].name) : nil
        case "handler":
            return .string(seats[n] ?? "call-handler-\(n + 1)")
        case "line":
            return Line(rawValue: i).map { .string($0.number) }
        case "result":
            return JobResult(rawValue: i).map { .string(Wording.result($0)) }
        case "outcome":
            return CallOutcome(rawValue: i).map { .string(CallLog.outcome($0)) }
        case "status", "stateUpdate":
            return UnitStatus(rawValue: i).map { .string("\($0.rawValue) \(Wording.status($0))") }
        default:
            return nil
        }
    }

    private func translate(_ value: Value, key: String? = nil) -> Value {
        switch value {
        case .object(let o):
            if let h = value.handle {
                switch key {
                case "incident", "linkedTo", "into": return .string(incidents[h] ?? "closed incident")
                case "call": return .string(calls[h] ?? "call")
                default: return value
                }
            }
            // An enum's unlabelled value ({"stateUpdate":{"_0":5}}, {"result":{"_0":1}}) by its case.
            if o.count == 1, let only = o["_0"], let n = only.int, let named = name(n, key: key) { return named }
            var out: [String: Value] = [:]
            for (k, v) in o { out[k] = translate(v, key: k) }
            return .object(out)
        case .array(let a):
            return .array(a.map { translate($0, key: key) })
        case .int(let n):
            return name(n, key: key) ?? value
        default:
            return value
        }
    }
}
