import DispatchEngine
import ReadModel
import Foundation

/// The whole record of one incident: caller, location and warnings, type, grade and target,
/// units and their times, the timeline and the narrative.
public enum DetailView {
    static func draw(_ frame: inout Frame, _ area: Rect, _ reference: Int64, _ state: ConsoleState, _ floor: Floor) {
        let lines = self.lines(reference, floor, width: area.width - 3)
        for r in area.row..<(area.row + area.height) { frame.fill(row: r, column: area.column, count: area.width, style: .normal) }
        let inside = Render.box(&frame, area, title: "Incident \(Floor.reference(reference))  (Esc to close, j/k to scroll)",
                                focused: true, glyphs: state.glyphs)
        let start = min(state.detailScroll, max(0, lines.count - inside.height))
        // Wide enough, a map of where it is and where its units are takes the right-hand side.
        let open = floor.incident(reference: reference)
        let mapWidth = inside.width >= 150 && inside.height >= 14 && !floor.config.places.isEmpty && open != nil ? 44 : 0
        let mapRows = mapWidth > 0 ? min(16, inside.height) : 0
        for (i, line) in lines.dropFirst(start).prefix(inside.height).enumerated() {
            frame.put(line.text, row: inside.row + i, column: inside.column + 1,
                      limit: inside.width - 1 - (i < mapRows ? mapWidth : 0), style: line.style)
        }
        if mapWidth > 0, let (id, incident) = open {
            let rect = Rect(row: inside.row, column: inside.column + inside.width - mapWidth, width: mapWidth, height: mapRows)
            whereItIs(&frame, rect, id, incident, state, floor)
        }
    }

    /// The incident (its grade), the units on it and the three recommended, each where it is now,
    /// with a line from the incident to each; north and a scale.
    static func whereItIs(_ frame: inout Frame, _ rect: Rect, _ id: IncidentID, _ incident: Incident, _ state: ConsoleState, _ floor: Floor) {
        // (The record cleared its area, and keeps its text clear of this box.)
        let inside = Render.box(&frame, rect, title: "Where", focused: false, glyphs: state.glyphs)
        let at = floor.config.places[Int(incident.place)].position
        let attached = floor.world.units.indices.filter { floor.world.units[$0].incident == id }.map(UnitIndex.init)
        let recommended = floor.recommendations(for: id).prefix(3).map(\.unit)
        let units = attached + recommended.filter { !attached.contains($0) }
        let far = units.map { floor.world.units[Int($0)].position(at: floor.now, roads: floor.world.config.roads).distance(to: at) }.max() ?? 0
        let columns = inside.width, rows = inside.height
        let aspect = Double(columns * 2) / Double(rows * 4)
        let km = max(far * 2 * 1.25 * max(aspect, 1), 2)
        func dot(_ p: Position) -> (x: Int, y: Int) { MapView.dot(p, centre: at, kmAcross: km, columns: columns, rows: rows) }
        var canvas = MapCanvas(columns: columns, rows: rows, braille: state.glyphs == .unicode)
        for place in floor.config.places.prefix(floor.config.addressCount) {
            let d = dot(place.position)
            canvas.dot(d.x, d.y, .dim)
        }
        let centre = dot(at)
        for u in units {
            let position = floor.world.units[Int(u)].position(at: floor.now, roads: floor.world.config.roads)
            let d = dot(position)
            canvas.line(centre.x, centre.y, d.x, d.y, attached.contains(u) ? .committed : .selected)
            if let (mark, style) = MapPane.unitMark(floor.world.units[Int(u)].status) {
                canvas.mark(atDot: d.x, d.y, mark, style, rank: 4)
                canvas.label(floor.callsign(u), column: d.x / 2 + 1, row: d.y / 4, CellStyle(.dim), rank: 2)
            }
        }
        canvas.mark(atDot: centre.x, centre.y, String(incident.grade.rawValue), CellStyle(Render.gradeInk(incident.grade), bold: true, reverse: true), rank: 9)
        canvas.north(state.glyphs)
        canvas.scaleBar(kmAcross: km, within: max(columns / 3, 3), column: 0, state.glyphs)
        canvas.draw(&frame, row: inside.row, column: inside.column)
    }

    struct Line {
        var text: String
        var style: CellStyle = .normal
    }

    /// The record's text as the screen shows it (the audit reads the record from here).
    public static func text(_ reference: Int64, _ floor: Floor) -> [String] { lines(reference, floor).map(\.text) }

