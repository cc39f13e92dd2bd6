import DispatchEngine
import Yams

/// The `script:` section (docs/scenario-format.md, "Scripted events"): a list of cues, each at a
/// time, maybe with a condition, doing one thing. Read after the rest, as it names the units,
/// places and incident types the scenario defines; every problem is reported where it is.
struct ScriptSchema {
    let reader: YAMLReader
    let config: WorldConfig

    static let cueKeys = ["at", "if", "call", "radio", "status", "emergency", "out_of_service", "book_off", "book_on",
                          "surge", "expect"]
    static let actions = ["call", "radio", "status", "emergency", "out_of_service", "book_off", "book_on", "surge"]
    static let callKeys = ["name", "line", "type", "grade", "place", "caller", "silent", "pressed_55", "answers_call_back",
                           "patience", "says", "when_rung_back", "rings_back_after", "escalates", "reports_again", "phone", "on_the_line", "caller_name", "expect"]
    static let expectKeys = ["grade", "skills", "dispatch_within", "warnings_passed", "duplicates_linked", "welfare_kept",
                             "no_deployment", "closing_type", "result", "emergency_acknowledged_within",
                             "answered_within", "located_within", "thrive_recorded", "regraded_to", "rung_back_within",
                             "stayed_on_line", "informed"]
    static let conditions = ["no_unit_at_scene", "unit_at_scene", "not_dispatched", "not_answered", "emergency_not_acknowledged"]

    func script(_ node: Node) -> Script {
        var script = Script()
        guard let items = reader.sequence(node, "script") else { return script }
        for item in items {
            guard let f = reader.fields(item, "a scripted event", allowed: Self.cueKeys) else { continue }
            guard let at = f.required("at", "when it happens, such as 19:42 or 20m").flatMap(time) else { continue }
            let given = Self.actions.filter { f[$0] != nil }
            guard given.count == 1, let action = given.first, let body = f[action] else {
                reader.fail(item, given.isEmpty
                    ? "a scripted event does nothing; expected one of \(Self.actions.joined(separator: ", "))"
                    : "a scripted event does \(given.joined(separator: " and ")); expected exactly one thing per event")
                continue
            }
            let condition = f["if"].flatMap { self.condition($0, calls: script.calls) }
            if f["if"] != nil && condition == nil { continue }
            var acknowledgeWithin: SimTime?, assistWithin: SimTime?
            if let e = f["expect"] {
                guard action == "emergency" else {
                    reader.fail(e, "'expect' here belongs to an emergency; expected a call's expectations inside its 'call'")
                    continue
                }
                if let ef = reader.fields(e, "the emergency's expectations", allowed: ["acknowledged_within", "assisted_within"]) {
                    acknowledgeWithin = ef["acknowledged_within"].flatMap { reader.duration($0, "acknowledged_within", allowZero: false) }
                    assistWithin = ef["assisted_within"].flatMap { reader.duration($0, "assisted_within", allowZero: false) }
                    if ef["acknowledged_within"] == nil && ef["assisted_within"] == nil {
                        reader.fail(e, "the emergency's expectations are empty; expected acknowledged_within (such as 30s) or assisted_within (such as 2m)")
                    }
                }
            }
            let event: ScriptEvent?
            var label = clock(at) + " "
            switch action {
            case "call":
                if let call = self.call(body, known: script.calls) {
                    script.calls.append(call)
                    event = .call(script.calls.count - 1)
                    label += "call: \(call.name)"
                } else { event = nil }
            case "radio":
                let rf = reader.fields(body, "radio", allowed: ["unit", "says"])
                let unit = rf?.required("unit", "a callsign").flatMap(self.unit)
                let says = rf?.required("says", "what the unit says").flatMap { reader.string($0, "says", limit: YAMLReader.longText) }
                event = unit.flatMap { u in says.map { .radio(u, $0) } }
                label += "radio: \(rf?["unit"]?.scalar?.string ?? "")"
            case "status":
                let sf = reader.fields(body, "status", allowed: ["unit", "state"])
                let unit = sf?.required("unit", "a callsign").flatMap(self.unit)
                let state = sf?.required("state", "a state number such as 6").flatMap { reader.integer($0, "state", range: 0...11) }
                event = unit.flatMap { u in state.flatMap { UnitStatus(rawValue: $0) }.map { .status(u, $0) } }
                label += "state \(state.map(String.init) ?? ""): \(sf?["unit"]?.scalar?.string ?? "")"
            case "emergency":
                event = unit(body).map { .emergency($0) }
                label += "emergency button: \(body.scalar?.string ?? "")"
            case "out_of_service":
                let of = reader.fields(body, "out_of_service", allowed: ["unit", "for", "says"])
                let unit = of?.required("unit", "a callsign").flatMap(self.unit)
                let length = of?.required("for", "how long, such as 2h").flatMap { reader.duration($0, "for", allowZero: false) }
                let says = of?["says"].flatMap { reader.string($0, "says", limit: YAMLReader.longText) } ?? "Vehicle off the road, out of service."
                event = unit.flatMap { u in length.map { .outOfService(u, for: $0, reason: says) } }
                label += "out of service: \(of?["unit"]?.scalar?.string ?? "")"
            case "book_off", "book_on":
                let units = reader.sequence(body, action)?.compactMap(unit) ?? []
                event = units.isEmpty ? nil : (action == "book_off" ? .bookOff(units) : .bookOn(units))
                label += (action == "book_off" ? "shift change, off: " : "shift change, on: ") + units.map { config.units[Int($0)].callsign }.joined(separator: " ")
            default:
                let sf = reader.fields(body, "surge", allowed: ["factor", "for"])
                let factor = sf?.required("factor", "how many times the usual demand, such as 3").flatMap { reader.number($0, "factor", range: 0.1...50) }
                let length = sf?.required("for", "how long, such as 1h").flatMap { reader.duration($0, "for", allowZero: false) }
                event = factor.flatMap { x in length.map { .surge(factor: x, for: $0) } }
                label += "surge x\(factor.map(\.plain) ?? "")"
            }
            guard let event else { continue }
            var cue = ScriptCue(at: at, condition: condition, event: event, label: label)
            cue.acknowledgeWithin = acknowledgeWithin
            cue.assistWithin = assistWithin
            script.cues.append(cue)
        }
        return script
    }

