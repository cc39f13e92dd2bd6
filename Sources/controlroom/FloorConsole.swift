import Console
import DispatchEngine
import FloorLink
import Foundation
import ReadModel
import Terminal

/// A console on the floor: the same panes and keys as a console of its own, with the world a
/// replica of the floor's (`FloorSession`) and every action sent to the floor, acknowledged once
/// the floor has journalled it. The clock is the floor's: only the instructor moves it.
enum FloorConsole {
    static func run(socket: String, name: String, seat: String) -> Int32 {
        // No terminal, no seat: checked before joining, so the floor's journal records no seat
        // taken and given back at once.
        guard Terminal.isInteractive else { Failure.fail("a console needs a terminal") }
        // Joined before the screen starts, so a refusal (the seat taken, by whom) is plain text.
        let session: FloorSession
        do {
            session = try FloorSession.join(path: socket, name: name, seat: seat)
        } catch {
            Failure.fail(error.description, status: 1)
        }
        var (terminal, state) = SiteSettings.startScreen()
        let kind = seat.split(separator: ":").first.map { $0.lowercased() } ?? seat
        let instructor = kind == "instructor"
        let watching = kind == "watch"
        state.personName = name
        state.training = session.welcome.training
        switch kind {
        case "call-handler": state.role = .callHandler
        case "dispatcher": state.role = .dispatcher
        default: state.role = .supervisor; state.mode = .supervisor
        }
        let seatWords = session.floor.people.first { $0.name == name }?.seat ?? seat
        let banner = (session.welcome.training ? "TRAINING FLOOR" : "FLOOR") + " · " + SafeText.clean(name) + ", " + seatWords
            + (watching ? " · read-only" : "")
        state.banner = banner
        if watching { state.readOnly = "Watching" }
        takeCallSeat(session, &state)
        state.say((session.welcome.rejoined ? "Back in your seat" : "On the floor") + " of \(session.welcome.scenarioName) as \(seatWords)"
                  + (instructor ? ". I opens the script's events; space pauses and + - change the speed for everyone." : "")
                  + (state.role.handlesCalls ? ". n answers the next call" : "")
                  + (state.role.dispatches ? ". Enter on an incident, then 1-9 sends a recommended unit." : ".") + " ? for help."
                  + (session.paused && session.welcome.training ? (instructor ? " The floor waits for you: space starts the clock." : " The clock starts when the instructor starts it.") : ""))
        followClock(session, &state)
        var lost = false

        while !terminal.stopRequested {
            let floor = session.floor
            if let key = terminal.readKey(timeout: LiveConsole.tick) {
                state.wallNow = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
                let speed = state.speed
                var effects = Update.handle(key, &state, floor, size: terminal.size)
                while effects.isEmpty, let more = terminal.readKey(timeout: 0) {
                    effects += Update.handle(more, &state, floor, size: terminal.size)
                }
                if state.speed != speed { clock(session, &state, from: speed, instructor: instructor) }
                if Effects.carryOut(effects, &state, floor) { break }
                if effects.contains(.debrief) { debrief(session, &state, width: terminal.size.width) }
            }
            for change in session.pump() {
                switch change {
                case .notice(let words): state.say(words)
                case .people: break
                case .clock: followClock(session, &state)
                case .lost(let why):
                    lost = true
                    state.readOnly = "The floor is not answering"
                    state.banner = banner.replacingOccurrences(of: " · read-only", with: "") + " · FLOOR LOST · read-only, reconnecting"
                    state.complain("The floor stopped answering (\(why)). This screen is as it last was, read-only; "
                                   + "it reconnects by itself when the floor is back (controlroom floor resume JOURNAL).")
                case .back:
                    lost = false
                    state.readOnly = watching ? "Watching" : nil
                    state.banner = banner
                    takeCallSeat(session, &state)
                    followClock(session, &state)
                    state.say("Back on the floor: everything it acknowledged is here, and you are in your seat.")
                case .journal(let problem?):
                    state.complain("The floor's journal cannot be written (\(problem)): its clock is stopped and every action refused until it can be.")
                case .journal(nil):
                    state.say("The floor's journal is written again: nothing lost. The clock goes on.")
                case .ended:
                    state.readOnly = "The floor has stopped"
                    state.banner = banner + " · FLOOR STOPPED"
                    state.say("The floor's session has ended. q to quit" + (state.training ? "; D for your debrief is no longer available here." : "."))
                case .broken(let why):
                    state.readOnly = "This console's copy stopped matching the floor"
                    state.complain(why)
                }
            }
            let floorNow = session.floor
            Update.settle(&state, floorNow)
            Update.foresee(&state, floorNow)
            if state.alerts.ring {
                if !state.alerts.quiet { terminal.bell() }
                state.alerts.ring = false
            }
            if !lost { Update.drawn(&state, floorNow) }
            terminal.draw(Render.frame(state, floorNow, width: terminal.size.width, height: terminal.size.height))
        }
        session.leave()
        terminal.stop()
        Output.print("Left the floor. The session goes on; its journal is kept by the floor.")
        return 0
    }

    /// A call handler's seat: the one they hold (rejoined), else a new one.
    private static func takeCallSeat(_ session: FloorSession, _ state: inout ConsoleState) {
        guard state.role.handlesCalls else { return }
        let simulation = session.floor.simulation
        let me = simulation.people.firstIndex(of: session.name)
        if let mine = simulation.world.personSeats.last(where: { simulation.workload.owner(of: $0) == me && me != nil }) {
            state.handlerSeat = mine
        } else {
            state.handlerSeat = nil
            Effects.carryOut([.callSeat(true)], &state, session.floor)
        }
    }

    /// The floor's clock on this console's status line.
    private static func followClock(_ session: FloorSession, _ state: inout ConsoleState) {
        state.speed.paused = session.paused
        state.speed.index = Speed.factors.firstIndex(of: session.speed) ?? state.speed.index
    }

    /// Space, + and -: the instructor's, for everyone; anyone else's is put back and said.
    private static func clock(_ session: FloorSession, _ state: inout ConsoleState, from before: Speed, instructor: Bool) {
        let wanted = state.speed
        state.speed = before
        guard instructor else {
            state.complain("The floor's clock is the instructor's: only they pause it or change its speed.")
            return
        }
        let answer = session.request { .clock(id: $0, paused: wanted.paused, speed: Speed.factors[wanted.index]) }
        if let refusal = answer.refusal {
            state.complain("Refused: " + refusal)
        } else {
            state.speed = wanted
            state.say(wanted.paused ? "The floor is paused for everyone." : "The floor runs at \(wanted.label) for everyone.")
        }
    }

    /// The person's own debrief, built by the floor from its journal.
    private static func debrief(_ session: FloorSession, _ state: inout ConsoleState, width: Int) {
        let answer = session.request { .debrief(id: $0, width: min(width, 120) - 4) }
        if let refusal = answer.refusal {
            state.complain("The debrief could not be had: " + refusal)
            return
        }
        state.debriefLines = answer.lines
        state.helpScroll = 0
        state.overlayTitle = "Debrief: " + SafeText.clean(session.name)
        state.mode = .debrief
    }
}