    /// `width`: the columns the record has on screen (nil: as wide as it needs, as the audit
    /// and exports read it); a narrow screen gets the recommendations in their short form.
    static func lines(_ reference: Int64, _ floor: Floor, width: Int? = nil) -> [Line] {
        let clock = floor.clock
        var out: [Line] = []
        let open = floor.incident(reference: reference)
        let story = floor.incidents.entry(reference: reference)?.narrative ?? []

        var opening: (callNumber: Int64, line: DispatchEngine.Line, grade: Grade, type: Int32, caller: String?)?
        if case let .opened(_, number, line, grade, type, caller)? = story.first?.fact {
            opening = (number, line, grade, type, caller)
        }
        func field(_ name: String, _ value: String, _ style: CellStyle = .normal) {
            out.append(Line(text: Render.cell(name, 11) + value, style: style))
        }

        let entry = floor.incidents.entry(reference: reference)
        // Open or closed, the record is the same: what the world holds while it is open, what
        // the log kept once it has closed.
        let type = open?.1.type ?? entry?.closingType ?? entry?.type ?? opening?.type
        let grade = open?.1.grade ?? entry?.grade ?? opening?.grade
        let placeIndex = open?.1.place ?? entry?.place
        guard let type, let grade, let placeIndex else { return out }
        let place = floor.config.places.isEmpty ? nil : floor.config.places[Int(placeIndex)]
        let closed = open == nil
        let closing = closed ? "  (CLOSED" + (entry?.closedAt.map { " at " + clock.time($0) } ?? "") + ")" : ""
        // The incident's facts are the ledger's (`IncidentLog`), read by every view alike.
        let targetAt = entry?.targetAt
        let createdAt = entry?.openedAt ?? open?.1.createdAt ?? 0
        if let officer = entry?.assisting ?? open?.1.assisting {
            // An officer's emergency is its own kind: above every grade, with no grade's target.
            field("Type", "URGENT ASSISTANCE for \(floor.callsign(officer)) (emergency button)" + closing, CellStyle(.emergency, bold: true))
            field("Priority", "above every grade: units go until one is with the officer and the officer is safe", CellStyle(.emergency, bold: true))
        } else {
            field("Type", floor.typeName(type) + closing, CellStyle(.normal, bold: true))
            let target = targetAt.map { RoomClock.elapsed($0 - createdAt) } ?? "none"
            let rural = place.map { floor.config.areas[$0.area].rural } ?? false
            field("Grade", "\(grade.rawValue) \(Wording.grade(grade)), attendance target \(target)"
                  + (grade == .immediate ? (rural ? " (rural)" : " (urban)") : ""),
                  CellStyle(Render.gradeInk(grade), bold: true))
        }
        field("Location", floor.placeName(placeIndex) + (place.map { " - " + floor.areaName($0.area) } ?? ""))
        if let markers = place?.markers, !markers.isEmpty {
            field("Warnings", markers.map(SafeText.clean).joined(separator: "; "), CellStyle(.error, bold: true))
        } else {
            field("Warnings", "none on the address")
        }
        if let o = opening {
            let caller = o.caller ?? "not recorded"
            field("Caller", caller)
            field("Call", "\(o.line.number) call \(o.callNumber)")
        }
        if let assessment = story.lazy.compactMap({ entry -> Assessment? in
            if case .assessed(let a) = entry.fact { return a } else { return nil }
        }).first {
            if !assessment.caller.isEmpty { field("Recorded", "caller: " + SafeText.clean(assessment.caller)) }
            for (name, text) in zip(Wording.thrive, assessment.thrive) where !text.isEmpty {
                field(name == "Threat" ? "THRIVE" : "", Render.cell(name, 14) + SafeText.clean(text))
            }
            if !assessment.vulnerability.isEmpty {
                field("Vulnerable", Wording.vulnerability(assessment.vulnerability), CellStyle(.nearTarget, bold: true))
            }
            if !assessment.narrative.isEmpty { field("Account", SafeText.clean(assessment.narrative)) }
        }
        let duplicates = open.map { Int($0.1.duplicateCalls) } ?? entry?.duplicateCalls ?? 0
        if duplicates > 0 { field("Duplicates", "\(duplicates) further caller(s) linked") }
        let firstAssigned = entry?.firstAssignedAt
        let firstArrived = entry?.firstArrivedAt
        let end = entry?.closedAt ?? floor.now
        var status = closed ? "closed" + (entry?.result.map { ", " + Wording.result($0) } ?? "") + ", open for \(RoomClock.elapsed(end - createdAt))"
            : "age \(RoomClock.elapsed(floor.now - createdAt))"
        if let arrived = firstArrived {
            let met = entry?.metTarget(at: end)
            status += ", attended in \(RoomClock.elapsed(arrived - createdAt))" + (met.map { $0 ? " (target met)" : " (target missed)" } ?? "")
        } else if let t = targetAt, !closed {
            status += t >= floor.now ? ", \(RoomClock.elapsed(t - floor.now)) to target" : ", OVERDUE by \(RoomClock.elapsed(floor.now - t))"
        }
        let overdue = !closed && targetAt.map { $0 < floor.now && firstArrived == nil } == true
        field("Status", status, overdue ? CellStyle(.overdue, bold: true) : closed ? CellStyle(.dim) : .normal)
        if let (_, incident) = open {
            var units: [String] = []
            for (u, unit) in floor.world.units.enumerated() where unit.incident.map({ floor.world.incident($0)?.reference }) == reference {
                let send = entry?.sends.last { $0.unit == UnitIndex(u) && !$0.withdrawn }
                let early = send.flatMap { $0.arrivedAt == nil ? $0.bookedAtScene : nil }
                units.append("\(floor.callsign(UnitIndex(u))) state \(unit.status.rawValue) \(Wording.status(unit.status)) since \(clock.time(unit.statusSince))"
                             + (early.map { " (booked by control" + (Wording.who($0.by).map { ", " + $0 } ?? "") + "; not there yet)" } ?? ""))
            }
            field("Units", units.isEmpty ? "none yet (\(incident.unitsWanted) wanted)" : units[0])
            for more in units.dropFirst() { field("", more) }
        } else {
            let sent = entry?.unitsSent ?? []
            field("Units", sent.isEmpty ? "none sent" : "sent: " + sent.map(floor.callsign).joined(separator: ", "))
        }
        let times = ["opened " + clock.time(createdAt),
                     "first assigned " + (firstAssigned.map(clock.time) ?? "-"),
                     "first at scene " + (firstArrived.map(clock.time) ?? "-"),
                     "closed " + (entry?.closedAt.map(clock.time) ?? "-")]
        field("Timeline", times.joined(separator: "  "))
        if closed { field("", ":reopen \(Floor.reference(reference)) opens it again; :note \(Floor.reference(reference)) TEXT adds to it", CellStyle(.dim)) }

        if let (id, incident) = open, incident.grade.deploys {
            out.append(Line(text: ""))
            out.append(contentsOf: recommendations(id, incident, floor, width: width))
        }
        out.append(Line(text: ""))
        out.append(Line(text: "Narrative", style: CellStyle(.heading, bold: true, underline: true)))
        for entry in story {
            out.append(Line(text: clock.time(entry.time) + "  " + NarrativeWords.line(entry, floor)))
        }
        return out
    }

