import DispatchEngine
import ReadModel

/// The console's commands, typed after ':'. Short words a dispatcher types fast; each is
/// checked, and anything not understood is said on the status line and changes nothing.
public enum ConsoleCommands {
    public struct Command: Sendable {
        public var name: String
        public var usage: String
        public var description: String
    }

    public static let commands: [Command] = [
        Command(name: "pause", usage: "pause", description: "pause the simulation"),
        Command(name: "resume", usage: "resume", description: "resume it"),
        Command(name: "speed", usage: "speed 1|2|5|10|60", description: "set the speed"),
        Command(name: "seek", usage: "seek HH:MM | +DUR | -DUR", description: "replay: go to a time of day, or on or back (such as -15m)"),
        Command(name: "open", usage: "open REF", description: "open an incident's record"),
        Command(name: "filter", usage: "filter grade N | area NAME | status S | clear", description: "filter the incident list"),
        Command(name: "search", usage: "search TEXT", description: "search incidents (no text: clear)"),
        Command(name: "sort", usage: "sort risk|age|ref", description: "order the incident list"),
        Command(name: "radio", usage: "radio CALLSIGN | REF | all", description: "show one unit's or incident's radio traffic"),
        Command(name: "ack", usage: "ack [CALLSIGN]", description: "acknowledge an emergency button alarm"),
        Command(name: "assign", usage: "assign CALLSIGN [REF]", description: "send a free unit (to the open or selected incident)"),
        Command(name: "divert", usage: "divert CALLSIGN [REF]", description: "take a unit off a lower-grade job and send it"),
        Command(name: "standdown", usage: "standdown CALLSIGN [REF]", description: "the unit is not needed on the incident"),
        Command(name: "stack", usage: "stack [REF] [specialist|later|other]", description: "the incident waits, and why"),
        Command(name: "regrade", usage: "regrade [REF] 1|2|3", description: "re-grade after re-assessing (re-THRIVE)"),
        Command(name: "note", usage: "note [REF] TEXT", description: "add a line to the incident's narrative"),
        Command(name: "close", usage: "close [REF] RESULT [as TYPE]", description: "close with a result (no_trace, advice_given, ...)"),
        Command(name: "warn", usage: "warn [REF]", description: "pass the address's warnings to the units on it"),
        Command(name: "msg", usage: "msg CALLSIGN TEXT", description: "radio a message to a unit"),
        Command(name: "msgarea", usage: "msgarea AREA TEXT", description: "radio a message to every unit on duty in an area"),
        Command(name: "refs", usage: "refs CALLSIGN on|off", description: "book a unit on or off its refreshment break"),
        Command(name: "welfare", usage: "welfare [CALLSIGN]", description: "check on a unit at scene (no callsign: the most overdue)"),
        Command(name: "state", usage: "state CALLSIGN N", description: "book a state the unit gave by radio (1 2 3 6 7 8 10)"),
        Command(name: "answer", usage: "answer", description: "answer the next call, 999 first (call handler; key n)"),
        Command(name: "create", usage: "create", description: "create the incident from the call's form (key F2)"),
        Command(name: "dup", usage: "dup REF", description: "link the call to an open incident as a further caller"),
        Command(name: "advice", usage: "advice", description: "resolve on the phone: grade 4, closed as the form's type"),
        Command(name: "transfer", usage: "transfer ambulance|fire", description: "pass the call to the ambulance or fire service"),
        Command(name: "callback", usage: "callback", description: "silent call: ring the number back"),
        Command(name: "keep", usage: "keep", description: "silent call: keep the line open and listen"),
        Command(name: "nores", usage: "nores", description: "silent call: close it, no response"),
        Command(name: "take", usage: "take dispatcher [AREA] | call-handler", description: "take over dispatching (of one area), or a call-handling seat"),
        Command(name: "handback", usage: "handback [dispatcher|call-handler]", description: "hand a seat back to the engine"),
        Command(name: "inject", usage: "inject [N]", description: "training: inject scripted event N now (no N: the instructor's menu, key I)"),
        Command(name: "debrief", usage: "debrief", description: "training: the debrief so far (key D)"),
        Command(name: "zoom", usage: "zoom", description: "zoom the focused pane"),
        Command(name: "help", usage: "help", description: "the keys and commands"),
        Command(name: "quit", usage: "quit", description: "quit (asks first)"),
    ]

