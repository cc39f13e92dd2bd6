import DispatchEngine
import ReadModel
import Foundation

/// The whole screen from the state and the floor, every frame. The terminal sends only what
/// changed, so drawing everything each time costs little and never leaves stale text.
public enum Render {
    public static func frame(_ state: ConsoleState, _ floor: Floor, width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        let layout = Layout(width: width, height: height, state: state,
                            alarmRows: Layout.alarmRows(floor.world.pendingEmergencies.count))
        if layout.tooSmall {
            tooSmall(&frame)
            return frame
        }
        statusBar(&frame, layout.statusBar, state, floor)
        for pane in Pane.allCases {
            let rect = layout.rect(of: pane)
            guard rect.width > 0 && rect.height > 0 else { continue }
            switch pane {
            case .incidents: IncidentPane.draw(&frame, rect, state, floor)
            case .resources: ResourcePane.draw(&frame, rect, state, floor)
            case .radio: RadioPane.draw(&frame, rect, state, floor)
            case .calls: CallsPane.draw(&frame, rect, state, floor)
            case .map: MapPane.draw(&frame, rect, state, floor)
            }
        }
        if case .detail(let reference) = state.mode {
            DetailView.draw(&frame, layout.main, reference, state, floor)
        }
        if state.mode == .call || state.mode == .reply || state.mode.isReason || (state.mode == .command && state.commandFrom == .call) {
            CallView.draw(&frame, layout.main, state, floor)
        }
        // An emergency button outranks everything: a full-width alarm at the top, the panes below it.
        if !floor.world.pendingEmergencies.isEmpty {
            EmergencyAlarm.draw(&frame, layout.alarm, state, floor)
        }
        if state.mode == .supervisor {
            SupervisorView.draw(&frame, layout.main, state, floor)
        }
        if state.mode == .help {
            HelpOverlay.draw(&frame, layout.main, state)
        }
        if state.mode == .instructor {
            TrainingOverlay.drawInstructor(&frame, layout.main, state, floor)
        }
        if state.mode == .debrief {
            TrainingOverlay.drawDebrief(&frame, layout.main, state)
        }
        bottomLine(&frame, layout.bottomLine, state, floor)
        return frame
    }

    static func tooSmall(_ frame: inout Frame) {
        let text = "terminal too small (need \(Layout.minimumWidth)x\(Layout.minimumHeight))"
        let row = frame.height / 2
        let column = max(0, (frame.width - text.count) / 2)
        frame.put(text, row: row, column: column, style: CellStyle(.error, bold: true))
    }

