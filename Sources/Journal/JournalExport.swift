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
                               "units_sent", "duplicate_calls", "warning_markers", "warnings_passed_to", "closed",
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
                               "ring_back_answered", "after_ring_back", "caller", "notes"])
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
                     c.notes.map(SafeText.clean).joined(separator: " | ")])
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
/// from its opening, a call's for its number from its ringing.
struct PublicReferences {
    let config: WorldConfig
    private var incidents: [String: String] = [:]
    private var calls: [String: String] = [:]
    /// A person's call-handling seat, by who sat at it.
    private var seats: [Int: String] = [:]

    init(config: WorldConfig) { self.config = config }

    static func handle(_ value: Any?) -> String? {
        guard let d = value as? [String: Any], let slot = d["slot"] as? Int, let generation = d["generation"] as? Int else { return nil }
        return "\(slot).\(generation)"
    }

    mutating func publicPayload(_ kind: String, _ payload: String, actor: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any] else { return payload }
        if kind == "personSeatedAsHandler", let h = object["handler"] as? Int, let who = Wording.who(actor) {
            seats[h] = "seat of " + who
        }
        // Learn the handles first: an opening names its own incident.
        if kind == "incidentCreated" || kind == "incidentReopened",
           let h = Self.handle(object["incident"]), let opening = object["opening"] as? [String: Any], let r = opening["reference"] as? Int {
            incidents[h] = Floor.reference(Int64(r))
        }
        if kind == "callArrived" || kind == "rungBack", let h = Self.handle(object["call"]), let n = object["number"] as? Int {
            calls[h] = String(n)
        }
        let out = translate(object)
        guard let data = try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys, .withoutEscapingSlashes]) else { return payload }
        return String(decoding: data, as: UTF8.self)
    }

    private func translate(_ value: Any, key: String? = nil) -> Any {
        if let d = value as? [String: Any] {
            if let h = Self.handle(d) {
                switch key {
                case "incident", "linkedTo": return incidents[h] ?? "closed incident"
                case "call": return calls[h] ?? "call"
                default: return d
                }
            }
            var out: [String: Any] = [:]
            for (k, v) in d { out[k] = translate(v, key: k) }
            return out
        }
        if let list = value as? [Any] { return list.map { translate($0, key: key) } }
        if let n = value as? Int, !(value is Bool) {
            switch key {
            case "unit", "assisting", "officer":
                return config.units.indices.contains(n) ? config.units[n].callsign : n
            case "place", "truePlace":
                return config.places.indices.contains(n) ? config.places[n].name : n
            case "type", "closingType":
                return config.incidentTypes.indices.contains(n) ? config.incidentTypes[n].name : n
            case "handler":
                return seats[n] ?? "call-handler-\(n + 1)"
            case "line":
                return Line(rawValue: n)?.number ?? n
            case "result":
                return JobResult(rawValue: n).map(Wording.result) ?? n
            case "outcome":
                return CallOutcome(rawValue: n).map(CallLog.outcome) ?? n
            case "status":
                return UnitStatus(rawValue: n).map { "\($0.rawValue) \(Wording.status($0))" } ?? n
            default:
                return n
            }
        }
        return value
    }
}