    /// The engine's ranked list of suitable units, numbered for the keys 1-9.
    static func recommendations(_ id: IncidentID, _ incident: Incident, _ floor: Floor, width: Int? = nil) -> [Line] {
        let narrow = (width ?? .max) < 110
        let type = floor.config.incidentTypes[Int(incident.type)]
        var needs: [String] = []
        if !type.requires.isEmpty { needs.append("skills: " + type.requires.names.joined(separator: ", ")) }
        if type.violent { needs.append("violence: no PCSO") }
        if floor.simulation.crewNeeded(incident) >= 2 { needs.append("two officers") }
        var out = [Line(text: "Recommended units (1-9 to send)" + (needs.isEmpty ? "" : "  needs " + needs.joined(separator: "; ")),
                        style: CellStyle(.heading, bold: true, underline: true))]
        let list = floor.recommendations(for: id)
        if list.isEmpty { out.append(Line(text: "No suitable unit is free or divertable.", style: CellStyle(.nearTarget, bold: true))) }
        var forms: [(short: String, wide: String, ready: Bool)] = []
        for (n, r) in list.prefix(9).enumerated() {
            let state = floor.world.units[Int(r.unit)]
            let spec = floor.config.units[Int(r.unit)]
            // The short form: the ETA and state number, then the reason whole (no distance, no skills).
            var short = "\(n + 1) " + Render.cell(floor.callsign(r.unit), 6) + Render.cell(Wording.shortKind(spec.kind), 6)
                + Render.cell(RoomClock.elapsed(r.eta), 8) + Render.cell("st\(state.status.rawValue)", 5)
            if let from = r.divertsFrom, let job = floor.world.incident(from) {
                short += "divert \(Floor.reference(job.reference)) (G\(job.grade.rawValue)): \(Wording.sooner(r.gain)); "
            }
            short += floor.reason(r, for: incident).replacingOccurrences(of: "on refs: break interrupted", with: "refs interrupted")
            var wide = "\(n + 1)  " + Render.cell(floor.callsign(r.unit), 7) + Render.cell(Wording.shortKind(spec.kind), 6)
                + Render.cell("eta \(RoomClock.elapsed(r.eta))", 11)
                + Render.cell(r.distance.map { String(format: "%.1f km", $0) } ?? "", 9)
                + Render.cell("state \(state.status.rawValue) \(Wording.status(state.status))", 22)
            if let from = r.divertsFrom, let job = floor.world.incident(from) {
                wide += "divert from \(Floor.reference(job.reference)) (grade \(job.grade.rawValue)): \(Wording.sooner(r.gain)); "
            }
            wide += floor.reason(r, for: incident)
            let skills = spec.skills.names.map(ResourcePane.abbreviate).joined(separator: ",")
            if !skills.isEmpty { wide += "  " + skills }
            forms.append((short, wide, r.divertsFrom == nil && !r.onRefreshments && r.fit <= .offArea))
        }
        // One form for the whole list, so its columns line up: the wide one where every line fits,
        // else the short one; a line still too long goes on below, indented, never cut.
        let shortAll = narrow || forms.contains { TextWidth.of($0.wide) > (width ?? .max) }
        for form in forms {
            let text = shortAll ? form.short : form.wide
            let ready = form.ready
            for piece in width.map({ TextOverlay.wrap(text, width: $0) }) ?? [text] {
                out.append(Line(text: piece, style: ready ? CellStyle(.available) : CellStyle(.committed)))
            }
        }
        if list.count > 9 { out.append(Line(text: "... and \(list.count - 9) more: assign CALLSIGN", style: CellStyle(.dim))) }
        return out
    }

}

