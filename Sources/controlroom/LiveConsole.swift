import Console
import ReadModel
import Debrief
import DispatchEngine
import Foundation
import Journal
import Scenario
import Terminal

/// A console of its own: the engine run by the wall clock times the speed, the session journalled
/// as it goes; `ConsoleLoop` does the rest. Simulation work per tick is bounded, so a key is
/// never kept waiting by the engine and the engine never stops while the operator types.
enum LiveConsole {
    /// Milliseconds between ticks when no key comes.
    static let tick = ConsoleLoop.tick
    /// Most wall time the engine may take in one tick: a key pressed while it runs waits at most
    /// this, well under the 40 ms tick.
    static let engineBudget: UInt64 = 8_000_000

    /// `trace`: a file to which the times (monotonic ns) of the first frame and of each frame drawn
    /// after a key are written, for `controlroom bench`.
    /// `open`: starts or resumes the session, once the terminal is known to work (a terminal
    /// that cannot start leaves no journal behind).
    static func run(_ open: () throws(JournalError) -> LiveSession, speed: Int = 0, trace: String? = nil) -> Int32 {
        var (terminal, state) = SiteSettings.startScreen()
        let session: LiveSession
        do {
            session = try open()
        } catch {
            terminal.stop()
            Failure.fail(error.description, status: Journals.exitStatus(error))
        }
        let floor = session.floor
        let role = session.role
        let recorder = session.recorder
        floor.recordProblem = { recorder.failure?.reason }
        state.role = role
        if let trainee = session.trainee {
            state.banner = "TRAINING: " + trainee
            state.training = true
        }
        // A call handler's seat: calls ring here first, and the person answers them. A resumed
        // session already has its seat in the world.
        if let seat = floor.world.personSeats.last {
            state.handlerSeat = seat
        } else if role.handlesCalls {
            Effects.carryOut([.callSeat(true)], &state, floor)
        }
        // The supervisor's seat opens on the overview of the floor.
        if role == .supervisor { state.mode = .supervisor }
        let areas = session.areas
        // An area's dispatcher: their own units head the board.
        if role.dispatches { state.ownAreas = areas.sorted().map { floor.areaName($0) } }
        state.say("Welcome to \(session.scenario.name), seat: \(role.rawValue)"
                  + (areas.isEmpty ? "" : " for " + areas.map { floor.areaName($0) }.sorted().joined(separator: ", "))
                  + (role.handlesCalls ? ". n answers the next call" : "")
                  + (role.dispatches ? ". Enter on an incident, then 1-9 sends a recommended unit." : ".")
                  + " ? for help. " + session.welcome)
        if let i = Speed.factors.firstIndex(of: speed) { state.speed.index = i }
        return ConsoleLoop.run(LiveSource(session), &terminal, &state, trace: trace)
    }

    /// The debrief from the journal as it stands (everything acknowledged is in it), as news.
    static func debrief(_ recorder: SessionRecorder, width: Int) -> WorldNews {
        recorder.flush()
        do {
            let debrief = try Debrief.build(path: recorder.journal.path)
            return .debrief(title: "Debrief", lines: debrief.text(width: min(width, 120) - 4).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        } catch {
            return .debriefFailed("The debrief could not be built: \(error)")
        }
    }

    /// Runs the engine towards `target`, stopping at the deadline; the rest waits for the next tick.
    static func advance(_ simulation: Simulation, to target: SimTime, until deadline: UInt64) {
        var steps = 0
        while simulation.step(limit: target) {
            steps += 1
            if steps % 64 == 0 && DispatchTime.now().uptimeNanoseconds > deadline { return }
        }
        simulation.advance(to: target)
    }
}

/// The world of a console of its own: the engine moved on by the wall clock at the console's
/// speed, the journal written every tick; what happens to either said as news.
final class LiveSource: WorldSource {
    let session: LiveSession
    var floor: Floor { session.floor }
    private var target: Double
    private var journalStopped = false
    private var ended = false

    init(_ session: LiveSession) {
        self.session = session
        target = Double(session.simulation.now)
    }

    func carryOut(_ effects: [ConsoleEffect], before: ConsoleState, _ state: inout ConsoleState, width: Int) -> (quit: Bool, news: [WorldNews]) {
        let quit = Effects.carryOut(effects, &state, floor)
        return (quit, effects.contains(.debrief) ? [LiveConsole.debrief(session.recorder, width: width)] : [])
    }

    func tick(elapsed: Double, _ state: ConsoleState, width: Int) -> [WorldNews] {
        let simulation = session.simulation, recorder = session.recorder
        let duration = Double(simulation.config.duration)
        var news: [WorldNews] = []
        if !journalStopped {
            target = min(target + elapsed * Double(state.speed.factor), duration)
            LiveConsole.advance(simulation, to: SimTime(target), until: DispatchTime.now().uptimeNanoseconds + LiveConsole.engineBudget)
        }
        // Written every tick; after a failure, tried again each second. While it fails the
        // clock is stopped and every action refused: nothing happens that is not recorded.
        recorder.flush()
        if let failure = recorder.failure {
            journalStopped = true
            news.append(.journalStopped(failure.reason))
        } else if journalStopped {
            journalStopped = false
            target = Double(simulation.now)
            news.append(.journalWritten)
        }
        if !ended && simulation.now >= simulation.config.duration {
            ended = true
            news.append(.scenarioEnded(simulation.now))
            // A training session ends with its debrief.
            if state.training { news.append(LiveConsole.debrief(recorder, width: width)) }
        }
        return news
    }

    /// Ended by the operator (q): marked so, and `resume` leaves it. Stopped by a signal (a
    /// dropped SSH connection, a shutdown): left resumable. What could not be written is said.
    func close(quit: Bool) -> Closing {
        let recorder = session.recorder
        let written: Bool
        if quit { written = recorder.finish() } else { recorder.flush(); written = recorder.failure == nil }
        let path = recorder.journal.path
        if written {
            return Closing(code: 0, said: "Session recorded in \(path)\n"
                           + "  controlroom report \(path)   the figures\n"
                           + "  controlroom replay \(path)   play it back")
        }
        // Said, never pretended: what is in the journal is intact and resumable.
        let (events, actions) = recorder.unwritten
        return Closing(code: 1, problem: "NOT RECORDED: the journal could not be written (\(recorder.failure?.reason ?? "unknown")): \(events) events "
                       + "and \(actions) actions of the last moments are not in \(path). Everything acknowledged is; "
                       + "controlroom resume \(path) goes on from there.\n")
    }
}
