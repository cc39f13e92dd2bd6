import DispatchEngine
import ReadModel

/// Keys in, state changed, effects out. Pure apart from reading the floor: the same keys on the
/// same world give the same state, which is how the key-handling tests drive it.
public enum Update {
    public static func handle(_ key: Key, _ state: inout ConsoleState, _ floor: Floor, size: (width: Int, height: Int)) -> [ConsoleEffect] {
        if key == .resize { return [] }
        state.messageClock = floor.now
        if case .paste(let text) = key { return paste(text, &state) }
        if state.keys.floor.action(for: key) == .quitNow { return [.quit] }
        let table = KeyTable.current(state)
        if state.shownHeld, table.action(for: key) != .sendRecommended { state.shownHeld = false }
        switch state.mode {
        case .command, .search: return typing(key, table.action(for: key), &state, floor)
        case .help:
            // After the key: scrolled no further than the last line (a key past it not kept).
            defer {
                state.helpScroll = min(state.helpScroll, TextOverlay.furthest(HelpOverlay.shown(state), area: overlayArea(state, floor, size), maxWidth: HelpOverlay.maxWidth))
            }
            return help(table.action(for: key), &state)
        case .instructor: return instructorKeys(key, &state, floor)
        case .debrief:
            // After the key, as the help.
            defer {
                state.helpScroll = min(state.helpScroll, TextOverlay.furthest(state.debriefLines, area: overlayArea(state, floor, size), maxWidth: TrainingOverlay.maxWidth))
            }
            return debriefKeys(table.action(for: key), &state)
        case .supervisor:
            guard let action = table.action(for: key) else { return unknown(key, &state) }
            switch action {
            case .back:
                state.mode = .normal
                return []
            // The overview scrolls where it is taller than the screen.
            case .down: state.overviewScroll += 1
            case .up: state.overviewScroll = max(0, state.overviewScroll - 1)
            case .pageDown: state.overviewScroll += max(1, size.height - 6)
            case .pageUp: state.overviewScroll = max(0, state.overviewScroll - max(1, size.height - 6))
            case .top: state.overviewScroll = 0
            default: return perform(action, &state, floor, size: size)
            }
            let lines = SupervisorView.shown(state, floor, width: size.width - 4).count
            state.overviewScroll = min(state.overviewScroll, max(0, lines - (size.height - 4)))
            return []
        case .detail: return detail(key, &state, floor, size: size)
        case .call: return callKeys(key, &state, floor, size: size)
        case let .confirm(question, effects):
            state.mode = state.afterConfirm
            state.afterConfirm = .normal
            // The record shows the question was put and answered yes, before what was agreed to.
            if table.action(for: key) == .goAhead { return [.askedFirst(question)] + effects }
            state.say("Not sent.")
            // Anything but y is no, and goes no further; but a command or search line begun
            // instead of an answer is opened, so what is typed after it goes into the line,
            // never onto the board as keys (a 6 booking a unit at scene).
            if let begun = state.keys.floor.action(for: key), begun == .command || begun == .search {
                _ = perform(begun, &state, floor, size: size)
                state.say("Not sent.")
            }
            return []
        case let .reason(_, effects, done):
            return reasonKeys(key, table.action(for: key), effects, done, &state)
        case .reply:
            return replyKeys(key, table.action(for: key), &state, floor)
        case .confirmQuit:
            if table.action(for: key) == .goAhead { return [.quit] }
            state.mode = .normal
            state.say("Carrying on.")
            return []
        case .normal:
            guard let action = table.action(for: key) else { return unknown(key, &state) }
            switch action {
            case .bookState, .welfareCheck: return board(action, key, &state, floor)
            default: return perform(action, &state, floor, size: size)
            }
        }
    }

    /// Pasted text goes into the line being edited (the command or search line, or a field of
    /// the call's form), without its control characters; it never runs as keys.
    static func paste(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
        let clean = SafeText.pasted(text)
        switch state.mode {
        case .command, .search, .reply:
            state.line.insert(clean)
            state.completions = []
        case .call where state.call?.editing == true:
            var form = state.call!
            guard ![.grade, .flags].contains(form.field) else {
                state.complain("Paste ignored: this field takes a number key.")
                return []
            }
            if chosen(form) {
                form.text[form.field] = form.typed[form.field] ?? ""
                unchoose(&form)
            }
            let value = form.value(form.field)
            form.text[form.field] = value + String(clean.prefix(max(0, 300 - value.count)))
            form.matchIndex = 0
            state.call = form
        default:
            state.complain("Paste ignored: there is no line to paste into here (: opens the command line).")
        }
        return []
    }

