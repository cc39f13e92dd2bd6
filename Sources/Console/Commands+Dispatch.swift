import DispatchEngine
import ReadModel

/// The dispatcher's commands: each becomes an engine command, which the engine checks against
/// the world (and may refuse) before anything changes.
extension ConsoleCommands {
    static let dispatch: [ConsoleCommand] = [
        ConsoleCommand("ack", forms: ["ack [CALLSIGN]"], "acknowledge an emergency button alarm",
                       detail: "No callsign: the oldest alarm") { args, state, floor in
            guard let arg = args.first else { return Update.perform(.acknowledge, &state, floor, size: (80, 24)) }
            guard let unit = floor.world.handle(forCallsign: arg) else {
                state.complain("No unit '\(SafeText.clean(arg))'")
                return []
            }
            guard floor.world.pendingEmergencies.contains(where: { $0.unit == unit }) else {
                state.complain("\(floor.callsign(unit)) has no emergency to acknowledge")
                return []
            }
            state.say("Emergency from \(floor.callsign(unit)) acknowledged.")
            return [.execute(.acknowledgeEmergency(unit))]
        },
        ConsoleCommand("assign", forms: ["assign CALLSIGN [REF]"], "send a free unit (to the open or selected incident)") {
            unitToIncident("assign", $0, &$1, $2)
        },
        ConsoleCommand("divert", forms: ["divert CALLSIGN [REF]"], "take a unit off a lower-grade job and send it") {
            unitToIncident("divert", $0, &$1, $2)
        },
        ConsoleCommand("standdown", aliases: ["sd"], forms: ["standdown CALLSIGN [REF]"], "the unit is not needed on the incident",
                       detail: "It comes free; an incident left with nobody waits again") {
            unitToIncident("standdown", $0, &$1, $2)
        },
        ConsoleCommand("stack", forms: ["stack [REF] [specialist|later [HH:MM]|other]"], "the incident waits, and why",
                       detail: "later 21:30: left alone until then (the caller asked), then back on the list, raised",
                       completes: { _, floor in ["specialist", "later", "other"] + openReferences(floor) }) {
            incidentCommand("stack", $0, &$1, $2)
        },
        ConsoleCommand("regrade", aliases: ["grade"], forms: ["regrade [REF] 1|2|3"], "re-grade after re-assessing (re-THRIVE)",
                       detail: "The target follows the grade; grade 4 is a closure") {
            incidentCommand("regrade", $0, &$1, $2)
        },
        ConsoleCommand("note", forms: ["note [REF] TEXT"], "add a line to the incident's narrative",
                       detail: "A closed incident's record too, by its reference (an update after closing)", requires: .either) {
            incidentCommand("note", $0, &$1, $2)
        },
        ConsoleCommand("locate", aliases: ["loc"], forms: ["locate [REF] PLACE"], "correct or narrow where the incident is",
                       detail: "PLACE as the gazetteer finds it (part of the name, typos forgiven); the units on it are told", requires: .either) { args, state, floor in
            guard state.role.dispatches || state.role.handlesCalls else {
                state.complain("Only a dispatcher or call handler does that (this seat: \(state.role.rawValue))"); return []
            }
            var rest = args
            var named: String?
            if let first = rest.first, Int64(first) != nil, rest.count >= 2 { named = first; rest.removeFirst() }
            guard !rest.isEmpty else { state.complain("locate takes a place, such as locate 0012 birch close"); return [] }
            guard let (id, reference) = incident(named, &state, floor) else { return [] }
            let typed = rest.joined(separator: " ")
            let matches = Gazetteer.places(typed, floor, limit: 40)
            let exact = matches.first { floor.placeNames[$0].lowercased() == typed.lowercased() }
            guard let pick = exact ?? (matches.count == 1 ? matches.first : nil) else {
                state.complain(matches.isEmpty ? "No place in the gazetteer matches '\(SafeText.clean(typed))'"
                    : "\(matches.count) places match '\(SafeText.clean(typed))': " + matches.prefix(3).map { floor.placeNames[$0] }.joined(separator: "; ")
                        + (matches.count > 3 ? "; ..." : "") + ". Say more of the name")
                return []
            }
            state.say("\(Floor.reference(reference)) located at \(floor.placeNames[pick]).")
            return [.execute(.relocate(id, place: Int32(pick)))]
        },
        ConsoleCommand("reopen", forms: ["reopen REF"], "open a closed incident again, its record as it was",
                       detail: "Under its own reference, with its last type, grade and place; it wants a unit again", requires: .either) { args, state, floor in
            guard state.role.dispatches || state.role.handlesCalls else { state.complain("A call handler or a dispatcher reopens an incident (this seat: \(state.role.rawValue))"); return [] }
            guard let word = args.first, let reference = Int64(word), args.count == 1 else {
                state.complain("reopen takes the reference of a closed incident, such as reopen 0012")
                return []
            }
            guard let entry = floor.incidents.entry(reference: reference) else {
                state.complain("No incident \(Floor.reference(reference)) in this session")
                return []
            }
            guard entry.closedAt != nil else { state.complain("Incident \(Floor.reference(reference)) is still open"); return [] }
            // A grade 4 was resolved without deploying: reopened, it needs someone.
            let grade = entry.grade.deploys ? entry.grade : .scheduled
            state.say("\(Floor.reference(reference)) reopened, grade \(grade.rawValue).")
            return [.execute(.reopen(reference: reference, type: entry.closingType ?? entry.type, grade: grade, place: entry.place))]
        },
        ConsoleCommand("close", forms: ["close [REF] RESULT [as TYPE]"], "close with a result (no_trace, advice_given, ...)",
                       detail: "Results: " + JobResult.named.map { "`\($0.name)`" }.joined(separator: ", ") + "; optionally as another type",
                       completes: { _, floor in JobResult.named.map(\.name) + openReferences(floor) }) {
            incidentCommand("close", $0, &$1, $2)
        },
        ConsoleCommand("link", forms: ["link REF REF"], "join a duplicate incident (the first) to the one it duplicates",
                       detail: "Its callers and units move to the second; it closes with the result `duplicate`, and only the second is judged. `:reopen` splits them again",
                       completes: { _, floor in openReferences(floor) }) { args, state, floor in
            link(args, &state, floor)
        },
        ConsoleCommand("warn", forms: ["warn [REF]"], "pass the address's warnings to the units on it",
                       detail: "They answer \"received\"") {
            incidentCommand("warn", $0, &$1, $2)
        },
        ConsoleCommand("msg", aliases: ["message"], forms: ["msg CALLSIGN TEXT"], "radio a message to a unit") { args, state, floor in
            guard let callsign = args.first, let unit = floor.world.handle(forCallsign: callsign) else {
                state.complain("msg takes a callsign then the message, such as msg NF21 return to station")
                return []
            }
            state.say("Message to \(floor.callsign(unit)).")
            return [.execute(.message(unit, args.dropFirst().joined(separator: " ")))]
        },
        ConsoleCommand("msgarea", forms: ["msgarea AREA TEXT"], "radio a message to every unit on duty in an area",
                       completes: { _, floor in floor.areaNames }) { args, state, floor in
            guard let a = args.first, let area = floor.config.areas.firstIndex(where: { $0.name.lowercased().hasPrefix(a.lowercased()) }) else {
                state.complain("msgarea takes an area then the message; areas: " + floor.areaNames.joined(separator: ", "))
                return []
            }
            let text = args.dropFirst().joined(separator: " ")
            let units = floor.config.units.indices.filter {
                floor.config.units[$0].area == area && floor.world.units[$0].status != .offDuty
            }
            guard !units.isEmpty else { state.complain("No unit on duty in \(floor.areaName(area))"); return [] }
            state.say("Message to \(units.count) unit(s) in \(floor.areaName(area)).")
            return units.map { .execute(.message(UnitIndex($0), text)) }
        },
        ConsoleCommand("refs", forms: ["refs CALLSIGN on|off"], "book a unit on or off its refreshment break",
                       completes: { words, floor in words.count == 3 ? ["on", "off"] : unitsAndReferences(floor) + ["all"] }) { args, state, floor in
            guard args.count == 2, let unit = floor.world.handle(forCallsign: args[0]), ["on", "off"].contains(args[1].lowercased()) else {
                state.complain("refs takes a callsign then on or off")
                return []
            }
            let on = args[1].lowercased() == "on"
            state.say("\(floor.callsign(unit)) \(on ? "on" : "off") refreshments.")
            return [.execute(on ? .startRefreshments(unit) : .endRefreshments(unit))]
        },
        ConsoleCommand("welfare", aliases: ["wc"], forms: ["welfare [CALLSIGN|all]"], "check on a unit at scene (no callsign: the most overdue; all: every overdue one)",
                       detail: "It answers \"all in order\"",
                       completes: { _, floor in ["all"] + ConsoleCommands.unitsAndReferences(floor) }) { args, state, floor in
            guard state.role.dispatches else { state.complain("Only the dispatcher checks on units (this seat: \(state.role.rawValue))"); return [] }
            if args.first?.lowercased() == "all" {
                let overdue = floor.world.welfareOverdue
                guard !overdue.isEmpty else { state.say("No welfare check is overdue."); return [] }
                state.say("Welfare checks on \(overdue.count) unit\(overdue.count == 1 ? "" : "s"): " + overdue.map { floor.callsign($0) }.joined(separator: ", ") + ".")
                return overdue.map { .execute(.welfareCheck($0)) }
            }
            let unit: UnitIndex
            if let arg = args.first {
                guard let u = floor.world.handle(forCallsign: arg) else { state.complain("No unit '\(SafeText.clean(arg))'"); return [] }
                unit = u
            } else {
                guard let u = floor.world.welfareOverdue.first else { state.say("No welfare check is overdue."); return [] }
                unit = u
            }
            state.say("Welfare check on \(floor.callsign(unit)).")
            return [.execute(.welfareCheck(unit))]
        },
        ConsoleCommand("state", aliases: ["st"], forms: ["state CALLSIGN N"], "book a state the unit gave by radio (1 2 3 6 7 8 10)",
                       detail: "6 when en route (there sooner), 1/2/3 to clear from a scene or change free state, 7/8/10 committed without a job; other moves are refused") { args, state, floor in
            guard state.role.dispatches else { state.complain("Only the dispatcher books states (this seat: \(state.role.rawValue))"); return [] }
            guard args.count == 2, let unit = floor.world.handle(forCallsign: args[0]),
                  let n = Int(args[1]), let status = UnitStatus(rawValue: n) else {
                state.complain("state takes a callsign and a state number, such as state NF21 6")
                return []
            }
            state.say("\(floor.callsign(unit)) state \(n) \(Wording.status(status)).")
            return state.confirm(Risk.of(.setStatus(unit, status), floor), [.execute(.setStatus(unit, status))])
        },
    ]