/// The keys and commands, generated from the same tables the code dispatches on: first the keys
/// of the screen the help was opened from, then the floor's, then the commands. Keys this seat
/// cannot use (a call handler's on a dispatcher's console, the instructor's outside training)
/// are left out, and the help says so.
enum HelpOverlay {
    /// Whether the console's seat and session can use `action` at all.
    static func usable(_ action: Action, _ state: ConsoleState) -> Bool {
        switch action {
        case .answer, .ringBackAbandoned, .takeContact: state.role.handlesCalls
        case .sendRecommended, .linkIncident, .bookState, .welfareCheck: state.role.dispatches
        // A dispatcher's last action can be undone for a while after they hand the seat back.
        case .undo: state.role.dispatches || state.undo != nil
        // An officer's emergency is the dispatcher's (or the supervisor's) to acknowledge.
        case .acknowledge: state.role != .callHandler
        case .togglePause, .faster, .slower: !state.clockIsFloors
        case .instructor: state.training && !state.clockIsFloors
        case .debrief: state.training
        case .seekBack, .seekForward: state.canSeek
        default: true
        }
    }

    static func lines(for tableName: String = KeyTable.floor.name, _ keys: KeyTableSet = .builtIn,
                      usable: (Action) -> Bool = { _ in true }, seat: String? = nil) -> [String] {
        let floor = keys.floor
        let here = keys.tables.first { $0.name == tableName } ?? floor
        var out: [String] = []
        var left = false
        for table in here.name == floor.name ? [here] : [here, floor] {
            out.append("Keys: " + table.name.lowercased())
            let kept = table.bindings.filter { usable($0.action) }
            left = left || kept.count < table.bindings.count
            let lines = kept.map { ($0.label, $0.description) } + table.helpLines.dropFirst(table.bindings.count)
            let width = max(11, (lines.map { TextWidth.of($0.0) }.max() ?? 0) + 1)
            for (label, description) in lines { out.append("  " + Render.cell(label, width) + description) }
            out.append("")
        }
        if left, let seat {
            out.insert("The keys this seat can use (\(seat)); the rest are left out.", at: 0)
            out.insert("", at: 1)
        }
        out.append("Commands (type : then the command; Tab completes, Up/Down recall)")
        for c in CommandRegistry.all { out.append("  " + Render.cell(c.usage, 50) + c.summary) }
        out.append("")
        out.append("Board markers: + available  > committed  R refreshments  - off duty  ! emergency")
        out.append("Incident markers: ! warnings on the address  +N further callers linked")
        return out
    }

