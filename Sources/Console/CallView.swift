import DispatchEngine
import ReadModel
import Foundation

/// The call handler's screen while on a call: what the caller says on the left above the incident
/// form; on the right, help for the field being filled in (gazetteer matches, the address's
/// warnings and previous incidents, types, grades) and the engine's likely duplicates.
enum CallView {
    static func draw(_ frame: inout Frame, _ area: Rect, _ state: ConsoleState, _ floor: Floor) {
        for r in area.row..<(area.row + area.height) { frame.fill(row: r, column: area.column, count: area.width, style: .normal) }
        guard let form = state.call, let call = floor.call(at: state.handlerSeat) else { return }
        let ringing = floor.ringingCalls()
        let held = floor.heldContacts(at: state.handlerSeat)
        let open = call.line.isPhone ? "on the line" : call.line == .chat ? "chatting" : "open"
        let title = "\(call.line.contact) \(call.number)" + (call.ringBack ? " RING BACK" : "") + "  \(open) \(RoomClock.elapsed(floor.now - call.answeredAt))"
            + "  waiting 999: \(ringing.filter { $0.line == .emergency }.count) 101: \(ringing.filter { $0.line == .nonEmergency }.count)"
            + (held.isEmpty ? "" : "  held: " + held.map { "\($0.line.contact) \($0.number)" }.joined(separator: ", ") + " (F6)")
        let inside = Render.box(&frame, area, title: title, focused: true, glyphs: state.glyphs)
        guard inside.height >= 16, inside.width >= 60 else { return }
        let leftWidth = inside.width * 58 / 100
        let left = Rect(row: inside.row, column: inside.column, width: leftWidth, height: inside.height - 1)
        let right = Rect(row: inside.row, column: inside.column + leftWidth + 1, width: inside.width - leftWidth - 1, height: inside.height - 1)
        for r in right.row..<(right.row + right.height) {
            frame.put(state.glyphs.vertical, row: r, column: right.column - 1, style: CellStyle(.border))
        }
        let fieldsTop = left.row + left.height - CallForm.Field.allCases.count
        let location = floor.callerLocation(call)
        let staying = floor.onTheLine(at: state.handlerSeat)
        frame.put(Render.cell(" " + ShortForms.fitted(CallerLine.summaries(location, floor), left.width - 1), left.width), row: left.row, column: left.column,
                  style: CellStyle(.heading, bold: true))
        // A live chat is written both ways: the line the handler types to the person is under it.
        let chat = call.line == .chat
        let transcriptHeight = fieldsTop - 2 - left.row - (chat ? 1 : 0)
        transcript(&frame, Rect(row: left.row + 1, column: left.column, width: left.width, height: transcriptHeight), call, form, floor, staying,
                   replies: floor.chatReplies(at: state.handlerSeat))
        if chat { replyLine(&frame, Rect(row: left.row + 1 + transcriptHeight, column: left.column, width: left.width, height: 1), state) }
        let fieldsRect = Rect(row: fieldsTop, column: left.column, width: left.width, height: CallForm.Field.allCases.count)
        if let id = staying?.incident {
            frame.put(Render.cell(call.line.isPhone ? " On the line while officers travel" : " On the chat while officers travel", left.width), row: fieldsTop - 1, column: left.column,
                      style: CellStyle(.heading, bold: true, underline: true))
            onTheLine(&frame, fieldsRect, staying!, id, floor)
        } else {
            // A replay has the decision, not the typing: say so rather than show a form as filled in.
            let replayed = state.readOnly != nil ? "(typing is not recorded: the decision is in the record)" : ""
            frame.put(Render.cell(" Incident  " + (call.draw.silent ? "(silent call) " : "") + replayed, left.width), row: fieldsTop - 1, column: left.column,
                      style: CellStyle(.heading, bold: true, underline: true))
            fields(&frame, fieldsRect, state, form, floor)
        }
        context(&frame, right, form, floor, location, staying: staying != nil, glyphs: state.glyphs)
        // Each footer whole where it fits, else its short form (every key still named).
        let footers: [String] = staying != nil
            ? ["h help is on the way  i note  t/f ambulance/fire informed  x end the call  Esc floor",
               "h help coming  i note  t/f amb/fire told  x end  Esc"]
            : form.editing
            ? ["Tab complete/next  Enter next  F2 create incident  F3 create, stay on the line  Esc call actions",
               "Tab/Enter next  F2 create  F3 create+stay on  Esc actions"]
            : call.ringBack ? ["c create  1-5 link duplicate  r advice  t ambulance  f fire  x no answer / made by accident  e edit  Esc floor",
                               "c create  1-5 link  r advice  t/f amb/fire  x no answer/accident  e edit  Esc"]
            : !call.line.isPhone ? ["c create" + (call.line == .chat ? "  s stay on  w write" : "") + "  1-5 link  r advice  p crime  g signpost  m RCRP  t/f transfer  e edit"
                + (held.isEmpty ? "  Esc" : "  F6 other"),
                                    "c" + (call.line == .chat ? " s w" : "") + " 1-5 r p g m t/f e" + (held.isEmpty ? " Esc" : " F6") + " (F1 keys)"]
            : ["c create  s stay on  1-5 link  r advice  p crime  g signpost  m RCRP  t/f transfer  b l x silent  e edit  Esc",
               "c create  s stay  1-5 link  r advice  p crime  g signpost  m RCRP  t/f  b l x  e  Esc"]
        let footer = ShortForms.fitted(footers, inside.width)
        frame.put(Render.cell(footer, inside.width), row: inside.row + inside.height - 1, column: inside.column, style: CellStyle(.dim))
    }

