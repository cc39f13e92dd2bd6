import DispatchEngine
import ReadModel
import Foundation

/// The supervisor's overview of the whole floor, drawn over the middle of the screen.
enum SupervisorView {
    static func draw(_ frame: inout Frame, _ area: Rect, _ state: ConsoleState, _ floor: Floor) {
        for r in area.row..<(area.row + area.height) { frame.fill(row: r, column: area.column, count: area.width, style: .normal) }
        let inside = Render.box(&frame, area, title: "Supervisor overview  (S or Esc to close)", focused: true, glyphs: state.glyphs)
        let lines = shown(state, floor, width: inside.width - 2)
        // Scrolls (j/k, PgUp/PgDn) when the overview is taller than the screen, as at 80x24.
        let start = min(state.overviewScroll, max(0, lines.count - inside.height))
        if lines.count > inside.height {
            let more = "[\(start + 1)-\(min(lines.count, start + inside.height)) of \(lines.count), j/k to scroll]"
            frame.put(more, row: area.row, column: area.column + max(1, area.width - TextWidth.of(more) - 2), style: CellStyle(.dim))
        }
        for (i, line) in lines.dropFirst(start).prefix(inside.height).enumerated() {
            frame.put(line.text, row: inside.row + i, column: inside.column + 1, limit: inside.width - 1, style: line.style)
        }
    }

    /// The overview's lines as drawn `width` wide: a line too long goes on below, indented, broken
    /// between its figures (two spaces apart), else between words; never cut at the edge.
    static func shown(_ state: ConsoleState, _ floor: Floor, width: Int) -> [Line] {
        lines(state, floor, width: width).flatMap { line -> [Line] in
            guard TextWidth.of(line.text) > width, width > 20 else { return [line] }
            var out: [Line] = [], current = ""
            func add(_ piece: String, joiner: String) {
                let next = current.isEmpty ? piece : current + joiner + piece
                if TextWidth.of(next) > width, !current.isEmpty {
                    out.append(Line(text: current, style: line.style))
                    current = "   " + piece
                } else {
                    current = next
                }
            }
            for group in line.text.components(separatedBy: "  ") where !group.isEmpty {
                if TextWidth.of(group) + 3 > width {
                    for (k, word) in group.split(separator: " ").enumerated() { add(String(word), joiner: k == 0 ? "  " : " ") }
                } else {
                    add(group.trimmingCharacters(in: .whitespaces), joiner: "  ")
                }
            }
            if !current.isEmpty { out.append(Line(text: current, style: line.style)) }
            return out
        }
    }

    struct Line {
        var text: String
        var style: CellStyle = .normal
    }