    /// A frame is about to be drawn: what it shows that keys refer to is kept (the record's
    /// recommendations, by number).
    static func toggleMap(_ state: inout ConsoleState) {
        state.showMap.toggle()
        if state.showMap { state.focus = .map } else if state.focus == .map { state.focus = .radio }
        state.say(state.showMap ? "The map, in place of the radio log (M brings the radio back)." : "The radio log again.")
    }

    /// Where the overlays are drawn at this size.
    static func overlayArea(_ state: ConsoleState, _ floor: Floor, _ size: (width: Int, height: Int)) -> Rect {
        Layout(width: size.width, height: size.height, state: state, alarmRows: Layout.alarmRows(floor.world.pendingEmergencies.count)).main
    }

    public static func drawn(_ state: inout ConsoleState, _ floor: Floor) {
        if case .detail(let reference) = state.mode, let (id, _) = floor.incident(reference: reference) {
            if state.shownHeld && state.shownFor == reference { return }
            state.shownRecommendations = floor.recommendations(for: id).prefix(9).map(\.unit)
            state.shownFor = reference
        } else if state.shownFor != nil {
            state.shownRecommendations = []
            state.shownFor = nil
        }
    }

    /// A key this screen does not answer: said, and nothing changes.
    static func unknown(_ key: Key, _ state: inout ConsoleState, hint: String = "press ? for this screen's keys, : for commands") -> [ConsoleEffect] {
        state.complain("No key \(describe(key)) here: " + hint)
        return []
    }

    /// On the resource board: a state number books it for the selected unit, and w checks on it.
    static func board(_ action: Action, _ key: Key, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard let unit = state.selectedUnit ?? ResourcePane.rows(state, floor).first?.unit else {
            state.complain("No unit on the board.")
            return []
        }
        if action == .welfareCheck {
            state.say("Welfare check on \(floor.callsign(unit)).")
            return [.execute(.welfareCheck(unit))]
        }
        guard case .character(let c) = key, let n = c.wholeNumberValue, let status = UnitStatus(rawValue: n) else { return [] }
        state.say("\(floor.callsign(unit)) state \(n) \(Wording.status(status)).")
        return state.confirm(Risk.of(.setStatus(unit, status), floor), [.execute(.setStatus(unit, status))])
    }

    static func perform(_ action: Action, _ state: inout ConsoleState, _ floor: Floor, size: (width: Int, height: Int)) -> [ConsoleEffect] {
        let page = max(1, Layout(width: size.width, height: size.height, state: state,
                                    alarmRows: Layout.alarmRows(floor.world.pendingEmergencies.count)).rect(of: state.focus).height - 3)
        switch action {
        case .up: move(&state, floor, by: -1)
        case .down: move(&state, floor, by: 1)
        case .pageUp: move(&state, floor, by: -page)
        case .pageDown: move(&state, floor, by: page)
        case .top: move(&state, floor, by: Int.min / 2)
        case .bottom: move(&state, floor, by: Int.max / 2)
        case .open: return open(&state, floor)
        case .back:
            state.message = nil
            if state.zoomed { state.zoomed = false }
            if state.alerts.unseen != nil {
                state.alerts.unseen = nil
                return [.alertsSeen(state.alerts.list.count)]
            }
        case .nextPane, .previousPane:
            let panes = Layout.panes(for: state)
            let i = panes.firstIndex(of: state.focus) ?? 0
            state.focus = panes[(i + (action == .nextPane ? 1 : panes.count - 1)) % panes.count]
        case .answer:
            return answer(&state, floor)
        case .ringBackAbandoned:
            return ringBackAbandoned(nil, &state, floor)
        case .takeContact:
            return takeContact(&state, floor)
        case .zoom: state.zoomed.toggle()
        case .search:
            // Opens empty: typing starts a new search; Up brings back the one in force.
            state.mode = .search
            state.line = EditedLine()
        case .command:
            state.commandFrom = state.mode
            state.mode = .command
            state.line = EditedLine()
            state.completions = []
            state.historyIndex = nil
        case .togglePause:
            state.speed.paused.toggle()
            state.say(state.speed.paused ? "Paused." : "Running at \(state.speed.label).")
        case .instructor: return openInstructor(&state, floor)
        case .debrief: return openDebrief(&state)
        case .seekBack, .seekForward:
            return seek(by: (action == .seekBack ? -10 : 10) * Clock.minute, &state, floor)
        case .faster:
            state.speed.paused = false
            state.speed.index = min(state.speed.index + 1, Speed.factors.count - 1)
            state.say("Speed \(state.speed.label).")
        case .slower:
            state.speed.index = max(state.speed.index - 1, 0)
            state.say("Speed \(state.speed.label).")
        case .cycleOrder:
            let all = IncidentOrder.allCases
            state.order = all[(all.firstIndex(of: state.order)! + 1) % all.count]
            state.say("Incidents ordered by \(state.order.rawValue).")
        case .acknowledge:
            guard let first = floor.world.pendingEmergencies.first else {
                state.say("No emergency to acknowledge.")
                return []
            }
            state.say("Emergency from \(floor.callsign(first.unit)) acknowledged.")
            return [.execute(.acknowledgeEmergency(first.unit))]
        case .help:
            openHelp(&state)
        case .undo:
            return undo(&state)
        case .supervisor:
            state.mode = state.mode == .supervisor ? .normal : .supervisor
            state.overviewScroll = 0
        case .toggleMap:
            toggleMap(&state)
        case .panUp, .panDown, .panLeft, .panRight, .zoomIn, .zoomOut, .followSelected, .fitMap, .togglePlaces:
            mapKeys(action, &state, floor, size: size)
        case .quit:
            state.mode = .confirmQuit
        default:
            break   // the other screens' own actions: their handlers take them
        }
        return []
    }