    static let maxWidth = 100

    /// The help as drawn for this state.
    static func shown(_ state: ConsoleState) -> [String] {
        lines(for: state.helpFor, state.keys, usable: { usable($0, state) }, seat: state.role.rawValue)
    }

    static func draw(_ frame: inout Frame, _ area: Rect, _ state: ConsoleState) {
        TextOverlay.draw(&frame, area, shown(state), title: "Help  (Esc to close, j/k to scroll)", maxWidth: maxWidth,
                         scroll: state.helpScroll, glyphs: state.glyphs) { line in
            !line.hasPrefix(" ") && !line.isEmpty ? CellStyle(.heading, bold: true) : CellStyle(.help)
        }
    }
}

/// A box of text over the middle of the screen, scrolled: the help and the debrief.
enum TextOverlay {
    static func draw(_ frame: inout Frame, _ area: Rect, _ text: [String], title: String, maxWidth: Int, scroll: Int,
                     glyphs: Glyphs, style: (String) -> CellStyle) {
        // Long lines wrap at a space (the rest indented under the text), never cut off.
        let wrapped = text.flatMap { line in wrap(line, width: wrapWidth(area, maxWidth)).map { ($0, style(line)) } }
        let rect = box(rows: wrapped.count, area, maxWidth)
        for r in rect.row..<(rect.row + rect.height) { frame.fill(row: r, column: rect.column, count: rect.width, style: CellStyle(.help)) }
        let inside = Render.box(&frame, rect, title: title, focused: true, glyphs: glyphs)
        let start = min(scroll, max(0, wrapped.count - inside.height))
        for (i, (line, lineStyle)) in wrapped.dropFirst(start).prefix(inside.height).enumerated() {
            frame.put(line, row: inside.row + i, column: inside.column + 1, limit: inside.width - 1, style: lineStyle)
        }
    }

    /// The furthest the text scrolls in `area`: its last line at the box's foot. A key past it
    /// is not kept (the next key back moves at once).
    static func furthest(_ text: [String], area: Rect, maxWidth: Int) -> Int {
        let rows = text.reduce(0) { $0 + wrap($1, width: wrapWidth(area, maxWidth)).count }
        return max(0, rows - (box(rows: rows, area, maxWidth).height - 2))
    }

    /// Where lines wrap: the box's inside (two columns narrower) less a column's margin.
    private static func wrapWidth(_ area: Rect, _ maxWidth: Int) -> Int { min(area.width, maxWidth) - 3 }

    /// The box for `rows` wrapped lines, as tall as they are (within the area), centred in it.
    private static func box(rows: Int, _ area: Rect, _ maxWidth: Int) -> Rect {
        let width = min(area.width, maxWidth), height = min(area.height, max(3, rows + 2))
        return Rect(row: area.row + (area.height - height) / 2, column: area.column + (area.width - width) / 2,
                    width: width, height: height)
    }

    /// `line` in pieces of at most `width` columns, broken at spaces; the pieces after the first
    /// indented four columns past the line's own indent.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard width > 8, TextWidth.of(line) > width else { return [line] }
        let lead = line.prefix { $0 == " " }
        let indent = String(repeating: " ", count: min(lead.count + 4, width / 2))
        var pieces: [String] = [], current = String(lead), started = false
        for word in line.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current + (started ? " " : "") + word
            if TextWidth.of(candidate) > width, started {
                pieces.append(current)
                current = indent + word
            } else {
                current = candidate
            }
            started = true
        }
        pieces.append(current)
        // A word wider than the line (a file's path) goes on under itself, not off the edge.
        return pieces.flatMap { piece -> [String] in
            guard TextWidth.of(piece) > width else { return [piece] }
            let rest = Wrapping.lines(piece.trimmingCharacters(in: .whitespaces), width: width - indent.count)
            let first = String(piece.prefix { $0 == " " })
            return rest.enumerated().map { ($0.offset == 0 ? first : indent) + $0.element }
        }
    }

    /// The scrolling actions move the text; returns whether the action was one of them.
    static func scroll(_ action: Action, _ offset: inout Int) -> Bool {
        switch action {
        case .down: offset += 1
        case .up: offset = max(0, offset - 1)
        case .pageDown: offset += 10
        case .pageUp: offset = max(0, offset - 10)
        default: return false
        }
        return true
    }
}
