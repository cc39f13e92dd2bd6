import DispatchEngine
import ReadModel

/// The incident list: reference, grade, type, place, age against target, status, units, and
/// markers for warnings (!) and linked duplicate calls (+N).
enum IncidentPane {
    static func draw(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let rows = floor.incidentRows(state.query)
        var title = "Incidents \(rows.count)  by \(state.order.rawValue)"
        if let g = state.filter.grade { title += "  grade \(g.rawValue)" }
        if let a = state.filter.area { title += "  \(floor.areaName(a))" }
        if let s = state.filter.status { title += "  \(s.rawValue)" }
        if !state.search.isEmpty { title += "  /\(state.search)" }
        let focused = state.focus == .incidents
        let inside = Render.box(&frame, rect, title: title, focused: focused, glyphs: state.glyphs)
        guard inside.height > 1, inside.width > 20 else { return }

        // Nine columns, each followed by a space; type, place and units share what is left.
        let fixed = 4 + 2 + 7 + 7 + 8 + 3 + 9
        let flexible = max(inside.width - fixed, 10)
        // The units column as wide as the callsigns it shows (within a quarter): the rest is the
        // place's, so a long location is shown whole where the screen allows.
        let unitsShown = rows.prefix(200).map { TextWidth.of(floor.units(of: $0)) }.max() ?? 0
        let unitsWidth = min(24, flexible / 4, max(5, unitsShown))
        // The type column no wider than the scenario's longest type name: the rest is the place's.
        let longestType = floor.typeNames.map { TextWidth.of($0) }.max() ?? 30
        let typeWidth = min(30, longestType, (flexible - unitsWidth) * 45 / 100)
        let placeWidth = flexible - unitsWidth - typeWidth
        let header = Render.cell("REF", 4) + " " + Render.cell("G", 2) + " " + Render.cell("TYPE", typeWidth) + " "
            + Render.cell("LOCATION", placeWidth) + " " + Render.cell("AGE", 7, alignRight: true) + " "
            + Render.cell("TARGET", 7, alignRight: true) + " " + Render.cell("STATUS", 8) + " "
            + Render.cell("UNITS", unitsWidth) + " " + "MKR"
        frame.put(header, row: inside.row, column: inside.column, limit: inside.width, style: CellStyle(.heading, bold: true))

        let visible = inside.height - 1
        if rows.isEmpty {
            frame.put(state.filter.isEmpty && state.search.isEmpty ? "No open incidents." : "No incidents match.",
                      row: inside.row + 1, column: inside.column + 1, limit: inside.width - 1, style: CellStyle(.dim))
            return
        }
        let selected = rows.position(ofReference: state.selectedIncident) ?? 0
        let start = Render.scrollStart(selected: selected, count: rows.count, height: visible)
        for (i, row) in rows[start..<min(rows.count, start + visible)].enumerated() {
            let r = inside.row + 1 + i
            var c = inside.column
            func put(_ text: String, _ width: Int, _ style: CellStyle = .normal, right: Bool = false) {
                frame.put(Render.cell(text, width, alignRight: right), row: r, column: c,
                          limit: inside.column + inside.width - c, style: style)
                c += width + 1
            }
            put(Floor.reference(row.reference), 4)
            if row.assisting != nil {
                put("UA", 2, CellStyle(.overdue, bold: true, reverse: true))
            } else {
                put("G\(row.grade.rawValue)", 2, CellStyle(Render.gradeInk(row.grade), bold: row.grade == .immediate))
            }
            let type = row.assisting.map { u in ["URGENT ASSISTANCE " + floor.callsign(u), "UA " + floor.callsign(u)] }
                ?? ShortForms.type(floor.type(of: row))
            put(ShortForms.fitted(type, typeWidth), typeWidth)
            put(ShortForms.fitted(ShortForms.place(floor.place(of: row)), placeWidth), placeWidth)
            let ageStyle = row.overdue ? CellStyle(.overdue, bold: true, reverse: true)
                : row.nearTarget ? CellStyle(.nearTarget, bold: true) : CellStyle.normal
            put(RoomClock.elapsed(row.age), 7, ageStyle, right: true)
            // Attended: met or missed, by the one definition the record and the reports use.
            let met = row.met(at: floor.now)
            let target = row.toTarget.map { $0 < 0 ? "OVER" + RoomClock.elapsed(-$0).prefix(3) : RoomClock.elapsed($0) }
                ?? (row.target == nil ? "-" : met == false ? "missed" : "met")
            put(row.overdue ? "OVERDUE" : target, 7, met == false && !row.overdue ? CellStyle(.overdue) : ageStyle, right: true)
            let status = row.status == .later ? row.deferredUntil.map { "til" + floor.clock.time($0).prefix(5) } ?? "later"
                : row.status == .back ? "BACK" : row.status.rawValue
            put(status, 8, row.status == .stacked ? CellStyle(.nearTarget, bold: true)
                : row.status == .back ? CellStyle(.nearTarget, bold: true, reverse: true) : .normal)
            put(floor.units(of: row), unitsWidth)
            var markers = row.warnings ? "!" : " "
            if row.duplicates > 0 { markers += "+\(min(row.duplicates, 9))" }
            put(markers, 3, CellStyle(.error, bold: true))
            if row.reference == state.selectedIncident || (state.selectedIncident == nil && i + start == 0) {
                frame.restyle(row: r, column: inside.column, count: inside.width) { s in
                    if focused { s.reverse = true } else { s.underline = true }
                }
            }
        }
    }
}