    /// assign / divert / standdown CALLSIGN [REF].
    static func unitToIncident(_ verb: String, _ args: [String], _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.role.dispatches else { state.complain("Only the dispatcher deploys units (this seat: \(state.role.rawValue))"); return [] }
        guard let callsign = args.first else { state.complain("\(verb) takes a callsign, then an incident reference if none is open"); return [] }
        guard let unit = floor.world.handle(forCallsign: callsign) else {
            state.complain("No unit '\(SafeText.clean(callsign))'" + hint(callsign, floor.callsigns))
            return []
        }
        guard let (id, reference) = incident(args.dropFirst().first, &state, floor) else { return [] }
        let name = floor.callsign(unit), ref = Floor.reference(reference)
        switch verb {
        case "assign":
            state.say("Sending \(name) to \(ref).")
            return state.confirm(Risk.of(.assign(unit, id), floor), [.execute(.assign(unit, id))])
        case "divert":
            state.say("Diverting \(name) to \(ref).")
            return state.confirm(Risk.of(.divert(unit, id), floor), [.execute(.divert(unit, id))])
        default:
            state.say("\(name) stood down from \(ref).")
            return [.execute(.standDown(unit, id))]
        }
    }

    /// stack / regrade / note / close / warn [REF] ...
    static func incidentCommand(_ verb: String, _ args: [String], _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        // A call handler adds to a record too (what a caller says on the line, a further call).
        guard state.role.dispatches || (verb == "note" && state.role.handlesCalls) else { state.complain("Only the dispatcher does that (this seat: \(state.role.rawValue))"); return [] }
        var rest = args
        // A leading number is the incident's reference when more words follow it ("regrade 42 1",
        // "note 42 text"), or when the command takes nothing else ("warn 42"); "regrade 2" is a grade.
        let takesMore = ["regrade", "note", "close"].contains(verb)
        var named: String?
        if let first = rest.first, Int64(first) != nil, !takesMore || rest.count >= 2 {
            named = first
            rest.removeFirst()
        }
        // A note on a closed incident's record: by its reference.
        if verb == "note", let word = named, let reference = Int64(word), floor.incident(reference: reference) == nil,
           floor.incidents.entry(reference: reference) != nil {
            state.say("Note added to closed incident \(Floor.reference(reference)).")
            return [.execute(.annotate(reference: reference, rest.joined(separator: " ")))]
        }
        guard let (id, reference) = incident(named, &state, floor) else { return [] }
        let ref = Floor.reference(reference)
        switch verb {
        case "stack":
            let reasons: [String: StackReason] = ["specialist": .awaitingSpecialist, "later": .callerRequestedLater,
                                                  "other": .other, "none": .noUnitAvailable]
            let reason = rest.first.flatMap { reasons[$0.lowercased()] } ?? .noUnitAvailable
            if let word = rest.first, reasons[word.lowercased()] == nil {
                state.complain("stack takes a reason: specialist, later (with a time, such as later 21:30) or other")
                return []
            }
            if reason == .callerRequestedLater, rest.count >= 2 {
                guard rest.count == 2, let until = floor.clock.next(timeOfDay: rest[1], after: floor.now) else {
                    state.complain("later takes a time of day, such as later 21:30")
                    return []
                }
                state.say("\(ref) left until \(floor.clock.time(until)), then back on the list.")
                return [.execute(.stackUntil(id, until: until))]
            }
            state.say("\(ref) stacked: \(Wording.stackReason(reason)).")
            return [.execute(.stack(id, reason: reason))]
        case "regrade":
            guard let n = rest.first.flatMap({ Int($0) }), let grade = Grade(rawValue: n), grade.deploys else {
                state.complain("regrade takes a grade: 1, 2 or 3 (grade 4 is a closure: close the incident)")
                return []
            }
            state.say("\(ref) re-graded to \(n).")
            return [.execute(.regrade(id, grade))]
        case "note":
            state.say("Note added to \(ref).")
            return [.execute(.addNote(id, rest.joined(separator: " ")))]
        case "close":
            guard let word = rest.first?.lowercased(), let result = JobResult.named.first(where: { $0.name == word })?.result else {
                state.complain("close takes a result: " + JobResult.named.map(\.name).joined(separator: ", "))
                return []
            }
            var type = floor.world.incident(id)!.type
            if rest.count > 2, rest[1].lowercased() == "as" {
                let name = rest.dropFirst(2).joined(separator: " ").lowercased()
                guard let t = floor.typeNames.firstIndex(where: { $0.lowercased() == name }) else {
                    state.complain("No incident type '\(SafeText.clean(name))'")
                    return []
                }
                type = Int32(t)
            }
            state.say("\(ref) closed: \(Wording.result(result)).")
            if case .detail(reference) = state.mode { state.mode = .normal }
            return [.execute(.close(id, closingType: type, result: result))]
        default:
            state.say("Warnings for \(ref) passed.")
            return [.execute(.passWarnings(id))]
        }
    }

