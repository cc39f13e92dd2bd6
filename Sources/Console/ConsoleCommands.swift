import DispatchEngine

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
        Command(name: "open", usage: "open REF", description: "open an incident's record"),
        Command(name: "filter", usage: "filter grade N | area NAME | status S | clear", description: "filter the incident list"),
        Command(name: "search", usage: "search TEXT", description: "search incidents (no text: clear)"),
        Command(name: "sort", usage: "sort risk|age|ref", description: "order the incident list"),
        Command(name: "radio", usage: "radio CALLSIGN | REF | all", description: "show one unit's or incident's radio traffic"),
        Command(name: "ack", usage: "ack [CALLSIGN]", description: "acknowledge an emergency button alarm"),
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