    /// The map's keys: pan, zoom, follow, fit, for the map as it is laid out now.
    static func mapKeys(_ action: Action, _ state: inout ConsoleState, _ floor: Floor, size: (width: Int, height: Int)) {
        let rect = Layout(width: size.width, height: size.height, state: state).rect(of: .map)
        let columns = max(rect.width - 2, 1), rows = max(rect.height - 2, 1)
        if state.map.follow, action != .followSelected, action != .fitMap, let at = MapPane.followedPosition(state, floor) {
            state.map.centre = at   // panning or zooming from where it was following
        }
        switch action {
        case .panUp: state.map.pan(0, 1, floor.config, columns: columns, rows: rows)
        case .panDown: state.map.pan(0, -1, floor.config, columns: columns, rows: rows)
        case .panLeft: state.map.pan(-1, 0, floor.config, columns: columns, rows: rows)
        case .panRight: state.map.pan(1, 0, floor.config, columns: columns, rows: rows)
        case .zoomIn, .zoomOut:
            state.map.zoom(in: action == .zoomIn, floor.config, columns: columns, rows: rows)
            state.say("Map \(MapPane.distance(state.map.kmAcross ?? 0)) across.")
        case .followSelected:
            guard state.map.follow || MapPane.followedPosition(state, floor) != nil else {
                state.complain("Select an incident or a unit for the map to follow"); return
            }
            state.map.follow.toggle()
            state.say(state.map.follow ? "The map follows the selected incident." : "The map stays where it is.")
        case .fitMap:
            state.map.fit()
            state.say("The whole district.")
        case .togglePlaces:
            state.map.showPlaces.toggle()
            state.say(state.map.showPlaces ? "The places are on the map." : "The places are off the map (those out of reach stay).")
        default: break
        }
    }

    /// Moves the focused pane's selection, keeping it on a real row.
    static func move(_ state: inout ConsoleState, _ floor: Floor, by delta: Int) {
        switch state.focus {
        case .incidents:
            let rows = floor.incidentRows(state.query)
            guard !rows.isEmpty else { return }
            let current = rows.firstIndex { $0.reference == state.selectedIncident } ?? 0
            state.selectedIncident = rows[clamp(current, delta, rows.count)].reference
        case .resources:
            let rows = ResourcePane.rows(state, floor)
            guard !rows.isEmpty else { return }
            let current = rows.firstIndex { $0.unit == state.selectedUnit } ?? 0
            state.selectedUnit = rows[clamp(current, delta, rows.count)].unit
        case .radio:
            let count = floor.radioLines(state.radioFilter).count
            // Up goes back in time.
            state.radioBack = min(max(state.radioBack - max(min(delta, count), -count), 0), max(count - 1, 0))
        case .calls:
            break   // answered in order, not picked
        case .map:
            break   // the map's own keys pan it
        }
    }

