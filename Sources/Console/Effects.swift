import DispatchEngine
import ReadModel

/// Carries out what the console asked for: commands go to the engine as the person's (refusals
/// are said on the status line), seats are taken or handed back. Shared by the live console and
/// the tests, so both go through the same path.
public enum Effects {
    /// Returns whether the person asked to quit.
    @discardableResult
    public static func carryOut(_ effects: [ConsoleEffect], _ state: inout ConsoleState, _ floor: Floor) -> Bool {
        /// The floor's question, when it asks before an action (another dispatcher's area).
        var asked: String?
        /// The engine's answer: true if done; a refusal is said on the bottom line. A question
        /// from the floor (another dispatcher's area) is kept in `asked`.
        func run(_ action: OperatorAction, across: Bool = false) -> Bool {
            if let why = state.readOnly {
                state.complain(why + ": read-only, nothing was changed.")
                return false
            }
            // No acknowledgement without the record: refused while the record cannot be written.
            if let why = floor.recordProblem() {
                state.complain("Refused: the journal cannot be written (\(why)); nothing was changed.")
                return false
            }
            if let send = floor.sendAction {
                switch send(action, across) {
                case .done: return true
                case .refused(let refusal): state.complain("Refused: " + Wording.refusal(refusal, callsigns: floor.callsigns))
                case .notTaken(let words): state.complain(words)
                case .asks(let question): asked = SafeText.clean(question)
                }
                return false
            }
            do {
                try floor.simulation.perform(action)
            } catch {
                state.complain(floor.recordProblem().map { "NOT RECORDED (\($0)): refused, and the refusal is not yet in the journal." }
                               ?? "Refused: " + Wording.refusal(error, callsigns: floor.callsigns))
                return false
            }
            if let why = floor.recordProblem() {
                // Taken, but its record failed: held, and written as soon as the journal works.
                state.complain("NOT ACKNOWLEDGED: the journal could not be written (\(why)). The action is held and is "
                               + "written when the journal works again; the clock is stopped until then.")
                return false
            }
            return true
        }
        var quit = false
        for (index, effect) in effects.enumerated() {
            switch effect {
            case .quit:
                quit = true
            case .seek, .debrief:
                continue   // the replay's or the live console's own loop does these
            case .inject(let cue):
                if run(.inject(cue: cue)) { state.say("Injected: " + floor.config.script.cues[cue].label + ".") }
            case .mark(let text):
                if run(.mark(text)) { state.marksShown = floor.marks.count; state.say("Marked at \(floor.clock.time(floor.now)) for the debrief.") }
            case .dispatchSeat(let areas):
                // The role changes only once the seat is the person's (on a floor, once the floor agrees).
                if run(.dispatchSeat(areas: areas.map { $0.sorted() })) {
                    state.role = state.role.dispatching(areas != nil)
                    state.ownAreas = (areas ?? []).sorted().map(floor.areaName)
                }
            case .callSeat(true):
                guard state.handlerSeat == nil, run(.command(.seatCallHandler)) else { continue }
                state.handlerSeat = HandlerIndex(floor.world.handlers.count - 1)
                state.role = state.role.handlingCalls(true)
            case .callSeat(false):
                guard let seat = state.handlerSeat, run(.command(.leaveCallHandlerSeat(seat))) else { continue }
                state.handlerSeat = nil
                state.role = state.role.handlingCalls(false)
            case .execute(let command), .executeAcross(let command):
                let undo = Undo.of(command, floor, now: state.wallNow)
                let across = if case .executeAcross = effect { true } else { false }
                // `u` undoes the person's last action: one that cannot be undone leaves nothing to undo.
                if run(.command(command), across: across) { state.undo = undo }
                if let question = asked { return ask(question, [.executeAcross(command)] + effects[(index + 1)...]) }
            case .undo(let commands), .undoAcross(let commands):
                let across = if case .undoAcross = effect { true } else { false }
                for (k, command) in commands.enumerated() where !run(.command(command), across: across) {
                    if asked != nil { return ask(asked!, [.undoAcross(Array(commands[k...]))] + effects[(index + 1)...]) }
                    break
                }
            case .alertsSeen(let count):
                // Watching or replaying, nobody's seeing is recorded.
                if state.readOnly == nil { _ = run(.alertsSeen(count: count)) }
            case .askedFirst(let question):
                // Not recorded, not done: what was agreed to waits for a journal that works.
                if state.readOnly == nil, !run(.askedFirst(question)) { return quit }
            }
        }
        Update.settle(&state, floor)
        return quit

        /// The floor asked before an action: it, and what was still to do with it (a message to
        /// each unit of an area, the rest of an undo), wait for one answer; y sends them all as
        /// `across`.
        func ask(_ question: String, _ rest: [ConsoleEffect]) -> Bool {
            let more = rest.dropFirst().filter { if case .execute = $0 { true } else { false } }.count
            let waiting = rest.map { e -> ConsoleEffect in if case .execute(let c) = e { .executeAcross(c) } else { e } }
            _ = state.confirm(question + (more > 0 ? " (and \(more) more like it)" : ""), waiting)
            Update.settle(&state, floor)
            return quit
        }
    }
}