    /// The handler's line on a live chat: being typed (w), or how to start one.
    static func replyLine(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState) {
        guard rect.height > 0, rect.width > 8 else { return }
        frame.fill(row: rect.row, column: rect.column, count: rect.width, style: .normal)
        guard state.mode == .reply else {
            let draft = state.chatDraft.isEmpty ? "" : " (a reply begun: w)"
            frame.put(" w: write to them" + draft, row: rect.row, column: rect.column, limit: rect.width, style: CellStyle(.dim))
            return
        }
        let style = CellStyle(.input, bold: true)
        var before = SafeText.clean(state.line.beforeCursor)
        let prompt = " You: "
        while TextWidth.of(prompt) + TextWidth.of(before) > rect.width - 2, !before.isEmpty { before.removeFirst() }
        let used = frame.put(prompt + before, row: rect.row, column: rect.column, limit: rect.width, style: style)
        let after = SafeText.clean(state.line.afterCursor)
        let width = frame.put(after.first.map(String.init) ?? "_", row: rect.row, column: rect.column + used, style: CellStyle(.input, reverse: true))
        frame.put(String(after.dropFirst()), row: rect.row, column: rect.column + used + width, limit: max(0, rect.width - used - width), style: style)
    }

    static func transcript(_ frame: inout Frame, _ rect: Rect, _ call: Call, _ form: CallForm, _ floor: Floor, _ staying: OnTheLine? = nil,
                           replies: [(at: SimTime, text: String)] = []) {
        guard rect.height > 0 else { return }
        let arrived = staying.flatMap { floor.world.incident($0.incident) }.flatMap { $0.firstArrivedAt >= 0 ? $0.firstArrivedAt : nil }
        let heard = CallerWords.heard(call, subject: form.subject, config: floor.config, now: floor.now, staying: staying, unitArrivedAt: arrived,
                                      replies: replies)
        var lines: [(String, CellStyle)] = []
        for u in heard {
            let (prefix, style): (String, CellStyle) = switch u.speaker {
            case .caller: (writer(call.line), CellStyle(.normal, bold: true))
            case .sound: ("(heard) ", CellStyle(.nearTarget))
            case .system: ("", CellStyle(.dim))
            }
            for (i, piece) in wrap(prefix + u.text, width: rect.width - 1).enumerated() {
                lines.append(((i == 0 ? "" : "  ") + piece, style))
            }
        }
        if heard.isEmpty { lines.append((call.line.isPhone ? "(the line connects...)" : "(they are typing...)", CellStyle(.dim))) }
        for (i, line) in lines.suffix(rect.height).enumerated() {
            frame.put(line.0, row: rect.row + i, column: rect.column + 1, limit: rect.width - 1, style: line.1)
        }
    }

    /// Who the words are from: a caller speaks; a chat, an e-mail or a report form is written.
    static func writer(_ line: Line) -> String {
        switch line {
        case .emergency, .nonEmergency: "Caller: "
        case .chat: "Chat: "
        case .email: "E-mail: "
        case .onlineReport: "Report: "
        }
    }