    static func run(_ line: String, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let args = Array(words.dropFirst())
        switch verb {
        case "pause":
            state.speed.paused = true
            state.say("Paused.")
        case "resume", "run", "go":
            state.speed.paused = false
            state.say("Running at \(state.speed.label).")
        case "speed":
            guard let arg = args.first, let n = Int(arg.filter { $0 != "x" }),
                  let i = Speed.factors.firstIndex(of: n) else {
                state.complain("speed takes one of 1, 2, 5, 10, 60")
                return []
            }
            state.speed.index = i
            state.speed.paused = false
            state.say("Speed \(state.speed.label).")
        case "inject":
            let opened = Update.openInstructor(&state, floor)
            guard state.mode == .instructor, let arg = args.first else { return opened }
            state.mode = .normal
            guard let n = Int(arg), floor.config.script.cues.indices.contains(n - 1) else {
                state.complain("inject takes the number of a scripted event, 1 to \(floor.config.script.cues.count) (I lists them)")
                return []
            }
            return [.inject(n - 1)]
        case "debrief":
            return Update.openDebrief(&state)
        case "seek":
            guard let arg = args.first else {
                state.complain("seek takes a time (19:30) or a move (+10m, -1h)")
                return []
            }
            return seek(arg, &state, floor)
        case "open", "o":
            guard let arg = args.first, let r = Int64(arg) else {
                state.complain("open takes an incident reference, such as open 42")
                return []
            }
            Update.openDetail(r, &state, floor)
        case "filter", "f":
            filter(args, &state, floor)
        case "search", "s":
            state.search = SafeText.clean(args.joined(separator: " "))
            state.say(state.search.isEmpty ? "Search cleared." : "Searching for '\(state.search)'.")
        case "sort":
            let names: [String: IncidentOrder] = ["risk": .risk, "age": .age, "ref": .reference, "reference": .reference]
            guard let arg = args.first?.lowercased(), let order = names[arg] else {
                state.complain("sort takes risk, age or ref")
                return []
            }
            state.order = order
            state.say("Incidents ordered by \(order.rawValue).")
        case "radio":
            guard let arg = args.first else {
                state.complain("radio takes a callsign, an incident reference, or all")
                return []
            }
            if arg.lowercased() == "all" {
                state.radioFilter = .all
                state.say("Radio: all traffic.")
            } else if let unit = floor.world.handle(forCallsign: arg) {
                state.radioFilter = .unit(unit)
                state.say("Radio: \(floor.callsign(unit)) only.")
            } else if let r = Int64(arg) {
                state.radioFilter = .incident(r)
                state.say("Radio: incident \(Floor.reference(r)) only.")
            } else {
                state.complain("No unit '\(SafeText.clean(arg))'; radio takes a callsign, a reference, or all")
                return []
            }
            state.radioBack = 0
        case "ack":
            if let arg = args.first {
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
            }
            return Update.perform(.acknowledge, &state, floor, size: (80, 24))
        case "assign", "divert", "standdown", "sd":
            return unitToIncident(verb, args, &state, floor)
        case "stack", "regrade", "grade", "note", "close", "warn":
            return incidentCommand(verb, args, &state, floor)
        case "msg", "message":
            guard let callsign = args.first, let unit = floor.world.handle(forCallsign: callsign) else {
                state.complain("msg takes a callsign then the message, such as msg NF21 return to station")
                return []
            }
            let text = args.dropFirst().joined(separator: " ")
            state.say("Message to \(floor.callsign(unit)).")
            return [.execute(.message(unit, text))]
        case "msgarea":
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
        case "refs":
            guard args.count == 2, let unit = floor.world.handle(forCallsign: args[0]), ["on", "off"].contains(args[1].lowercased()) else {
                state.complain("refs takes a callsign then on or off")
                return []
            }
            let on = args[1].lowercased() == "on"
            state.say("\(floor.callsign(unit)) \(on ? "on" : "off") refreshments.")
            return [.execute(on ? .startRefreshments(unit) : .endRefreshments(unit))]
        case "state", "st":
            guard state.role.dispatches else { state.complain("Only the dispatcher books states (this seat: \(state.role.rawValue))"); return [] }
            guard args.count == 2, let unit = floor.world.handle(forCallsign: args[0]),
                  let n = Int(args[1]), let status = UnitStatus(rawValue: n) else {
                state.complain("state takes a callsign and a state number, such as state NF21 6")
                return []
            }
            state.say("\(floor.callsign(unit)) state \(n) \(Wording.status(status)).")
            return [.execute(.setStatus(unit, status))]
        case "welfare", "wc":
            guard state.role.dispatches else { state.complain("Only the dispatcher checks on units (this seat: \(state.role.rawValue))"); return [] }
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
        case "take":
            let seat = args.first?.lowercased()
            if seat == "call-handler" || seat == "calls" {
                guard state.handlerSeat == nil else { state.complain("You already have a call-handling seat."); return [] }
                state.role = state.role.handlingCalls(true)
                state.say("You are a call handler: calls ring at your seat first. n answers.")
                return [.callSeat(true)]
            }
            guard seat == "dispatcher" else {
                state.complain("take dispatcher [AREA] or take call-handler")
                return []
            }
            var areas: Set<Int> = []
            if args.count > 1 {
                let name = args.dropFirst().joined(separator: " ").lowercased()
                guard let a = floor.config.areas.firstIndex(where: { $0.name.lowercased() == name }) else {
                    state.complain("No area '\(SafeText.clean(name))'; areas: " + floor.areaNames.joined(separator: ", "))
                    return []
                }
                areas = [a]
            }
            state.role = state.role.dispatching(true)
            state.say("You are dispatching " + (areas.isEmpty ? "every area." : floor.areaName(areas.first!) + "; the engine has the rest."))
            return [.dispatchSeat(areas: areas)]
        case "handback":
            let seat = args.first?.lowercased() ?? (state.role.dispatches ? "dispatcher" : "call-handler")
            if seat == "call-handler" || seat == "calls" {
                guard state.handlerSeat != nil else { state.complain("You have no call-handling seat."); return [] }
                guard floor.call(at: state.handlerSeat) == nil else { state.complain("Finish the call you are on first."); return [] }
                state.role = state.role.handlingCalls(false)
                state.say("Call-handling seat handed back: the engine's call handlers take the calls.")
                return [.callSeat(false)]
            }
            guard seat == "dispatcher" else { state.complain("handback dispatcher or handback call-handler"); return [] }
            guard state.role.dispatches else { state.complain("You are not dispatching."); return [] }
            state.role = state.role.dispatching(false)
            state.say("The engine dispatches again.")
            return [.dispatchSeat(areas: nil)]
        case "answer":
            return Update.answer(&state, floor)
        case "create", "dup", "advice", "transfer", "callback", "keep", "nores":
            return callCommand(verb, args, &state, floor)
        case "zoom":
            state.zoomed.toggle()
        case "help", "h":
            state.mode = .help
            state.helpScroll = 0
        case "quit", "q", "exit":
            state.mode = .confirmQuit
        default:
            let names = commands.map(\.name)
            let hint = names.min { distance(verb, $0) < distance(verb, $1) }.flatMap { distance(verb, $0) <= 2 ? " (did you mean :\($0)?)" : nil } ?? " (:help lists them)"
            state.complain("Unknown command '\(SafeText.clean(verb))'\(hint)")
        }
        return []
    }

