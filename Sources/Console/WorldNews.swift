import DispatchEngine
import ReadModel

/// What happened to the world a console shows that did not come from its keys: the journal
/// stopped or is written again, the scenario ended, the floor was lost or is back, the floor's
/// clock moved, the session being watched went quiet. Whatever drives the world (the engine of a
/// console of its own, a floor, a journal followed or replayed) says it as news, and `Update.news`
/// alone turns it into what the person sees, as keys are turned by `Update.handle`.
public enum WorldNews: Sendable, Equatable {
    /// A line for the status line, or a problem said as one.
    case said(String)
    case problem(String)
    /// The journal cannot be written (why): the clock is stopped and every action refused.
    case journalStopped(String)
    /// The journal is written again: nothing lost.
    case journalWritten
    /// The scenario has run to its end (its time).
    case scenarioEnded(SimTime)
    /// A debrief to show over the floor (its title and lines), or why it could not be had.
    case debrief(title: String, lines: [String])
    case debriefFailed(String)
    /// On a floor: it stopped answering (why); it is back (the world rebuilt); its clock moved;
    /// its session ended; its journal cannot be written (nil: again); this console's copy
    /// stopped matching it.
    case floorLost(String)
    /// Back on the floor: the person's call-handling seat in the rebuilt world, if they hold one.
    case floorBack(seat: HandlerIndex?)
    case floorClock(paused: Bool, speed: Int)
    case floorStopped
    case floorJournal(String?)
    case replicaBroken(String)
    /// Watching: the recording console stopped answering (when, said), or answers again.
    case recorderSilent(String)
    case recorderBack
    /// A replay moved on; or was moved (`:seek`, `[` `]`): what was selected goes, and a call
    /// handler's screen follows the recorded person's.
    case replayed
    case replaySought
}

extension Update {
    /// The world's news into the console's state: banners, read-only, the clock, the status line.
    /// Returns what the console must then do (take its call-handling seat again on a floor that
    /// is back), carried out as any key's effects are.
    @discardableResult
    public static func news(_ news: WorldNews, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        // What it says is said at the floor's time now (a tick, a seek), not the last key's.
        state.messageClock = floor.now
        switch news {
        case .said(let words):
            state.say(words)
        case .problem(let words):
            state.complain(words)
        case .journalStopped(let reason):
            let text = "JOURNAL NOT WRITTEN: \(reason). Clock stopped, actions refused; retrying each second"
            if state.bannerBeforeProblem == nil { state.bannerBeforeProblem = .some(state.banner) }
            if state.banner != text {
                state.complain("The journal cannot be written (\(reason)): the clock is stopped and every action is "
                               + "refused until it can be; it is tried again each second. Free space or put the file right; q quits.")
            }
            state.banner = text
        case .journalWritten:
            if let before = state.bannerBeforeProblem { state.banner = before }
            state.bannerBeforeProblem = nil
            state.say("The journal is written again: nothing lost. The clock goes on.")
        case .scenarioEnded(let time):
            state.say("End of the scenario at \(floor.clock.dateTime(time)). q to quit.")
        case let .debrief(title, lines):
            state.debriefLines = lines
            state.helpScroll = 0
            state.overlayTitle = title
            state.mode = .debrief
        case .debriefFailed(let why):
            state.complain(why)
        case .floorLost(let why):
            state.bannerBeforeProblem = .some(state.banner)
            state.readOnlyBefore = .some(state.readOnly)
            state.readOnly = "The floor is not answering"
            state.banner = (state.banner ?? "").replacingOccurrences(of: " · read-only", with: "") + " · FLOOR LOST · read-only, reconnecting"
            state.complain("The floor stopped answering (\(why)). This screen is as it last was, read-only; "
                           + "it reconnects by itself when the floor is back (controlroom floor resume JOURNAL).")
        case .floorBack(let seat):
            if let before = state.readOnlyBefore { state.readOnly = before }
            if let before = state.bannerBeforeProblem { state.banner = before }
            state.readOnlyBefore = nil
            state.bannerBeforeProblem = nil
            state.say("Back on the floor: everything it acknowledged is here, and you are in your seat.")
            if state.role.handlesCalls {
                state.handlerSeat = seat
                if seat == nil { return [.callSeat(true)] }
            }
        case let .floorClock(paused, speed):
            state.speed.paused = paused
            state.speed.index = Speed.factors.firstIndex(of: speed) ?? state.speed.index
        case .floorStopped:
            state.readOnly = "The floor has stopped"
            state.banner = (state.banner ?? "") + " · FLOOR STOPPED"
            state.say("The floor's session has ended. q to quit" + (state.training ? "; D for your debrief is no longer available here." : "."))
        case .floorJournal(let problem?):
            state.complain("The floor's journal cannot be written (\(problem)): its clock is stopped and every action refused until it can be.")
        case .floorJournal(nil):
            state.say("The floor's journal is written again: nothing lost. The clock goes on.")
        case .replicaBroken(let why):
            state.readOnly = "This console's copy stopped matching the floor"
            state.complain(why)
        case .recorderSilent(let words):
            state.banner = (state.banner ?? "").replacingOccurrences(of: " · read-only", with: "") + " · NOT ANSWERING"
            state.complain(words)
        case .recorderBack:
            state.banner = state.banner?.replacingOccurrences(of: " · NOT ANSWERING", with: " · read-only")
            state.say("The recording console is answering again; following it.")
        case .replayed:
            followRecordedCall(&state, floor)
        case .replaySought:
            state.selectedIncident = nil
            state.selectedUnit = nil
            state.call = nil
            if state.mode == .call || state.mode == .reply { state.mode = .normal }
            followRecordedCall(&state, floor)
        }
        return []
    }

    /// A call handler's session replays their call screen as they had it: it opens when their
    /// seat answers a call (or rings one back) and closes when the call ends; nothing is typed
    /// into a replayed form.
    static func followRecordedCall(_ state: inout ConsoleState, _ floor: Floor) {
        guard state.role.handlesCalls else { return }
        state.handlerSeat = floor.world.personSeats.first
        let before = state.call?.callNumber
        settle(&state, floor)
        if state.call != nil, state.call?.callNumber != before { state.call?.editing = false }
    }
}
