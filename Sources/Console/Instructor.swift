import DispatchEngine
import ReadModel

/// Training: the instructor's menu of the scenario's scripted events, any of which can be fired
/// now (a breakdown early, a second caller, an emergency button), and the debrief overlay.
extension Update {
    static func openInstructor(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.training else {
            state.complain("The instructor's menu is for training sessions: controlroom run FILE --trainee NAME")
            return []
        }
        // The floor would refuse the inject: the menu is not opened to be refused at its end.
        guard !state.clockIsFloors else {
            state.complain("The script's events are the instructor's: only they inject them.")
            return []
        }
        guard !floor.config.script.cues.isEmpty else {
            state.complain("This scenario has no scripted events to inject.")
            return []
        }
        state.injectSelection = min(state.injectSelection, floor.config.script.cues.count - 1)
        state.mode = .instructor
        return []
    }

    static func instructorKeys(_ key: Key, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        let count = floor.config.script.cues.count
        guard let action = state.keys.instructor.action(for: key) else { return [] }
        switch action {
        case .down: state.injectSelection = min(state.injectSelection + 1, count - 1)
        case .up: state.injectSelection = max(state.injectSelection - 1, 0)
        case .back: state.mode = .normal
        case .inject:
            state.mode = .normal
            return [.inject(state.injectSelection)]
        default:
            // The clock keeps its keys while the menu is open.
            return perform(action, &state, floor, size: (80, 24))
        }
        return []
    }

    static func openDebrief(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard state.training else {
            state.complain("The debrief is for training sessions; for any session: controlroom report JOURNAL")
            return []
        }
        return [.debrief]
    }

    static func debriefKeys(_ action: Action?, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if let action, !TextOverlay.scroll(action, &state.helpScroll), action == .back {
            state.mode = .normal
        }
        return []
    }
}

/// The overlays: the instructor's menu and the debrief.
enum TrainingOverlay {
    static func drawInstructor(_ frame: inout Frame, _ area: Rect, _ state: ConsoleState, _ floor: Floor) {
        let cues = floor.config.script.cues
        let width = min(area.width, 90)
        let height = min(area.height, cues.count + 4)
        let rect = Rect(row: area.row + (area.height - height) / 2, column: area.column + (area.width - width) / 2,
                        width: width, height: height)
        for r in rect.row..<(rect.row + rect.height) { frame.fill(row: r, column: rect.column, count: rect.width, style: CellStyle(.help)) }
        let inside = Render.box(&frame, rect, title: "Instructor: inject a scripted event now (Enter; Esc to close)",
                                focused: true, glyphs: state.glyphs)
        frame.put("Each fires at once, whatever its time or condition; it is journalled like any action.",
                  row: inside.row, column: inside.column + 1, limit: inside.width - 1, style: CellStyle(.help))
        let rows = inside.height - 1
        let first = max(0, min(state.injectSelection - rows / 2, cues.count - rows))
        for (i, cue) in cues.enumerated().dropFirst(first).prefix(rows) {
            let selected = i == state.injectSelection
            let text = (selected ? "> " : "  ") + "\(i + 1). " + SafeText.clean(cue.label)
                + (cue.at < floor.now ? "  (time passed)" : "")
            frame.put(text, row: inside.row + 1 + i - first, column: inside.column + 1, limit: inside.width - 1,
                      style: selected ? CellStyle(.help, bold: true, reverse: true) : CellStyle(.help))
        }
    }

    static let maxWidth = 120

    static func drawDebrief(_ frame: inout Frame, _ area: Rect, _ state: ConsoleState) {
        TextOverlay.draw(&frame, area, state.debriefLines, title: state.overlayTitle + "  (Esc to close, j/k to scroll)", maxWidth: maxWidth,
                         scroll: state.helpScroll, glyphs: state.glyphs) { line in
            !line.hasPrefix(" ") && !line.isEmpty ? CellStyle(.heading, bold: true)
                : line.hasPrefix("  - ") ? CellStyle(.error) : CellStyle(.help)
        }
    }
}
