import DispatchEngine
import ReadModel

/// Commands that change only what the console shows: the clock's speed, the list's order and
/// filters, the radio's, an incident's record, the help. Adding one here touches only this file.
extension ConsoleCommands {
    static let view: [ConsoleCommand] = [
        ConsoleCommand("pause", "pause the simulation", who: "anyone at a console of their own; the instructor on a floor") { _, state, _ in
            state.speed.paused = true
            state.say("Paused.")
            return []
        },
        ConsoleCommand("resume", aliases: ["run", "go"], "resume it", who: "anyone at a console of their own; the instructor on a floor") { _, state, _ in
            state.speed.paused = false
            state.say("Running at \(state.speed.label).")
            return []
        },
        ConsoleCommand("speed", forms: ["speed 1|2|5|10|20|30|60"], "set the speed", who: "anyone at a console of their own; the instructor on a floor",
                       completes: { _, _ in Speed.factors.map(String.init) }) { args, state, _ in
            guard let arg = args.first, let n = Int(arg.filter { $0 != "x" }),
                  let i = Speed.factors.firstIndex(of: n) else {
                state.complain("speed takes one of 1, 2, 5, 10, 20, 30, 60")
                return []
            }
            state.speed.index = i
            // A speed is not a start: a paused clock stays paused.
            state.say("Speed \(state.speed.label)" + (state.speed.paused ? "; still paused (space or :resume runs it)." : "."))
            return []
        },
        ConsoleCommand("foresee", "look two hours ahead now, in the background (the overview, S, shows it)",
                       detail: "Every 10 simulated minutes on its own while the overview is open") { _, state, floor in
            floor.foresight.ask()
            state.foreseeAsked = true
            state.say("Looking \(ForesightView.hours(floor.foresight.horizon)) ahead in \(floor.foresight.futures) futures, in the background: "
                      + "said here when ready, S shows the overview.")
            return []
        },
        ConsoleCommand("map", "the map in place of the radio log, and back (as M)") { _, state, floor in
            Update.toggleMap(&state)
            return []
        },
        ConsoleCommand("seek", forms: ["seek HH:MM", "seek +DUR", "seek -DUR"],
                       "replay: go to the nearest time of day, or on or back by a duration such as -15m",
                       detail: "In `controlroom replay` only; elsewhere it is refused") { args, state, floor in
            guard let arg = args.first else {
                state.complain("seek takes a time (19:30) or a move (+10m, -1h)")
                return []
            }
            return seek(arg, &state, floor)
        },
        ConsoleCommand("open", aliases: ["o"], forms: ["open REF"], "open an incident's record",
                       detail: "Open, or closed earlier in the session",
                       completes: { _, floor in openReferences(floor) }) { args, state, floor in
            guard let arg = args.first, let r = Int64(arg) else {
                state.complain("open takes an incident reference, such as open 42")
                return []
            }
            Update.openDetail(r, &state, floor)
            return []
        },
        ConsoleCommand("filter", aliases: ["f"], forms: ["filter grade N", "filter area NAME", "filter status S", "filter clear"],
                       "filter the incident list", completes: { words, floor in
            if words.count == 2 { return ["grade", "area", "status", "clear"] }
            switch words[1].lowercased() {
            case "area": return floor.config.areas.map(\.name)
            case "status": return IncidentStatus.allCases.map(\.rawValue)
            default: return []
            }
        }) { args, state, floor in
            filter(args, &state, floor)
            return []
        },
        ConsoleCommand("search", aliases: ["s"], forms: ["search TEXT"], "search incidents (no text: clear)") { args, state, _ in
            state.search = SafeText.clean(args.joined(separator: " "))
            state.say(state.search.isEmpty ? "Search cleared." : "Searching for '\(state.search)'.")
            return []
        },
        ConsoleCommand("alerts", forms: ["alerts", "alerts quiet|bell"], "the alerts raised, newest first; quiet: no bell, bell: the bell again",
                       completes: { _, _ in ["quiet", "bell"] }) { args, state, floor in
            switch args.first?.lowercased() {
            case "quiet"?:
                state.alerts.quiet = true
                state.say("Alerts without the bell (they are still raised and listed).")
            case "bell"?:
                state.alerts.quiet = false
                state.say("Alerts ring the bell.")
            case nil:
                let seen: [ConsoleEffect] = state.alerts.unseen == nil ? [] : [.alertsSeen(state.alerts.list.count)]
                state.alerts.unseen = nil
                let list = state.alerts.list.reversed().map { "\(floor.clock.time($0.at))  \(SafeText.clean($0.text))" }
                state.debriefLines = ["\(state.alerts.list.count) alert(s) this session" + (state.alerts.quiet ? " (bell off)" : ""), ""]
                    + (list.isEmpty ? ["  none yet"] : list.map { "  " + $0 })
                state.overlayTitle = "Alerts"
                state.helpScroll = 0
                state.mode = .debrief
                return seen
            case let other?:
                state.complain("alerts, alerts quiet or alerts bell; not '\(other)'")
            }
            return []
        },
        ConsoleCommand("messages", forms: ["messages"], "what the status line has said this session, newest first (refusals marked)") { _, state, floor in
            let said = state.messages.entries
            state.debriefLines = ["\(said.count) message(s) this session" + (said.count == MessageLog.kept ? " (the last \(MessageLog.kept))" : ""), ""]
                + (said.isEmpty ? ["  none yet"] : said.reversed().map { entry in
                    // A refusal in the error colour (the overlay's "  - " lines), news plain.
                    (entry.isError ? "  - " : "    ") + floor.clock.time(entry.at) + "  " + SafeText.clean(entry.text)
                        + (entry.times > 1 ? "  (\(entry.times) times)" : "")
                })
            state.overlayTitle = "Messages"
            // Read here now: the last one is not left on the line, as if the answer to this.
            state.message = nil
            state.helpScroll = 0
            state.mode = .debrief
            return []
        },
        ConsoleCommand("sort", forms: ["sort risk|age|ref"], "order the incident list",
                       completes: { _, _ in ["risk", "age", "ref"] }) { args, state, _ in
            let names: [String: IncidentOrder] = ["risk": .risk, "age": .age, "ref": .reference, "reference": .reference]
            guard let arg = args.first?.lowercased(), let order = names[arg] else {
                state.complain("sort takes risk, age or ref")
                return []
            }
            state.order = order
            state.say("Incidents ordered by \(order.rawValue).")
            return []
        },
        ConsoleCommand("radio", forms: ["radio CALLSIGN", "radio REF", "radio all"], "show one unit's or incident's radio traffic",
                       completes: { _, floor in unitsAndReferences(floor) + ["all"] }) { args, state, floor in
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
            return []
        },
        ConsoleCommand("zoom", "zoom the focused pane") { _, state, _ in
            state.zoomed.toggle()
            return []
        },
        ConsoleCommand("help", aliases: ["h"], "the keys and commands") { _, state, _ in
            Update.openHelp(&state)
            return []
        },
        ConsoleCommand("quit", aliases: ["q", "exit"], "quit (asks first)") { _, state, _ in
            state.mode = .confirmQuit
            return []
        },
    ]

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
                state.complain("No area '\(SafeText.clean(rest))'; areas: " + floor.areaNames.joined(separator: ", "))
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

    /// References of the open incidents, for completion.
    static func openReferences(_ floor: Floor) -> [String] {
        floor.world.incidents.live.map { String($0.element.reference) }
    }

    /// Callsigns and open references, for completion.
    static func unitsAndReferences(_ floor: Floor) -> [String] {
        floor.config.units.map(\.callsign) + openReferences(floor)
    }
}