    /// The call handler's decisions, typed: the same as the keys on the call's screen.
    static func callCommand(_ verb: String, _ args: [String], _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.handlerSeat != nil, var form = state.call, floor.call(at: state.handlerSeat) != nil else {
            state.complain("You are not on a call (n answers the next one)")
            return []
        }
        defer { state.call = form }
        switch verb {
        case "create":
            return Update.create(&form, &state)
        case "dup":
            guard let arg = args.first, let r = Int64(arg), let (id, _) = floor.incident(reference: r) else {
                state.complain("dup takes the reference of an open incident, such as dup 42")
                return []
            }
            return Update.link(id, reference: r, &state)
        case "advice":
            return Update.resolve(form, &state, floor)
        case "transfer":
            guard let arg = args.first?.lowercased(), let agency = Agency.allCases.first(where: { Wording.agency($0) == arg }) else {
                state.complain("transfer ambulance or transfer fire")
                return []
            }
            return Update.transfer(agency, &state)
        case "callback":
            return Update.callBack(&state)
        case "keep":
            return Update.keepLine(&state)
        default:
            return Update.closeSilent(&state)
        }
    }

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
        guard state.role.dispatches else { state.complain("Only the dispatcher does that (this seat: \(state.role.rawValue))"); return [] }
        var rest = args
        // A leading number is the incident's reference when more words follow it ("regrade 42 1",
        // "note 42 text"), or when the command takes nothing else ("warn 42"); "regrade 2" is a grade.
        let takesMore = ["regrade", "grade", "note", "close"].contains(verb)
        var named: String?
        if let first = rest.first, Int64(first) != nil, !takesMore || rest.count >= 2 {
            named = first
            rest.removeFirst()
        }
        guard let (id, reference) = incident(named, &state, floor) else { return [] }
        let ref = Floor.reference(reference)
        switch verb {
        case "stack":
            let reasons: [String: StackReason] = ["specialist": .awaitingSpecialist, "later": .callerRequestedLater,
                                                  "other": .other, "none": .noUnitAvailable]
            let reason = rest.first.flatMap { reasons[$0.lowercased()] } ?? .noUnitAvailable
            state.say("\(ref) stacked: \(Wording.stackReason(reason)).")
            return [.execute(.stack(id, reason: reason))]
        case "regrade", "grade":
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

    static func hint(_ word: String, _ candidates: [String]) -> String {
        let best = candidates.min { distance(word.uppercased(), $0.uppercased()) < distance(word.uppercased(), $1.uppercased()) }
        return best.flatMap { distance(word.uppercased(), $0.uppercased()) <= 2 ? "; did you mean \($0)?" : nil } ?? ""
    }

    static func filter(_ args: [String], _ state: inout ConsoleState, _ floor: Floor) {
        guard let what = args.first?.lowercased() else {
            state.complain("filter takes grade N, area NAME, status S, or clear")
            return
        }
        let rest = args.dropFirst().joined(separator: " ")
        switch what {
        case "clear", "off", "none":
            state.filter = IncidentFilter()
            state.say("Filters cleared.")
        case "grade":
            guard let n = Int(rest), let g = Grade(rawValue: n) else { state.complain("filter grade takes 1, 2, 3 or 4"); return }
            state.filter.grade = g
            state.say("Showing grade \(n) only.")
        case "area":
            guard let i = floor.config.areas.firstIndex(where: { $0.name.lowercased() == rest.lowercased() }) else {
                state.complain("No area '\(SafeText.clean(rest))'; areas: " + floor.config.areas.map { SafeText.clean($0.name) }.joined(separator: ", "))
                return
            }
            state.filter.area = i
            state.say("Showing \(floor.areaName(i)) only.")
        case "status":
            guard let s = IncidentStatus.allCases.first(where: { $0.rawValue == rest.lowercased() }) else {
                state.complain("filter status takes " + IncidentStatus.allCases.map(\.rawValue).joined(separator: ", "))
                return
            }
            state.filter.status = s
            state.say("Showing \(s.rawValue) incidents only.")
        default:
            state.complain("filter takes grade N, area NAME, status S, or clear")
        }
    }

    /// Completes the last word: a command name first, then callsigns, references, areas and
    /// words the command takes.
    public static func complete(_ input: String, _ floor: Floor) -> String {
        var words = input.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return input }
        let candidates: [String]
        if words.count == 1 {
            candidates = commands.map(\.name)
        } else {
            switch words[0].lowercased() {
            case "sort": candidates = ["risk", "age", "ref"]
            case "speed": candidates = Speed.factors.map(String.init)
            case "filter" where words.count == 2: candidates = ["grade", "area", "status", "clear"]
            case "filter" where words[1].lowercased() == "area": candidates = floor.config.areas.map(\.name)
            case "filter" where words[1].lowercased() == "status": candidates = IncidentStatus.allCases.map(\.rawValue)
            case "open": candidates = floor.world.incidents.live.map { String($0.element.reference) }
            case "close" where words.count >= 2: candidates = JobResult.named.map(\.name) + floor.world.incidents.live.map { String($0.element.reference) }
            case "refs" where words.count == 3: candidates = ["on", "off"]
            case "stack": candidates = ["specialist", "later", "other"] + floor.world.incidents.live.map { String($0.element.reference) }
            case "msgarea": candidates = floor.areaNames
            case "take" where words.count == 2: candidates = ["dispatcher", "call-handler"]
            case "handback": candidates = ["dispatcher", "call-handler"]
            case "transfer": candidates = Agency.allCases.map(Wording.agency)
            case "dup": candidates = floor.world.incidents.live.map { String($0.element.reference) }
            case "take": candidates = floor.areaNames
            default: candidates = floor.config.units.map(\.callsign) + floor.world.incidents.live.map { String($0.element.reference) } + ["all"]
            }
        }
        let matching = candidates.filter { $0.lowercased().hasPrefix(last.lowercased()) }.sorted()
        guard let first = matching.first else { return input }
        let completion = matching.count == 1 ? first + " " : commonPrefix(matching)
        guard completion.count >= last.count else { return input }
        words[words.count - 1] = completion
        return words.joined(separator: " ")
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count), cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