/// The resource board: units grouped by area, with a marker that reads without colour:
/// + available, > committed, R refreshments, - off duty, ! emergency, W welfare check overdue.
enum ResourcePane {
    /// The board's units in the order shown (and moved through): the seat's own areas first (an
    /// area's dispatcher works their own units), the rest as they come.
    static func rows(_ state: ConsoleState, _ floor: Floor) -> [UnitRow] {
        let all = floor.unitRows()
        guard !state.ownAreas.isEmpty else { return all }
        return all.filter { state.ownAreas.contains($0.area) } + all.filter { !state.ownAreas.contains($0.area) }
    }

    static func draw(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let rows = rows(state, floor)
        // The top bar's figures, from the one place (free of those on duty, not of the roster).
        let counts = floor.counts()
        let focused = state.focus == .resources
        let overdue = rows.filter(\.welfareOverdue).count
        let inside = Render.box(&frame, rect, title: "Resources \(counts.available) free of \(counts.onDuty) on duty" + (overdue > 0 ? "  welfare overdue \(overdue)" : ""),
                                focused: focused, glyphs: state.glyphs)
        guard inside.height > 1, inside.width > 20 else { return }

        // One line per area heading and per unit.
        var lines: [(text: String?, unit: UnitRow?)] = []
        var lastArea: String?
        for row in rows {
            if row.area != lastArea { lines.append((row.area, nil)); lastArea = row.area }
            lines.append((nil, row))
        }
        let selected = lines.firstIndex { $0.unit?.unit == state.selectedUnit } ?? 1
        let start = Render.scrollStart(selected: selected, count: lines.count, height: inside.height)
        let skillsWidth = max(0, inside.width - (1 + 1 + 7 + 1 + 6 + 1 + 16 + 1 + 4 + 1 + 7 + 1))
        for (i, line) in lines[start..<min(lines.count, start + inside.height)].enumerated() {
            let r = inside.row + i
            if let area = line.text {
                frame.put(area, row: r, column: inside.column, limit: inside.width, style: CellStyle(.heading, bold: true, underline: true))
                continue
            }
            guard let unit = line.unit else { continue }
            let ink = Wording.ink(unit.status)
            let style = CellStyle(ink, bold: unit.status == .emergency, reverse: unit.status == .emergency)
            var c = inside.column
            func put(_ text: String, _ width: Int, _ s: CellStyle, right: Bool = false) {
                frame.put(Render.cell(text, width, alignRight: right), row: r, column: c, limit: inside.column + inside.width - c, style: s)
                c += width + 1
            }
            put(unit.welfareOverdue ? "W" : Wording.marker(unit.status), 1,
                unit.welfareOverdue ? CellStyle(.overdue, bold: true, reverse: true) : style.with(bold: true))
            put(unit.callsign, 7, CellStyle(.normal, bold: true))
            let crew = unit.crew > 1 ? "x\(unit.crew)" : ""
            put(ShortForms.fitted([Wording.shortKind(unit.kind) + crew, ShortForms.kind(unit.kind) + crew], 6), 6, CellStyle(.dim))
            put(ShortForms.fitted(ShortForms.status(unit.status), 16), 16, style)
            put(unit.incident.map(Floor.reference) ?? "", 4, .normal)
            put(RoomClock.elapsed(unit.inStatus), 7, CellStyle(.dim), right: true)
            if skillsWidth > 3 { put(ShortForms.list(unit.skills.map(abbreviate), skillsWidth), skillsWidth, CellStyle(.dim)) }
            if unit.unit == state.selectedUnit || (state.selectedUnit == nil && start + i == 1) {
                frame.restyle(row: r, column: inside.column, count: inside.width) { s in
                    if focused { s.reverse = true } else { s.underline = true }
                }
            }
        }
    }