    /// `:link DUP KEPT`: both open, not the same.
    static func link(_ args: [String], _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.role.dispatches else { state.complain("Only the dispatcher links incidents (this seat: \(state.role.rawValue))"); return [] }
        guard args.count == 2, let d = Int64(args[0]), let k = Int64(args[1]) else {
            state.complain("link takes two references: the duplicate, then the incident it duplicates, such as link 0016 0015")
            return []
        }
        func missing(_ r: Int64) -> String {
            floor.incidents.entry(reference: r) == nil ? "No incident \(Floor.reference(r)) in this session" : "Incident \(Floor.reference(r)) is closed: only open ones are linked"
        }
        guard let (dup, a) = floor.incident(reference: d) else { state.complain(missing(d)); return [] }
        guard let (kept, b) = floor.incident(reference: k) else { state.complain(missing(k)); return [] }
        state.say("\(Floor.reference(d)) linked to \(Floor.reference(k)) as a duplicate: its callers and units are on \(Floor.reference(k)).")
        if case .detail(d) = state.mode { state.mode = .detail(reference: k) }
        // Two incidents far apart, or of unrelated types, are seldom one: asked first.
        var doubts: [String] = []
        if floor.config.places.indices.contains(Int(a.place)), floor.config.places.indices.contains(Int(b.place)) {
            let km = floor.config.places[Int(a.place)].position.distance(to: floor.config.places[Int(b.place)].position)
            if km > Simulation.duplicateRadius { doubts.append(String(format: "%.1f km apart", km)) }
        }
        if a.type != b.type { doubts.append("\(floor.typeName(a.type)) and \(floor.typeName(b.type))") }
        let question = doubts.isEmpty ? nil
            : "\(Floor.reference(d)) and \(Floor.reference(k)) are " + doubts.joined(separator: ", ") + ": link them as one incident anyway"
        return state.confirm(question, [.execute(.link(dup, into: kept))])
    }

    /// The incident a command names, or the current one.
    static func incident(_ word: String?, _ state: inout ConsoleState, _ floor: Floor) -> (IncidentID, Int64)? {
        let reference: Int64?
        if let word {
            guard let r = Int64(word) else { state.complain("'\(SafeText.clean(word))' is not an incident reference"); return nil }
            reference = r
        } else {
            reference = state.currentIncident
        }
        guard let reference else { state.complain("Which incident? Open one, select one, or give its reference"); return nil }
        guard let (id, _) = floor.incident(reference: reference) else {
            state.complain("Incident \(Floor.reference(reference)) is not open")
            return nil
        }
        return (id, reference)
    }

    /// "; did you mean NF21?" for a mistyped callsign.
    static func hint(_ word: String, _ candidates: [String]) -> String {
        EditDistance.nearest(to: word, in: candidates) { _ in 2 }.map { "; did you mean \($0)?" } ?? ""
    }
}