    /// The incident the handler is staying on the line for: where, and its units as they travel.
    static func onTheLine(_ frame: inout Frame, _ rect: Rect, _ call: OnTheLine, _ id: IncidentID, _ floor: Floor) {
        var lines: [(String, CellStyle)] = []
        if let incident = floor.world.incident(id) {
            lines.append(("\(Floor.reference(incident.reference)) G\(incident.grade.rawValue) \(floor.typeName(incident.type))",
                          CellStyle(Render.gradeInk(incident.grade), bold: true)))
            lines.append(("at " + floor.placeName(incident.place), .normal))
            let units = floor.world.units.indices.filter { floor.world.units[$0].incident == id }
            if units.isEmpty { lines.append(("no unit sent yet", CellStyle(.nearTarget, bold: true))) }
            for u in units {
                let unit = floor.world.units[u]
                let eta = unit.status == .enRoute ? ", about \(RoomClock.elapsed(max(unit.arrivesAt - floor.now, 0))) away" : ""
                lines.append(("\(floor.callsign(UnitIndex(u))) \(Wording.status(unit.status))\(eta)", .normal))
            }
        } else {
            lines.append(("The incident is closed.", CellStyle(.dim)))
        }
        for entry in floor.incidents.entry(reference: floor.world.incident(id)?.reference ?? -1)?.narrative ?? [] {
            if case let .agencyInformed(agency, reference) = entry.fact {
                lines.append(("\(Wording.agency(agency)) informed, their ref \(SafeText.clean(reference))", CellStyle(.normal, bold: true)))
            }
        }
        lines.append((call.reassuredAt >= 0 ? "told help is on the way at \(floor.clock.shortTime(call.reassuredAt))"
                                            : "not yet told help is coming (h)", CellStyle(.dim)))
        lines.append(("on the line \(RoomClock.elapsed(floor.now - call.since)) since the incident was created", CellStyle(.dim)))
        for (i, line) in lines.prefix(rect.height).enumerated() {
            frame.put(Render.cell(" " + line.0, rect.width), row: rect.row + i, column: rect.column, style: line.1)
        }
    }

    static func fields(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ form: CallForm, _ floor: Floor) {
        for (i, field) in CallForm.Field.allCases.enumerated() {
            let row = rect.row + i
            let focused = field == form.field
            var value = form.value(field)
            var style = CellStyle.normal
            switch field {
            case .location where form.place != nil, .type where form.type != nil:
                style = CellStyle(.normal, bold: true)
            case .grade:
                value = form.grade.map { "\($0.rawValue) \(Wording.grade($0))" } ?? ""
                if let g = form.grade { style = CellStyle(Render.gradeInk(g), bold: true) }
            case .flags:
                value = form.flags.isEmpty ? "" : Wording.vulnerability(form.flags)
                style = CellStyle(.nearTarget, bold: true)
            default: break
            }
            let label = Render.cell((focused ? state.glyphs.play : " ") + field.label, 13)
            frame.put(label, row: row, column: rect.column, style: CellStyle(.heading, bold: focused))
            let width = rect.width - 13
            if focused && form.editing {
                // Show the end of long text, with the cursor after it.
                var shown = value
                while TextWidth.of(shown) > width - 2 { shown.removeFirst() }
                let used = frame.put(shown, row: row, column: rect.column + 13, style: style.with(bold: true))
                frame.put("_", row: row, column: rect.column + 13 + used, style: CellStyle(.input, reverse: true))
            } else {
                frame.put(Render.cell(value, width), row: row, column: rect.column + 13, style: style)
            }
            if focused { frame.restyle(row: row, column: rect.column, count: rect.width) { $0.underline = true } }
        }
    }