    static func clamp(_ current: Int, _ delta: Int, _ count: Int) -> Int {
        let target = delta > 0 ? (current > Int.max - delta ? Int.max : current + delta)
                               : (current < Int.min - delta ? Int.min : current + delta)
        return min(max(target, 0), count - 1)
    }

    static func open(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        // With an emergency raised, Enter goes to it: its incident, with the units to send.
        if let emergency = floor.world.pendingEmergencies.first,
           let reference = emergency.incident.flatMap({ floor.world.incident($0)?.reference }) {
            openDetail(reference, &state, floor)
            return []
        }
        var reference: Int64?
        switch state.focus {
        case .incidents:
            let rows = floor.incidentRows(state.query)
            reference = rows.first { $0.reference == state.selectedIncident }?.reference ?? rows.first?.reference
        case .resources:
            let rows = ResourcePane.rows(state, floor)
            reference = (rows.first { $0.unit == state.selectedUnit } ?? rows.first)?.incident
            if reference == nil { state.complain("That unit is not on an incident."); return [] }
        case .radio:
            let lines = floor.radioLines(state.radioFilter)
            let index = lines.count - 1 - state.radioBack
            reference = lines.indices.contains(index) ? lines[index].reference : nil
            if reference == nil { state.complain("That message is not about an incident."); return [] }
        case .calls:
            return answer(&state, floor)
        case .map:
            // The map's incident is the one selected in the list.
            reference = floor.incidentRows(state.query).first { $0.reference == state.selectedIncident }?.reference
        }
        guard let reference else { state.complain("No incident to open."); return [] }
        openDetail(reference, &state, floor)
        return []
    }

    static func openDetail(_ reference: Int64, _ state: inout ConsoleState, _ floor: Floor) {
        guard floor.incidents.entry(reference: reference) != nil else {
            state.complain("No incident \(Floor.reference(reference)) this session."); return
        }
        state.mode = .detail(reference: reference)
        state.detailScroll = 0
        state.message = nil
    }

    /// The help, opened on the keys of the screen it was asked for from.
    static func openHelp(_ state: inout ConsoleState) {
        state.helpFor = KeyTable.current(state).name
        state.mode = .help
        state.helpScroll = 0
    }

    static func help(_ action: Action?, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if let action, !TextOverlay.scroll(action, &state.helpScroll), action == .back { state.mode = .normal }
        return []
    }

    static func detail(_ key: Key, _ state: inout ConsoleState, _ floor: Floor, size: (width: Int, height: Int)) -> [ConsoleEffect] {
        guard let action = state.keys.detail.action(for: key) else { return unknown(key, &state) }
        switch action {
        case .down: state.detailScroll += 1
        case .up: state.detailScroll = max(0, state.detailScroll - 1)
        case .pageDown: state.detailScroll += max(1, size.height - 6)
        case .pageUp: state.detailScroll = max(0, state.detailScroll - max(1, size.height - 6))
        case .top: state.detailScroll = 0
        case .back: state.mode = .normal
        case .linkIncident:
            guard case .detail(let reference) = state.mode, floor.incident(reference: reference) != nil else {
                state.complain("That incident is closed: only an open one is linked as a duplicate.")
                return []
            }
            // The command line, its first reference given: the person types the one it duplicates.
            state.commandFrom = state.mode
            state.mode = .command
            state.line = EditedLine("link \(Floor.reference(reference)) ")
            state.completions = []
            state.historyIndex = nil
            state.say("Type the reference of the incident \(Floor.reference(reference)) duplicates, then Enter.")
        case .sendRecommended:
            guard state.role.dispatches else { state.complain("Only the dispatcher sends units (this seat: \(state.role.rawValue))"); return [] }
            guard case .detail(let reference) = state.mode, let (id, _) = floor.incident(reference: reference) else {
                state.complain("That incident is closed.")
                return []
            }
            guard case .character(let c) = key, let number = c.wholeNumberValue else { return [] }
            let n = number - 1
            // The unit shown with that number on the screen the dispatcher looked at.
            guard state.shownFor == reference, state.shownRecommendations.indices.contains(n) else {
                state.complain("No recommendation \(n + 1) on the screen: \(state.shownFor == reference ? state.shownRecommendations.count : 0) shown")
                return []
            }
            let unit = state.shownRecommendations[n]
            guard let pick = floor.recommendations(for: id).first(where: { $0.unit == unit }) else {
                let now = floor.world.units[Int(unit)]
                state.complain(now.incident == id
                    ? "\(floor.callsign(unit)) is already sent to \(Floor.reference(reference)); the list has changed: look again before sending another"
                    : "\(floor.callsign(unit)) can no longer be sent (state \(now.status.rawValue) \(Wording.status(now.status))); the list has changed: look again")
                return []
            }
            state.shownHeld = true
            state.say("\(pick.divertsFrom == nil ? "Sending" : "Diverting") \(floor.callsign(pick.unit)) to \(Floor.reference(reference)).")
            let command: Command = pick.divertsFrom == nil ? .assign(pick.unit, id) : .divert(pick.unit, id)
            return state.confirm(Risk.of(command, floor), [.execute(command)])
        default:
            // Pause, speed, help and the command line work over the detail too.
            return perform(action, &state, floor, size: size)
        }
        return []
    }