    /// "19:42": the first such moment from the start; "20m", "1h30m": after the start.
    private func time(_ node: Node) -> SimTime? {
        guard let text = node.scalar?.string.trimmedOfSpaces else {
            reader.fail(node, "at should be a time such as 19:42 or a time after the start such as 20m, found \(node.kindDescription)")
            return nil
        }
        let at: SimTime
        if text.contains(":"), let ofDay = reader.timeOfDay(text) {
            at = ((ofDay - config.calendar.timeOfDay) % Clock.day + Clock.day) % Clock.day
        } else if let offset = YAMLReader.parseDuration(text) {
            at = offset
        } else {
            reader.fail(node, "at should be a time such as 19:42 or a time after the start such as 20m, found '\(text.clipped)'")
            return nil
        }
        guard at < config.duration else {
            reader.fail(node, "at \(text.clipped) is after the scenario ends; expected a time within its \(config.duration / Clock.minute) minutes")
            return nil
        }
        return at
    }

    private func clock(_ at: SimTime) -> String {
        let t = (config.calendar.timeOfDay + at) % Clock.day / Clock.minute
        return (t / 60 < 10 ? "0" : "") + "\(t / 60):" + (t % 60 < 10 ? "0" : "") + "\(t % 60)"
    }

    private func unit(_ node: Node) -> UnitIndex? {
        guard let sign = reader.string(node, "unit") else { return nil }
        if let i = config.units.firstIndex(where: { $0.callsign.lowercased() == sign.lowercased() }) { return UnitIndex(i) }
        let names = config.units.map(\.callsign)
        reader.fail(node, "no unit '\(sign.clipped)' on the roster; expected a callsign such as \(names.prefix(3).joined(separator: ", "))"
                    + Suggestion.hint(for: sign, in: names))
        return nil
    }