    /// Help for the field in hand, then the likely duplicates.
    static func context(_ frame: inout Frame, _ rect: Rect, _ form: CallForm, _ floor: Floor, _ location: CallerLocation,
                        staying: Bool = false, glyphs: Glyphs = .unicode) {
        var lines: [(String, CellStyle)] = []
        func heading(_ t: String) { lines.append((t, CellStyle(.heading, bold: true, underline: true))) }
        if staying {
            // The incident exists: nothing to fill in or link; what to do while they wait.
            heading("While officers travel")
            for tip in ["Keep them talking, and safe where they are.", "Tell them help is coming (h).",
                        "Put what they say into the incident (i).", "Ambulance or fire needed too? t / f informs them.",
                        "End the call once officers are with them (x)."] {
                lines.append((tip, .normal))
            }
            for (i, line) in lines.prefix(rect.height).enumerated() {
                frame.put(Render.cell(line.0, rect.width - 1), row: rect.row + i, column: rect.column + 1, style: line.1)
            }
            return
        }
        switch form.field {
        case .location:
            if let place = form.place {
                let spec = floor.config.places.indices.contains(Int(place)) ? floor.config.places[Int(place)] : nil
                heading(floor.placeName(place))
                if let spec { lines.append(("area: " + floor.areaName(spec.area), .normal)) }
                if let markers = spec?.markers, !markers.isEmpty {
                    for m in markers { lines.append(("! " + SafeText.clean(m), CellStyle(.error, bold: true))) }
                } else {
                    lines.append(("no warning markers", CellStyle(.dim)))
                }
                let past = floor.incidents.previous(at: place)
                lines.append(("Previous here:" + (past.isEmpty ? " none" : ""), CellStyle(.heading, bold: true)))
                for p in past.reversed() {
                    lines.append(("\(Floor.reference(p.reference)) \(floor.clock.shortTime(p.openedAt)) G\(p.firstGrade.rawValue) \(floor.typeName(p.type))", .normal))
                }
            } else {
                if form.value(.location).isEmpty, !location.places.isEmpty {
                    heading(CallerLine.placesHeading(location))
                    for (i, p) in location.places.prefix(5).enumerated() {
                        let marked = floor.config.places[Int(p.place)].markers.isEmpty ? "  " : "! "
                        let metres = location.kind == .landline ? "" : " \(CallerLine.metres(p.metres))"
                        lines.append((marked + floor.placeName(p.place) + metres,
                                      i == form.matchIndex % min(location.places.count, 5) ? CellStyle(.selected, reverse: true) : .normal))
                    }
                    lines.append(("Tab picks; or type part of the place", CellStyle(.dim)))
                }
                heading("Gazetteer")
                let matches = Gazetteer.places(form.value(.location), floor)
                if form.value(.location).isEmpty { lines.append(("type part of the place", CellStyle(.dim))) }
                else if matches.isEmpty { lines.append(("no match in the gazetteer", CellStyle(.error))) }
                for (i, m) in matches.enumerated() {
                    let marked = floor.config.places[m].markers.isEmpty ? "  " : "! "
                    lines.append((marked + floor.placeNames[m], i == form.matchIndex % max(matches.count, 1) ? CellStyle(.selected, reverse: true) : .normal))
                }
            }
        case .type:
            heading("Incident types")
            if let type = form.type {
                let spec = floor.config.incidentTypes[Int(type)]
                lines.append((floor.typeName(type), CellStyle(.normal, bold: true)))
                if !spec.requires.isEmpty { lines.append(("needs: " + spec.requires.names.joined(separator: ", "), .normal)) }
                if spec.violent { lines.append(("violence: no PCSO", CellStyle(.nearTarget))) }
            } else {
                let matches = form.value(.type).isEmpty ? Array(floor.typeNames.indices) : Gazetteer.matches(form.value(.type), in: floor.typeNames, limit: 40)
                for (i, m) in matches.enumerated() {
                    lines.append((floor.typeNames[m], i == form.matchIndex % max(matches.count, 1) && !form.value(.type).isEmpty ? CellStyle(.selected, reverse: true) : .normal))
                }
            }
        case .grade:
            heading("Grades (type the number)")
            for g in Grade.allCases {
                let target = floor.config.targets.target(for: g, rural: false).map { " target " + RoomClock.elapsed($0) } ?? ""
                lines.append(("\(g.rawValue) \(Wording.grade(g))\(target)", CellStyle(Render.gradeInk(g))))
            }
        case .threat: heading("Threat"); lines.append(("What is the threat, to whom, and is it happening now?", .normal))
        case .harm: heading("Harm"); lines.append(("What harm has been done, or could be?", .normal))
        case .risk: heading("Risk"); lines.append(("How likely is the harm, and how soon?", .normal))
        case .investigation: heading("Investigation"); lines.append(("Evidence, suspects, scene to keep, CCTV?", .normal))
        case .vulnerability: heading("Vulnerability"); lines.append(("Who is vulnerable, and why?", .normal))
        case .engagement: heading("Engagement"); lines.append(("What does the caller need from us? What did we tell them?", .normal))
        case .flags:
            heading("Vulnerable (number toggles)")
            for (i, v) in Vulnerability.all.enumerated() {
                lines.append(("\(i + 1) [\(form.flags.contains(v) ? "x" : " ")] \(Wording.vulnerability(v))", form.flags.contains(v) ? CellStyle(.nearTarget, bold: true) : .normal))
            }
        case .caller: heading("Caller"); lines.append(("Name, number, and how they are involved.", .normal))
        case .narrative: heading("Narrative"); lines.append(("What the caller says happened, in a line.", .normal))
        }
        if let place = form.place {
            let duplicates = floor.likelyDuplicates(place: place, type: form.type)
            lines.append(("", .normal))
            heading("Duplicates (Esc, 1-5 links)")
            if duplicates.isEmpty { lines.append(("none open nearby", CellStyle(.dim))) }
            for (i, d) in duplicates.enumerated() {
                guard let incident = floor.world.incident(d.incident) else { continue }
                let text = "\(i + 1) \(Floor.reference(d.reference)) G\(incident.grade.rawValue) \(floor.typeName(incident.type))"
                    + String(format: " %.1fkm ", d.distance) + RoomClock.elapsed(d.age) + (d.sameType ? " same type" : "")
                lines.append((text, CellStyle(Render.gradeInk(incident.grade))))
            }
        }
        for (i, line) in lines.prefix(rect.height).enumerated() {
            frame.put(Render.cell(line.0, rect.width - 1), row: rect.row + i, column: rect.column + 1, style: line.1)
        }
        // A mobile's fix, while the place is still to find: the circle on a small map below.
        if form.field == .location, form.place == nil, case let .fix(at, accuracy) = location.source {
            let rows = min(12, rect.height - lines.count - 1)
            if rows >= 6 {
                locationMap(&frame, Rect(row: rect.row + rect.height - rows, column: rect.column + 1, width: rect.width - 1, height: rows),
                            at: at, accuracy: accuracy, location: location, selected: form.matchIndex, floor, glyphs: glyphs)
            }
        }
    }