    // MARK: Typing

    static func typing(_ key: Key, _ action: Action?, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        let isCommand = state.mode == .command
        if action != .complete { state.completions = []; state.completionIndex = nil }
        switch action {
        case .cancel:
            state.mode = isCommand ? state.commandFrom : .normal
            state.commandFrom = .normal
            state.line = EditedLine()
        case .run:
            let line = state.input
            state.line = EditedLine()
            if isCommand {
                // Back where the command line was opened from, unless the command goes elsewhere.
                state.mode = state.commandFrom
                let trimmed = line.trimmedOfSpaces
                if !trimmed.isEmpty && state.history.last != trimmed { state.history.append(trimmed) }
                let effects = CommandRegistry.run(trimmed, &state, floor)
                state.commandFrom = .normal
                return effects
            }
            state.mode = .normal
            state.search = SafeText.clean(line)
            state.say(line.isEmpty ? "Search cleared." : "Searching for '\(state.search)'.")
        case .earlier where !isCommand:
            state.line = EditedLine(state.search)
        case .earlier:
            guard !state.history.isEmpty else { break }
            let i = max((state.historyIndex ?? state.history.count) - 1, 0)
            state.historyIndex = i
            state.line = EditedLine(state.history[i])
        case .later:
            guard let i = state.historyIndex else { break }
            if i + 1 < state.history.count { state.historyIndex = i + 1; state.line = EditedLine(state.history[i + 1]) }
            else { state.historyIndex = nil; state.line = EditedLine() }
        case .complete:
            complete(&state, floor)
        case .help:
            state.line = EditedLine()
            openHelp(&state)
        default:
            edit(key, action, &state)
        }
        return []
    }

    /// A key on a line being typed: an editing action, or a character typed at the cursor.
    static func edit(_ key: Key, _ action: Action?, _ state: inout ConsoleState) {
        if let action {
            _ = state.line.edit(action)
        } else if case .character(let c) = key {
            state.line.insert(String(c))
        }
    }

    /// Tab: one match completes the word; several complete what they share and are listed above
    /// the line, and Tab again puts each on the line in turn.
    static func complete(_ state: inout ConsoleState, _ floor: Floor) {
        if !state.completions.isEmpty {
            let next = ((state.completionIndex ?? -1) + 1) % state.completions.count
            state.completionIndex = next
            var words = state.input.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            words[words.count - 1] = state.completions[next]
            state.line = EditedLine(words.joined(separator: " "))
            return
        }
        let before = state.input
        let (completed, matches) = CommandRegistry.completions(state.line.beforeCursor, floor)
        state.line = EditedLine(completed)
        if matches.count > 1 {
            state.completions = matches
        } else if matches.isEmpty {
            state.complain("Nothing to complete '\(before.split(separator: " ", omittingEmptySubsequences: false).last ?? "")' with.")
        }
    }

    static func describe(_ key: Key) -> String {
        switch key {
        case .character(let c): return "'\(SafeText.clean(String(c)))'"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(c)"
        case .alt(let c): return "Alt-\(SafeText.clean(String(c)))"
        case .unknown: return "(a key sequence the console does not know)"
        default: return "\(key)"
        }
    }
}