    static func statusBar(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let bar = CellStyle(.statusBar, reverse: true)
        frame.fill(row: rect.row, column: 0, count: rect.width, style: bar)
        let c = floor.counts()
        let g = state.glyphs
        // Narrow screens drop the date (the day stays) so the counts fit.
        let when = rect.width < 100 ? floor.clock.dayTime(floor.now) : floor.clock.dateTime(floor.now)
        var parts: [(String, CellStyle)] = [
            (" " + when + " ", bar.with(bold: true)),
            state.following ? (" \(g.play) live ", bar)
                : (state.speed.paused ? " \(g.pause) PAUSED " : " \(g.play) \(state.speed.label) ",
                   state.speed.paused ? CellStyle(.nearTarget, bold: true, reverse: true) : bar),
            (" calls 999:\(c.waiting999) 101:\(c.waiting101)"
                + (c.waiting999 + c.waiting101 > 0 ? " \(RoomClock.elapsed(c.longestWait))" : "") + " ",
             c.waiting999 > 0 ? bar.with(bold: true) : bar),
            (" open G1:\(c.openByGrade[0]) G2:\(c.openByGrade[1]) G3:\(c.openByGrade[2]) G4:\(c.openByGrade[3]) ", bar),
            (" free \(c.available)/\(c.onDuty) ", bar),
        ]
        if !floor.world.pendingEmergencies.isEmpty {
            parts.insert((" \(g.warning) EMERGENCY ", CellStyle(.emergency, bold: true, reverse: true)), at: 2)
        }
        if let alert = state.alerts.unseen {
            // Stands out until seen (Esc, or :alerts), after the figures.
            parts.append((" \(g.warning) " + SafeText.clean(alert.text) + " ", CellStyle(.overdue, bold: true, reverse: true)))
        }
        if let banner = state.banner {
            parts.insert((" " + SafeText.clean(banner) + " ", CellStyle(.nearTarget, bold: true, reverse: true)), at: 0)
        }
        // Too wide (an unseen alert, PAUSED, an EMERGENCY): the figures the list and the board
        // also show give way first (the open counts, then the waiting calls unless a 999 waits),
        // so the rest is read whole; an alert that still does not fit ends at a word, marked.
        func width() -> Int { parts.reduce(0) { $0 + TextWidth.of($1.0) } + parts.count - 1 }
        if width() > rect.width { parts.removeAll { $0.0.hasPrefix(" open G1:") } }
        if width() > rect.width, c.waiting999 == 0 { parts.removeAll { $0.0.hasPrefix(" calls 999:") } }
        if state.alerts.unseen != nil {
            let over = width() - rect.width
            if over > 0, let last = parts.indices.last {
                parts[last].0 = " " + Self.clipped(String(parts[last].0.dropFirst().dropLast()), to: max(12, TextWidth.of(parts[last].0) - over - 2), ellipsis: g.ellipsis) + " "
            }
        }
        var column = 0
        for (text, style) in parts {
            column += frame.put(text, row: rect.row, column: column, limit: rect.width - column, style: style)
            if column < rect.width { column += frame.put(state.glyphs.vertical, row: rect.row, column: column, style: bar) }
        }
        let name = " " + SafeText.clean(floor.scenarioName) + " "
        if column + TextWidth.of(name) < rect.width {
            frame.put(name, row: rect.row, column: rect.width - TextWidth.of(name), style: bar)
        }
    }