    /// The AML circle round the handset's fix (+), the gazetteer's places near it (dots), those
    /// inside marked (the one Tab would pick reversed), and the radius.
    static func locationMap(_ frame: inout Frame, _ rect: Rect, at fix: Position, accuracy: Double, location: CallerLocation,
                            selected: Int, _ floor: Floor, glyphs: Glyphs) {
        let columns = rect.width, rows = rect.height
        var canvas = MapCanvas(columns: columns, rows: rows, braille: glyphs == .unicode)
        // The circle fills about four fifths of the height.
        let km = max(accuracy / 1000 * 2 / 0.8 * Double(columns * 2) / Double(rows * 4), 0.2)
        func dot(_ p: Position) -> (x: Int, y: Int) { MapView.dot(p, centre: fix, kmAcross: km, columns: columns, rows: rows) }
        for step in 0..<96 {
            let angle = Double(step) / 96 * 2 * Double.pi
            let edge = Position(x: fix.x + accuracy / 1000 * _cos(angle), y: fix.y + accuracy / 1000 * _cos(angle - Double.pi / 2))
            let d = dot(edge)
            canvas.dot(d.x, d.y, .nearTarget)
        }
        for place in floor.config.places.prefix(floor.config.addressCount) {
            let d = dot(place.position)
            canvas.dot(d.x, d.y, .dim)
        }
        let inside = location.places.prefix(5)
        for (i, p) in inside.enumerated() {
            let d = dot(floor.config.places[Int(p.place)].position)
            let chosen = i == selected % max(inside.count, 1)
            canvas.mark(atDot: d.x, d.y, "*", CellStyle(.normal, bold: true, reverse: chosen), rank: chosen ? 5 : 4)
        }
        let centre = dot(fix)
        canvas.mark(atDot: centre.x, centre.y, "+", CellStyle(.nearTarget, bold: true), rank: 6)
        canvas.label("AML " + (glyphs == .unicode ? "\u{00B1}" : "+/-") + CallerLine.metres(accuracy), column: 0, row: rows - 1, CellStyle(.heading), rank: 7)
        canvas.north(glyphs)
        canvas.draw(&frame, row: rect.row, column: rect.column)
    }

    /// Splits text into lines of at most `width` columns at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 8 else { return [text] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if TextWidth.of(candidate) > width && !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
