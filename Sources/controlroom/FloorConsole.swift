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
    static func run(socket: String, name: String, seat: String, certificate: ConsoleCertificate? = nil) -> Int32 {
        // No terminal, no seat: checked before joining, so the floor's journal records no seat
        // taken and given back at once.
        guard Terminal.isInteractive else { Failure.fail("a console needs a terminal") }
        // Joined before the screen starts, so a refusal (the seat taken, by whom) is plain text.
        let session: FloorSession
        do {
            session = try FloorSession.join(path: socket, name: name, seat: seat, certificate: certificate)
        } catch {
            // The floor's check is the one that counts; this host's reading of the certificate
            // may say why it refused.
            let hint = error.refusedByFloor ? certificate?.localProblem().map { "; " + $0 } ?? "" : ""
            Failure.fail(error.description + hint, status: 1)
        }
        // Who and where the floor seated us: on a floor with a roster, the account's person.
        let name = session.name, seat = session.seat
        var (terminal, state) = SiteSettings.startScreen()
        let kind = seat.split(separator: ":").first.map { $0.lowercased() } ?? seat
        let instructor = kind == "instructor"
        let watching = kind == "watch"
        state.personName = name
        state.training = session.welcome.training
        state.clockIsFloors = !instructor
        switch kind {
        case "call-handler": state.role = .callHandler
        case "dispatcher":
            state.role = .dispatcher
            // Their area's name as the floor spells it (the seat may be typed in any case).
            if let area = seat.split(separator: ":", maxSplits: 1).dropFirst().first {
                state.ownAreas = session.floor.areaNames.filter { $0.lowercased() == area.lowercased() }
            }
        default: state.role = .supervisor; state.mode = .supervisor
        }
        let seatWords = session.floor.people.first { $0.name == name }?.seat ?? seat
        let banner = (session.welcome.training ? "TRAINING FLOOR" : "FLOOR") + " · " + SafeText.clean(name) + ", " + seatWords
            + (watching ? " · read-only" : "")
        state.banner = banner
        if watching { state.readOnly = "Watching" }
        takeCallSeat(session, &state)
        // A training floor waits for its instructor: said first, where the line is never cut.
        let waiting = session.paused && session.welcome.training
            ? (instructor ? "The floor waits for you: space starts the clock. " : "The clock starts when the instructor starts it. ") : ""
        state.say(waiting + (session.welcome.rejoined ? "Back in your seat" : "On the floor") + " of \(session.welcome.scenarioName) as \(seatWords)"
                  + (instructor ? ". I opens the script's events; space pauses and + - change the speed for everyone." : "")
                  + (state.role.handlesCalls ? ". n answers the next call" : "")
                  + (state.role.dispatches ? ". Enter on an incident, then 1-9 sends a recommended unit." : ".") + " ? for help.")
        state.speed.paused = session.paused
        state.speed.index = Speed.factors.firstIndex(of: session.speed) ?? state.speed.index
        return ConsoleLoop.run(FloorSource(session, instructor: instructor), &terminal, &state)
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

}

/// A console's world on the floor: a replica of the floor's, kept by its action stream; every
/// action sent to the floor and acknowledged once journalled; the clock the floor's. What the
/// floor says (notices, its clock, lost and back, its journal, its end) is news for `Update`.
final class FloorSource: WorldSource {
    let session: FloorSession
    let instructor: Bool
    private var lost = false
    var floor: Floor { session.floor }
    /// While the floor is lost the screen stays as it last was.
    var live: Bool { !lost }

    init(_ session: FloorSession, instructor: Bool) {
        self.session = session
        self.instructor = instructor
    }

    func carryOut(_ effects: [ConsoleEffect], before: ConsoleState, _ state: inout ConsoleState, width: Int) -> (quit: Bool, news: [WorldNews]) {
        var news: [WorldNews] = []
        // Space, + and -: the instructor's, for everyone; anyone else's is put back and said.
        if state.speed != before.speed {
            let wanted = state.speed
            state.speed = before.speed
            if !instructor {
                news.append(.problem(session.welcome.training ? "The floor's clock is the instructor's: only they pause it or change its speed."
                                     : "A shift floor's clock runs with the day, at x1: nobody pauses it or changes its speed."))
            } else {
                let answer = session.request { .clock(id: $0, paused: wanted.paused, speed: Speed.factors[wanted.index]) }
                if let refusal = answer.refusal {
                    news.append(.problem("Refused: " + refusal))
                } else {
                    state.speed = wanted
                    news.append(.said(wanted.paused ? "The floor is paused for everyone." : "The floor runs at \(wanted.label) for everyone."))
                }
            }
        }
        let quit = Effects.carryOut(effects, &state, floor)
        if effects.contains(.debrief) {
            // The person's own debrief, built by the floor from its journal.
            let answer = session.request { .debrief(id: $0, width: min(width, 120) - 4) }
            news.append(answer.refusal.map { .debriefFailed("The debrief could not be had: " + $0) }
                        ?? .debrief(title: "Debrief: " + SafeText.clean(session.name), lines: answer.lines))
        }
        return (quit, news)
    }

    func tick(elapsed: Double, _ state: ConsoleState, width: Int) -> [WorldNews] {
        session.pump().flatMap { change -> [WorldNews] in
            switch change {
            case .notice(let words): return [.said(words)]
            case .people: return []
            case .clock: return [.floorClock(paused: session.paused, speed: session.speed)]
            case .lost(let why):
                lost = true
                return [.floorLost(why)]
            case .back:
                lost = false
                // In the rebuilt world: the seat the person holds, and the floor's clock as it is.
                let simulation = session.floor.simulation
                let me = simulation.people.firstIndex(of: session.name)
                let seat = simulation.world.personSeats.last { simulation.workload.owner(of: $0) == me && me != nil }
                return [.floorBack(seat: seat), .floorClock(paused: session.paused, speed: session.speed)]
            case .journal(let problem): return [.floorJournal(problem)]
            case .ended: return [.floorStopped]
            case .broken(let why): return [.replicaBroken(why)]
            }
        }
    }

    func close(quit: Bool) -> Closing {
        session.leave()
        return Closing(code: 0, said: "Left the floor. The session goes on; its journal is kept by the floor.")
    }
}