    static func abbreviate(_ skill: String) -> String {
        switch skill {
        case "advanced_driver": return "adv"
        case "taser": return "taser"
        case "firearms": return "AFO"
        case "public_order": return "PSU"
        case "first_aid": return "FA"
        case "dog_handler": return "dog"
        case "roads_policing": return "roads"
        default: return skill
        }
    }
}

/// The radio log: timestamped transmissions, newest at the bottom; emergencies stand out.
enum RadioPane {
    static func draw(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let lines = floor.radioLines(state.radioFilter)
        var title = "Radio"
        switch state.radioFilter {
        case .all: break
        case .unit(let u): title += "  \(floor.callsign(u)) only"
        case .incident(let r): title += "  \(Floor.reference(r)) only"
        }
        if state.radioBack > 0 { title += "  \(state.glyphs.up) \(state.radioBack) back" }
        let focused = state.focus == .radio
        let inside = Render.box(&frame, rect, title: title, focused: focused, glyphs: state.glyphs)
        guard inside.height > 0, inside.width > 20 else { return }
        if lines.isEmpty {
            frame.put("Quiet on the radio.", row: inside.row, column: inside.column + 1, limit: inside.width - 1, style: CellStyle(.dim))
            return
        }
        let cursor = max(lines.count - 1 - state.radioBack, 0)
        let end = cursor + 1
        let start = max(0, end - inside.height)
        for (i, entry) in lines[start..<end].enumerated() {
            let r = inside.row + i
            let t = entry.transmission
            let who = floor.callsign(t.unit)
            let compact = inside.width < 70
            // Narrow: "NF21 →" (to control) and "→ NF21" (from control); wide: "NF21 → CTRL".
            let arrow = compact
                ? (t.direction == .toControl ? "\(who) \(state.glyphs.toControl)" : "\(state.glyphs.toControl) \(who)")
                : (t.direction == .toControl ? "\(who) \(state.glyphs.toControl) CTRL" : "CTRL \(state.glyphs.toControl) \(who)")
            let emergency = t.message == .urgentAssistance
            let style = emergency ? CellStyle(.emergency, bold: true, reverse: true)
                : CellStyle(t.direction == .toControl ? .toControl : .fromControl)
            var c = inside.column
            let time = compact ? floor.clock.shortTime(entry.time) : floor.clock.time(entry.time)
            c += frame.put(time + " ", row: r, column: c, style: CellStyle(.dim))
            c += frame.put(Render.cell(arrow, compact ? 7 : 15) + " ", row: r, column: c, limit: inside.column + inside.width - c, style: style.with(bold: true))
            c += frame.put(Render.cell(entry.reference.map(Floor.reference) ?? "", 4) + " ", row: r, column: c,
                           limit: inside.column + inside.width - c, style: CellStyle(.dim))
            frame.put((emergency ? "!! " : "") + floor.words(entry), row: r, column: c, limit: inside.column + inside.width - c, style: style)
            if focused && start + i == cursor && state.radioBack > 0 {
                frame.restyle(row: r, column: inside.column, count: inside.width) { $0.underline = true }
            }
        }
    }
}