    static func lines(_ state: ConsoleState, _ floor: Floor, width: Int) -> [Line] {
        let stats = floor.simulation.statistics
        let world = floor.world
        var out: [Line] = []
        func heading(_ text: String) { out.append(Line(text: text, style: CellStyle(.heading, bold: true, underline: true))) }
        func pct(_ part: Int, _ whole: Int) -> String { whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole)) }

        heading("Calls")
        let figures = OverviewFigures(floor)
        func pct(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "-" }
        out.append(Line(text: "999 answered within 10 s  \(pct(figures.within10sPercent))  (standard 90%)"
                        + "   bands <10s \(pct(figures.bands.under10))  10-60s \(pct(figures.bands.to60))  >60s \(pct(figures.bands.over60))",
                        style: (figures.within10sPercent ?? 100) < 90 ? CellStyle(.overdue, bold: true) : CellStyle(.available)))
        let counts = floor.counts()
        out.append(Line(text: "101 mean wait \(figures.mean101.map(RoomClock.elapsed) ?? "-")   abandoned 999 \(pct(figures.abandoned999Percent))  101 \(pct(figures.abandoned101Percent))"
                        + "   waiting now 999:\(counts.waiting999) 101:\(counts.waiting101)"
                        + (counts.waiting999 + counts.waiting101 > 0 ? " longest \(RoomClock.elapsed(counts.longestWait))" : "")))

        // A caller held at the seat of someone whose console is gone: back in the queue when the
        // seat is freed, and said until then.
        for held in floor.callsHeldByAbsent() {
            let away = max(0, Int(Date().timeIntervalSince1970 - held.awaySince))
            let who = held.line.isPhone ? "\(held.line.number) CALLER" : held.line.contact.uppercased()
            out.append(Line(text: "\(who) HELD BY AN ABSENT HANDLER: \(SafeText.clean(held.person))'s console gone \(away) s"
                            + " (call \(held.number), \(RoomClock.elapsed(floor.now - held.rangAt)) since it rang); back in the queue when the seat is freed",
                            style: CellStyle(.overdue, bold: true)))
        }

        // Digital contact, where the scenario has it: each line against its standard, and the queue.
        let digital = DispatchEngine.Line.digital.filter { stats.lines[$0.rawValue].offered > 0 }
        if !digital.isEmpty {
            let waiting = floor.waitingContacts()
            let past = waiting.filter { ($0.due ?? 1) < 0 }.count
            out.append(Line(text: "digital in standard " + digital.map { line in
                let l = stats.lines[line.rawValue]
                // Judged once replied to, gone, or waiting past the standard (as the report).
                let pastOn = waiting.filter { $0.line == line && ($0.due ?? 1) < 0 }.count
                return "\(line.number) \(pct(l.withinStandard, l.answered + l.abandoned + pastOn))"
            }.joined(separator: "  ") + "   waiting \(waiting.count)" + (past > 0 ? ", \(past) past standard" : ""),
                            style: past > 0 ? CellStyle(.overdue, bold: true) : .normal))
        }

        out.append(Line(text: ""))
        heading("Incidents")
        out.append(Line(text: "grade 1 attended within target \(pct(figures.attendance[0].withinTargetPercent))   mean attendance "
                        + (1...3).map { g in "G\(g) " + (figures.attendance[g - 1].mean.map(RoomClock.elapsed) ?? "-") }.joined(separator: "  ")))
        let rows = floor.incidentRows(IncidentQuery())
        var byStatus: [String] = []
        for s in IncidentStatus.allCases {
            let n = rows.filter { $0.status == s }.count
            if n > 0 { byStatus.append("\(s.rawValue) \(n)") }
        }
        out.append(Line(text: "open G1:\(figures.openByGrade[0]) G2:\(figures.openByGrade[1]) G3:\(figures.openByGrade[2]) G4:\(figures.openByGrade[3])   " + byStatus.joined(separator: ", ")))
        let overdue = figures.overdue
        out.append(Line(text: "overdue: \(overdue.count)" + (overdue.isEmpty ? "" : "  " + overdue.prefix(8).map { Floor.reference($0.reference) + " G\($0.grade.rawValue)" }.joined(separator: ", ")),
                        style: overdue.isEmpty ? .normal : CellStyle(.overdue, bold: true)))
        let stacked = rows.filter { $0.status == .stacked || $0.status == .new }.sorted { $0.age > $1.age }
        out.append(Line(text: "waiting for units, oldest first: " + (stacked.isEmpty ? "none"
                        : stacked.prefix(8).map { "\(Floor.reference($0.reference)) G\($0.grade.rawValue) \(RoomClock.elapsed($0.age))"
                            + ($0.status == .stacked ? ($0.stackReason.map { " " + Wording.stackShort($0) } ?? "") : "") }.joined(separator: ", ")),
                        style: stacked.isEmpty ? .normal : CellStyle(.nearTarget, bold: true)))
        let a = state.alerts
        out.append(Line(text: "alerts raised: \(a.list.count)  (" + Alert.Kind.allCases.map { "\($0.rawValue) \(a.count($0))" }.joined(separator: ", ")
                        + ")" + (a.quiet ? "  bell off" : "")))

        out.append(Line(text: ""))
        heading("Coverage: demand a free response or neighbourhood unit reaches within the grade-1 target, now and by hour")
        let coverage = floor.coverage()
        let hours = floor.history.coveragePerHour.suffix(12)
        for c in coverage {
            guard let share = c.share else { continue }
            let series = hours.map { row in row.indices.contains(c.area) ? Int(((row[c.area] ?? 0) * 100).rounded()) : 0 }
            let low = share < 0.5
            // What the free specialists would add is said apart: they are kept for their own work.
            let extra = c.withSpecialists.flatMap { $0 > share + 0.005 ? "  (+specialists \(Int(($0 * 100).rounded()))%)" : nil } ?? ""
            out.append(Line(text: Render.cell(floor.areaName(c.area), 18) + Render.cell("\(Int((share * 100).rounded()))%", 6)
                            + Sparkline.draw(series + [100], unicode: state.glyphs == .unicode).dropLast() + (low ? "  thin" : "") + extra,
                            style: low ? CellStyle(.nearTarget, bold: true) : .normal))
        }

        out.append(Line(text: ""))
        out += ForesightView.lines(state, floor)

        out.append(Line(text: ""))
        heading("Units by area")
        for (a, name) in floor.areaNames.enumerated() {
            let here = floor.config.units.indices.filter { floor.config.units[$0].area == a }.map { world.units[$0].status }
            guard !here.isEmpty else { continue }
            let free = here.filter(\.isAvailable).count, refs = here.filter { $0 == .refreshments }.count
            let off = here.filter { $0 == .offDuty }.count, emergency = here.filter { $0 == .emergency }.count
            let committed = here.count - free - refs - off - emergency
            out.append(Line(text: Render.cell(name, 18) + "free \(free)  committed \(committed)  refs \(refs)  off duty \(off)"
                            + (emergency > 0 ? "  EMERGENCY \(emergency)" : ""),
                            style: emergency > 0 ? CellStyle(.emergency, bold: true) : (free == 0 && here.count > off ? CellStyle(.nearTarget) : .normal)))
        }
        let welfare = world.welfareOverdue
        out.append(Line(text: "welfare checks overdue: " + (welfare.isEmpty ? "none" : welfare.prefix(10).map { u in
                            "\(floor.callsign(u)) \(RoomClock.elapsed(floor.now - world.units[Int(u)].welfareDueAt!))"
                        }.joined(separator: ", ")),
                        style: welfare.isEmpty ? .normal : CellStyle(.overdue, bold: true)))
        // The alarm stays until a unit is with the officer and the officer is safe, not only
        // until someone acknowledged it.
        let alarms = floor.assistanceOpen().map { a in
            "\(floor.callsign(a.officer)) URGENT ASSISTANCE \(RoomClock.elapsed(floor.now - a.since)) "
                + (a.acknowledged ? "acknowledged" : "UNACKNOWLEDGED") + ", "
                + (a.unitsThere > 0 ? "a unit with the officer" : a.unitsSent > 0 ? "\(a.unitsSent) sent, none there yet" : "NO UNIT SENT")
                + (a.officerSafe ? ", officer safe" : ", officer not yet safe")
        }
        out.append(Line(text: "alerts: " + (alarms.isEmpty ? "no emergency raised" : alarms.joined(separator: "; ")),
                        style: alarms.isEmpty ? .normal : CellStyle(.emergency, bold: true, reverse: true)))

        out.append(Line(text: ""))
        heading("Workload")
        let load = floor.simulation.workload.byOperator
        func row(_ name: String, _ l: OperatorLoad?, dispatches: Bool, handles: Bool, person: Bool = false) {
            let l = l ?? OperatorLoad()
            let text = Render.cell(name, 22)
                + Render.cell(handles ? "\(l.callsTaken)" : "-", 7, alignRight: true)
                + Render.cell(handles ? (l.meanTimeOnCall.map(RoomClock.elapsed) ?? "-") : "-", 9, alignRight: true)
                + Render.cell(handles ? "\(l.incidentsCreated)" : "-", 9, alignRight: true)
                + Render.cell(dispatches ? "\(l.incidentsDispatched)" : "-", 11, alignRight: true)
                + Render.cell(dispatches ? (l.meanTimeToDispatch.map(RoomClock.elapsed) ?? "-") : "-", 10, alignRight: true)
                + Render.cell(person ? "\(l.actions)" : "-", 9, alignRight: true)
            out.append(Line(text: text, style: person ? CellStyle(.normal, bold: true) : .normal))
        }
        out.append(Line(text: Render.cell("operator", 22) + Render.cell("calls", 7, alignRight: true) + Render.cell("per call", 9, alignRight: true)
                        + Render.cell("created", 9, alignRight: true) + Render.cell("dispatched", 11, alignRight: true)
                        + Render.cell("to send", 10, alignRight: true) + Render.cell("actions", 9, alignRight: true), style: CellStyle(.dim)))
        let named = floor.simulation.people.enumerated().filter { !$0.element.isEmpty && load[.person($0.offset)] != nil }
        if floor.people.isEmpty && named.count > 1 || (floor.people.isEmpty && state.readOnly != nil && !named.isEmpty) {
            // A floor's record watched or replayed: everyone who worked on it, by name.
            for (i, name) in named {
                let l = load[.person(i)]!
                row(SafeText.clean(name), l, dispatches: l.incidentsDispatched > 0, handles: l.callsTaken > 0, person: true)
            }
        } else if floor.people.isEmpty {
            if state.role != .supervisor || load[.you] != nil {
                let me = floor.simulation.people[0].isEmpty ? "you (" + state.role.rawValue + ")"
                    : SafeText.clean(floor.simulation.people[0]) + " (you, " + state.role.rawValue + ")"
                row(me, load[.you], dispatches: state.role.dispatches, handles: state.role.handlesCalls, person: true)
            }
        } else {
            // A floor of many consoles: each person on it by name, with their seat; and those who
            // worked this session and have left.
            for person in floor.people {
                let index = floor.simulation.people.firstIndex(of: person.name)
                row(SafeText.clean(person.name) + (person.name == state.personName ? " (you)" : "") + " " + person.seat,
                    index.flatMap { load[.person($0)] }, dispatches: person.dispatches, handles: person.handlesCalls, person: true)
            }
            for (i, name) in floor.simulation.people.enumerated() where !name.isEmpty && !floor.people.contains(where: { $0.name == name }) {
                guard let l = load[.person(i)], l.actions + l.callsTaken + l.incidentsDispatched > 0 else { continue }
                row(SafeText.clean(name) + " (left)", l, dispatches: l.incidentsDispatched > 0, handles: l.callsTaken > 0, person: true)
            }
        }
        // The engine's dispatcher when it plays a seat, or played one earlier in the session.
        if floor.simulation.dispatcher != nil || load[.automatedDispatcher] != nil {
            row("engine dispatcher", load[.automatedDispatcher], dispatches: true, handles: false)
        }
        var engineCalls = OperatorLoad()
        for (actor, l) in load { if case .automatedHandler = actor { engineCalls.callsTaken += l.callsTaken; engineCalls.timeOnCalls += l.timeOnCalls; engineCalls.incidentsCreated += l.incidentsCreated } }
        let onDuty = world.handlers.filter { $0.onDuty && !$0.isPerson }.count
        let busy = world.handlers.filter { $0.call != nil && !$0.isPerson }.count
        row("engine call handlers", engineCalls, dispatches: false, handles: true)
        out.append(Line(text: "  \(onDuty) on duty, \(busy) on a call now; calls each: "
                        + (world.handlers.indices.compactMap { h -> String? in
                            guard !world.handlers[h].isPerson, let l = load[.automatedHandler(HandlerIndex(h))] else { return nil }
                            return "\(l.callsTaken)"
                        }.joined(separator: " ")), style: CellStyle(.dim)))
        let dispatch: String
        if let engine = floor.simulation.dispatcher {
            dispatch = engine.leaveToPerson.isEmpty ? "the engine, every area"
                : "a person for " + engine.leaveToPerson.sorted().map { floor.areaName($0) }.joined(separator: ", ") + ", the engine for the rest"
        } else {
            dispatch = "a person, every area"
        }
        out.append(Line(text: "dispatch: " + dispatch
                        + "; incidents created \(world.incidentsCreated), closed \(world.incidentsClosed)"))

        out.append(Line(text: ""))
        heading("Shift so far, by hour")
        let width = max(10, min(width - 22, 120))
        let calls = Array(floor.history.callsPerHour.suffix(width))
        let free = Array(floor.history.fewestFreePerHour.suffix(width))
        out.append(Line(text: Render.cell("calls an hour", 20) + Sparkline.draw(calls, unicode: state.glyphs == .unicode)
                        + "  peak \(calls.max() ?? 0)", style: CellStyle(.toControl)))
        out.append(Line(text: Render.cell("fewest units free", 20) + Sparkline.draw(free, unicode: state.glyphs == .unicode)
                        + "  low \(free.min() ?? 0)", style: CellStyle(.available)))
        // Which hour each bar is: the wall clock's hour under the bars, every few hours.
        let firstHour = floor.history.callsPerHour.count - calls.count
        out.append(Line(text: Render.cell("hour", 20) + Sparkline.hourLabels(count: calls.count, firstHour: firstHour,
                                                                           startHour: Int(floor.config.calendar.timeOfDay / Clock.hour)),
                        style: CellStyle(.dim)))
        return out
    }
}