    /// `text` cut to `width` columns at a word, with an ellipsis to say so.
    static func clipped(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard TextWidth.of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? ellipsis : "" }
        var out = ""
        for ch in text {
            if TextWidth.of(out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        if let space = out.lastIndex(of: " "), out.distance(from: out.startIndex, to: space) > out.count / 2 { out = String(out[..<space]) }
        return out + ellipsis
    }

    static func bottomLine(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let row = rect.row
        frame.fill(row: row, column: 0, count: rect.width, style: .normal)
        switch state.mode {
        case .command, .search:
            let prompt = state.mode == .command ? ":" : "/"
            // The cursor stays in view: the start of a long line scrolls off to the left.
            var before = SafeText.clean(state.line.beforeCursor)
            while TextWidth.of(before) > rect.width - 2 { before.removeFirst() }
            let after = SafeText.clean(state.line.afterCursor)
            let used = frame.put(prompt + before, row: row, column: 0, style: CellStyle(.input, bold: true))
            let under = after.first.map(String.init) ?? " "
            let width = frame.put(under == " " && after.isEmpty ? "_" : under, row: row, column: used, style: CellStyle(.input, reverse: true))
            frame.put(String(after.dropFirst()), row: row, column: used + width, limit: max(0, rect.width - used - width),
                      style: CellStyle(.input, bold: true))
            if !state.completions.isEmpty && row > 0 {
                // Tab's matches, on the line above, the one on the line now marked.
                let list = state.completions.enumerated().map { $0.offset == state.completionIndex ? "[\($0.element)]" : $0.element }
                frame.fill(row: row - 1, column: 0, count: rect.width, style: CellStyle(.dim, reverse: true))
                frame.put(" " + SafeText.clean(list.joined(separator: "  ")), row: row - 1, column: 0, limit: rect.width,
                          style: CellStyle(.dim, reverse: true))
            }
        case .reply:
            frame.put("Writing to the chat (the line under what they wrote): Enter sends, Esc back to the chat, F1 help", row: row, column: 0,
                      limit: rect.width, style: CellStyle(.dim))
        case let .reason(question, _, _):
            let style = CellStyle(.nearTarget, bold: true, reverse: true)
            frame.fill(row: row, column: 0, count: rect.width, style: style)
            var before = SafeText.clean(state.line.beforeCursor)
            // The reason typed stays in view: at 80 columns the question is said shorter (F1 has
            // the keys), and cut if it still leaves too little room.
            var prompt = question + " Why (Enter records it, Esc keeps the call): "
            if rect.width - TextWidth.of(prompt) < 24 {
                prompt = Self.clipped(question, to: max(8, rect.width - 30), ellipsis: state.glyphs.ellipsis) + " Why? "
            }
            while TextWidth.of(prompt) + TextWidth.of(before) > rect.width - 2, !before.isEmpty { before.removeFirst() }
            let used = frame.put(prompt + before, row: row, column: 0, limit: rect.width, style: style)
            let after = SafeText.clean(state.line.afterCursor)
            let width = frame.put(after.first.map(String.init) ?? "_", row: row, column: used, style: CellStyle(.input, reverse: true))
            frame.put(String(after.dropFirst()), row: row, column: used + width, limit: max(0, rect.width - used - width), style: style)
        case let .confirm(question, _):
            frame.fill(row: row, column: 0, count: rect.width, style: CellStyle(.nearTarget, bold: true, reverse: true))
            frame.put(question + ". y to go ahead, any other key not to.", row: row, column: 0, limit: rect.width,
                      style: CellStyle(.nearTarget, bold: true, reverse: true))
        case .confirmQuit:
            // Never says the record is whole when it is not.
            let quit = floor.recordProblem().map { "Quit? The journal cannot be written (\($0)): what it has not taken is lost. y to quit, any other key to carry on." }
                ?? "Quit? Everything so far is in the journal. y to quit, any other key to carry on."
            frame.put(quit,
                      row: row, column: 0, limit: rect.width, style: CellStyle(.error, bold: true, reverse: true))
        default:
            // A message answers what the person just did (a refusal they must read); the
            // emergency stays in the banner above meanwhile.
            if let message = state.message {
                // Wider than the screen: wrapped onto the rows above, over the panes' feet, so
                // it is read whole (until the next key, or Esc; :messages has it after).
                let lines = StatusMessage.lines(message, width: rect.width, rows: StatusMessage.rows(screenHeight: frame.height, mode: state.mode),
                                                ellipsis: state.glyphs.ellipsis)
                let style = state.messageIsError ? CellStyle(.error, bold: true) : CellStyle(.message)
                for (k, line) in lines.enumerated() {
                    let r = row - (lines.count - 1) + k
                    frame.fill(row: r, column: 0, count: rect.width, style: .normal)
                    frame.put(line, row: r, column: 0, limit: rect.width, style: style)
                }
            } else if let first = floor.world.pendingEmergencies.first {
                let reference = first.incident.flatMap { floor.world.incident($0)?.reference }
                let text = "\(state.glyphs.warning) URGENT ASSISTANCE \(floor.callsign(first.unit)) at \(floor.clock.time(first.since))"
                    + (reference.map { " ref \(Floor.reference($0))" } ?? "") + "  press a to acknowledge"
                frame.fill(row: row, column: 0, count: rect.width, style: CellStyle(.emergency, bold: true, reverse: true))
                frame.put(text, row: row, column: 0, limit: rect.width, style: CellStyle(.emergency, bold: true, reverse: true))
            } else {
                frame.put(ShortForms.fitted(["? help  : command  / search  Tab pane  Enter open  z zoom  Space pause  +/- speed  q quit",
                                             "? help  : command  / search  Tab pane  Enter open  z zoom  Space pause  +/-  q quit",
                                             "? help  : cmd  / search  Tab pane  Enter open  z zoom  Space pause  q quit"], rect.width),
                          row: row, column: 0, limit: rect.width, style: CellStyle(.dim))
            }
        }
    }

    /// A bordered box with a title; returns the inside.
    @discardableResult
    static func box(_ frame: inout Frame, _ rect: Rect, title: String, focused: Bool, glyphs: Glyphs) -> Rect {
        let style = focused ? CellStyle(.focusedBorder, bold: true) : CellStyle(.border)
        let right = rect.column + rect.width - 1, bottom = rect.row + rect.height - 1
        for c in rect.column...right {
            frame.put(glyphs.horizontal, row: rect.row, column: c, style: style)
            frame.put(glyphs.horizontal, row: bottom, column: c, style: style)
        }
        for r in rect.row...bottom {
            frame.put(glyphs.vertical, row: r, column: rect.column, style: style)
            frame.put(glyphs.vertical, row: r, column: right, style: style)
        }
        frame.put(glyphs.topLeft, row: rect.row, column: rect.column, style: style)
        frame.put(glyphs.topRight, row: rect.row, column: right, style: style)
        frame.put(glyphs.bottomLeft, row: bottom, column: rect.column, style: style)
        frame.put(glyphs.bottomRight, row: bottom, column: right, style: style)
        let heading = focused ? "[ \(title) ]" : " \(title) "
        frame.put(heading, row: rect.row, column: rect.column + 2, limit: rect.width - 4,
                  style: CellStyle(focused ? .focusedBorder : .heading, bold: true))
        return Rect(row: rect.row + 1, column: rect.column + 1, width: rect.width - 2, height: rect.height - 2)
    }

    /// Pads or clips text to exactly `width` columns.
    static func cell(_ text: String, _ width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let t = SafeText.clean(text)
        var used = TextWidth.of(t)
        var fitted = t
        if used > width {
            // Keep what fits in width - 1 columns, then mark the cut.
            fitted = ""
            used = 0
            for character in t {
                let w = character.unicodeScalars.reduce(0) { $0 + TextWidth.of($1) }
                if used + w > width - 1 { break }
                fitted.append(character)
                used += w
            }
            fitted += "~"
            used += 1
        }
        let pad = String(repeating: " ", count: max(0, width - used))
        return alignRight ? pad + fitted : fitted + pad
    }

    static func gradeInk(_ g: Grade) -> Ink {
        switch g {
        case .immediate: return .grade1
        case .priority: return .grade2
        case .scheduled: return .grade3
        case .resolution: return .grade4
        }
    }

    /// The first visible row so that `selected` stays in a window of `height` rows.
    static func scrollStart(selected: Int, count: Int, height: Int) -> Int {
        guard count > height, height > 0 else { return 0 }
        return min(max(0, selected - height / 2), count - height)
    }
}

/// The alarm for an emergency button: full width, unmissable, with the unit's last known
/// location and incident, until a person acknowledges it.
enum EmergencyAlarm {
    static func draw(_ frame: inout Frame, _ area: Rect, _ state: ConsoleState, _ floor: Floor) {
        let alarm = CellStyle(.emergency, bold: true, reverse: true)
        let pending = floor.world.pendingEmergencies
        let rows = area.height
        for r in 0..<rows { frame.fill(row: area.row + r, column: area.column, count: area.width, style: alarm) }
        let g = state.glyphs.warning
        frame.put(" \(g) \(g) URGENT ASSISTANCE \(g) \(g)   a: acknowledge   Enter: open the incident and send units",
                  row: area.row, column: area.column, limit: area.width, style: alarm)
        for (i, p) in pending.prefix(rows - 1).enumerated() {
            let unit = floor.world.units[Int(p.unit)]
            let assistance = floor.simulation.urgentAssistance(for: p.unit).flatMap { floor.world.incident($0) }
            let place = (assistance?.place ?? p.incident.flatMap { floor.world.incident($0)?.place }).map(floor.placeName)
                ?? "position \(String(format: "%.1f, %.1f", unit.destination.x, unit.destination.y))"
            let reference = assistance.map { " urgent assistance " + Floor.reference($0.reference) } ?? ""
            let line = " \(floor.callsign(p.unit)) pressed at \(floor.clock.time(p.since)) (\(RoomClock.elapsed(floor.now - p.since)) ago)"
                + "  last known: \(place)\(reference)"
            frame.put(line, row: area.row + 1 + i, column: area.column, limit: area.width, style: alarm)
        }
    }
}