    func named(_ node: Node, _ what: String, in names: [String]) -> Int32? {
        guard let name = reader.string(node, what) else { return nil }
        if let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return Int32(i) }
        reader.fail(node, "no \(what) '\(name.clipped)' in the scenario; expected one of its \(what)s"
                    + Suggestion.hint(for: name, in: names))
        return nil
    }

    private func callReference(_ node: Node, _ calls: [ScriptedCall]) -> Int? {
        guard let name = reader.string(node, "call name") else { return nil }
        if let i = calls.firstIndex(where: { $0.name == name }) { return i }
        reader.fail(node, "no scripted call named '\(name.clipped)' before this one; expected the name of an earlier call"
                    + Suggestion.hint(for: name, in: calls.map(\.name)))
        return nil
    }

    private func condition(_ node: Node, calls: [ScriptedCall]) -> ScriptCondition? {
        guard let f = reader.fields(node, "the condition", allowed: Self.conditions) else { return nil }
        guard f.order.count == 1, let key = f.order.first, let value = f[key] else {
            reader.fail(node, "a condition should have one test; expected one of \(Self.conditions.joined(separator: ", "))")
            return nil
        }
        if key == "emergency_not_acknowledged" { return unit(value).map { .emergencyNotAcknowledged($0) } }
        guard let k = callReference(value, calls) else { return nil }
        switch key {
        case "no_unit_at_scene": return .noUnitAtScene(call: k)
        case "unit_at_scene": return .unitAtScene(call: k)
        case "not_dispatched": return .notDispatched(call: k)
        default: return .notAnswered(call: k)
        }
    }

    private func turns(_ node: Node, _ what: String) -> [ScriptTurn]? {
        guard let items = reader.sequence(node, what) else { return nil }
        var out: [ScriptTurn] = []
        var next: SimTime = Clock.second
        for item in items {
            if item.scalar != nil {
                guard let text = reader.string(item, "a line of \(what)", limit: YAMLReader.longText) else { continue }
                out.append(ScriptTurn(after: next, voice: .caller, text: text))
                next += 6 * Clock.second
                continue
            }
            guard let f = reader.fields(item, "a line of \(what)", allowed: ["after", "caller", "sound"]) else { continue }
            let after = f["after"].flatMap { reader.duration($0, "after") } ?? next
            guard (f["caller"] == nil) != (f["sound"] == nil) else {
                reader.fail(item, "a line of \(what) should have 'caller' (words) or 'sound' (what is heard); expected one of them")
                continue
            }
            let voice: ScriptTurn.Voice = f["caller"] != nil ? .caller : .sound
            guard let text = (f["caller"] ?? f["sound"]).flatMap({ reader.string($0, "a line of \(what)", limit: YAMLReader.longText) }) else { continue }
            out.append(ScriptTurn(after: after, voice: voice, text: text))
            next = after + 6 * Clock.second
        }
        return out
    }

    private func call(_ node: Node, known: [ScriptedCall]) -> ScriptedCall? {
        guard let f = reader.fields(node, "a scripted call", allowed: Self.callKeys) else { return nil }
        let name = f.required("name", "a name for the call, such as overdose").flatMap { reader.string($0, "name") }
        if let name, known.contains(where: { $0.name == name }) {
            reader.fail(f["name"], "a scripted call named '\(name.clipped)' is already written; expected each call's name once")
        }
        let line: Line? = f["line"].map { n in
            let text = n.scalar?.string.trimmedOfSpaces.lowercased()
            if let found = Line.allCases.first(where: { $0.number == text }) { return found }
            reader.fail(n, "line should be 999, 101, chat, email or online, found \(n.kindDescription)")
            return nil
        } ?? .emergency
        let type = f.required("type", "the incident type it really is").flatMap { named($0, "incident type", in: config.incidentTypes.map(\.name)) }
        let grade = f.required("grade", "the grade it really is, 1 to 4").flatMap { reader.integer($0, "grade", range: 1...4) }.flatMap { Grade(rawValue: $0) }
        let place = f.required("place", "where it really is: a place of the scenario's area").flatMap { named($0, "place", in: config.places.map(\.name)) }
        let relation = f["caller"].flatMap(self.relation) ?? .witness
        let silent = f["silent"].flatMap { reader.bool($0, "silent") } ?? false
        let pressed55 = f["pressed_55"].flatMap { reader.bool($0, "pressed_55") } ?? false
        let answersCallBack = f["answers_call_back"].flatMap { reader.bool($0, "answers_call_back") } ?? false
        var patience: SimTime?
        if let p = f["patience"], p.scalar?.string.trimmedOfSpaces != "never" {
            patience = reader.duration(p, "patience")
        }
        let says = f["says"].flatMap { turns($0, "says") } ?? []
        let rungBack = f["when_rung_back"].flatMap { turns($0, "when_rung_back") } ?? []
        let ringsBack = f["rings_back_after"].flatMap { reader.duration($0, "rings_back_after", allowZero: false) }
        var escalation: Escalation?
        if let e = f["escalates"], let ef = reader.fields(e, "escalates", allowed: ["after", "grade", "says", "caller", "caller_name", "phone"]) {
            let after = ef.required("after", "how long with nobody at scene, such as 10m").flatMap { reader.duration($0, "after", allowZero: false) }
            let g = ef.required("grade", "the grade it becomes, 1 to 3").flatMap { reader.integer($0, "grade", range: 1...3) }.flatMap { Grade(rawValue: $0) }
            let words = ef["says"].flatMap { turns($0, "says") } ?? []
            // Someone else rings as it gets worse (a neighbour): their own role, name and line.
            let who = ef["caller"].flatMap(self.relation)
            if who == nil {
                for key in ["caller_name", "phone"] where ef[key] != nil {
                    reader.fail(ef[key], "'\(key)' here is for someone other than the caller ringing as it gets worse; expected 'caller' (their role, such as concerned) beside it")
                }
            }
            if let after, let g {
                var worse = Escalation(after: after, grade: g, turns: words, relation: who)
                worse.callerName = ef["caller_name"].flatMap { reader.string($0, "caller_name", limit: 60) }
                worse.phone = ef["phone"].flatMap { self.phone($0, line: line) }
                escalation = worse
            }
        }
        let reportsAgain = f["reports_again"].flatMap { callReference($0, known) }
        if f["reports_again"] != nil && reportsAgain == nil { return nil }
        let expect = f["expect"].flatMap(expectations) ?? Expectations()
        let phone = f["phone"].flatMap { self.phone($0, line: line) }
        if let line, !line.isPhone {
            // Written contact: nobody is silent on a chat, and there is no phone line to show.
            for key in ["silent", "pressed_55", "phone", "when_rung_back"] where f[key] != nil {
                reader.fail(f[key], "a \(line.contact) has no '\(key)'; expected it only on a 999 or 101 call")
            }
        }
        guard let name, let line, let type, let grade, let place else { return nil }
        if silent && says.isEmpty {
            reader.fail(node, "a silent call with nothing heard on the line; expected 'says' with the sounds (sound: ...)")
        }
        var call = ScriptedCall(name: name, line: line, type: type, grade: grade, place: place, relation: relation,
                                silent: silent, pressed55: pressed55, answersCallBack: answersCallBack, patience: patience,
                                turns: says, callBackTurns: rungBack, duplicateOf: reportsAgain, ringsBackAfter: ringsBack,
                                escalation: escalation, expect: expect)
        call.phone = phone
        call.onTheLine = f["on_the_line"].flatMap { turns($0, "on_the_line") } ?? []
        call.callerName = f["caller_name"].flatMap { reader.string($0, "caller_name", limit: 60) }
        return call
    }

    /// Who the caller is to it: victim, witness, concerned, business or agency.
    private func relation(_ node: Node) -> Caller.Relation? {
        let names = ["victim", "witness", "concerned", "business", "agency"]
        guard let word = reader.string(node, "caller") else { return nil }
        if let i = names.firstIndex(of: word.lowercased()) { return Caller.Relation(rawValue: i)! }
        reader.fail(node, "caller should be one of \(names.joined(separator: ", ")), found '\(word.clipped)'" + Suggestion.hint(for: word, in: names))
        return nil
    }

    private func expectations(_ node: Node) -> Expectations? {
        guard let f = reader.fields(node, "the call's expectations", allowed: Self.expectKeys) else { return nil }
        var e = Expectations()
        e.grade = f["grade"].flatMap { reader.integer($0, "grade", range: 1...4) }.flatMap { Grade(rawValue: $0) }
        if let list = f["skills"].flatMap({ reader.sequence($0, "skills") }) {
            for item in list { if let s = ScenarioSchema(reader: reader).skill(item) { e.skills.insert(s) } }
        }
        e.dispatchWithin = f["dispatch_within"].flatMap { reader.duration($0, "dispatch_within", allowZero: false) }
        e.warningsPassed = f["warnings_passed"].flatMap { reader.bool($0, "warnings_passed") } ?? false
        e.duplicatesLinked = f["duplicates_linked"].flatMap { reader.bool($0, "duplicates_linked") } ?? false
        e.welfareKept = f["welfare_kept"].flatMap { reader.bool($0, "welfare_kept") } ?? false
        e.noDeployment = f["no_deployment"].flatMap { reader.bool($0, "no_deployment") } ?? false
        e.closingType = f["closing_type"].flatMap { named($0, "incident type", in: config.incidentTypes.map(\.name)) }
        if let r = f["result"], let word = reader.string(r, "result") {
            if let found = JobResult.named.first(where: { $0.name == word.lowercased() }) { e.result = found.result } else {
                let names = JobResult.named.map(\.name)
                reader.fail(r, "unknown result '\(word.clipped)'; expected one of \(names.joined(separator: ", "))" + Suggestion.hint(for: word, in: names))
            }
        }
        e.emergencyAcknowledgedWithin = f["emergency_acknowledged_within"].flatMap { reader.duration($0, "emergency_acknowledged_within", allowZero: false) }
        e.answeredWithin = f["answered_within"].flatMap { reader.duration($0, "answered_within", allowZero: false) }
        e.locatedWithin = f["located_within"].flatMap { distance($0, "located_within") }
        e.thriveRecorded = f["thrive_recorded"].flatMap { reader.bool($0, "thrive_recorded") } ?? false
        e.regradedTo = f["regraded_to"].flatMap { reader.integer($0, "regraded_to", range: 1...3) }.flatMap { Grade(rawValue: $0) }
        e.rungBackWithin = f["rung_back_within"].flatMap { reader.duration($0, "rung_back_within", allowZero: false) }
        e.stayedOnLine = f["stayed_on_line"].flatMap { reader.bool($0, "stayed_on_line") } ?? false
        if let list = f["informed"].flatMap({ reader.sequence($0, "informed") }) {
            let names = ["ambulance", "fire"]
            for item in list {
                guard let word = reader.string(item, "a service") else { continue }
                if let i = names.firstIndex(of: word.lowercased()) { e.informed.append(Agency(rawValue: i)!) } else {
                    reader.fail(item, "no service '\(word.clipped)' to inform; expected ambulance or fire" + Suggestion.hint(for: word, in: names))
                }
            }
        }
        if e.noDeployment && e.dispatchWithin != nil {
            reader.fail(node, "expectations ask for no deployment and a dispatch within a time; expected one or the other")
        }
        return e
    }
}
