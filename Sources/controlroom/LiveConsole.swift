import Console
import ReadModel
import Debrief
import DispatchEngine
import Foundation
import Journal
import Scenario
import Terminal

/// Wires the console to a live simulation: keys to `Update`, the wall clock times the speed to
/// the engine, `Render` to the terminal. Simulation work per tick is bounded, so a key is never
/// kept waiting by the engine and the engine never stops while the operator types.
enum LiveConsole {
    /// Milliseconds between ticks when no key comes.
    static let tick: Int32 = 40
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
        let simulation = session.simulation
        let floor = session.floor
        let config = simulation.config
        let role = session.role
        let recorder = session.recorder
        // Ended by the operator (q): marked so, and `resume` leaves it. Stopped by a signal (a
        // dropped SSH connection, a shutdown): left resumable.
        var operatorQuit = false
        floor.recordProblem = { recorder.failure?.reason }
        /// Ends the session: what is held is tried once more, and what could not be written is said.
        func close() -> Int32 {
            let written: Bool
            if operatorQuit { written = recorder.finish() } else { recorder.flush(); written = recorder.failure == nil }
            terminal.stop()
            let path = recorder.journal.path
            if written {
                Output.print("Session recorded in \(path)\n"
                      + "  controlroom report \(path)   the figures\n"
                      + "  controlroom replay \(path)   play it back")
            } else {
                // Said, never pretended: what is in the journal is intact and resumable.
                let (events, actions) = recorder.unwritten
                FileHandle.standardError.write(Data((
                    "NOT RECORDED: the journal could not be written (\(recorder.failure?.reason ?? "unknown")): \(events) events "
                    + "and \(actions) actions of the last moments are not in \(path). Everything acknowledged is; "
                    + "controlroom resume \(path) goes on from there.\n").utf8))
            }
            return written ? 0 : 1
        }
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
        state.say("Welcome to \(session.scenario.name), seat: \(role.rawValue)"
                  + (areas.isEmpty ? "" : " for " + areas.map { floor.areaName($0) }.sorted().joined(separator: ", "))
                  + (role.handlesCalls ? ". n answers the next call" : "")
                  + (role.dispatches ? ". Enter on an incident, then 1-9 sends a recommended unit." : ".")
                  + " ? for help. " + session.welcome)
        if let i = Speed.factors.firstIndex(of: speed) { state.speed.index = i }
        var traceLog = ""
        var firstFrame = true
        var looksTraced = 0
        defer {
            if let trace { try? traceLog.write(toFile: trace, atomically: true, encoding: .utf8) }
        }
        var target = Double(simulation.now)
        var lastWall = DispatchTime.now().uptimeNanoseconds
        var ended = false
        let banner = state.banner
        var journalStopped = false

        while !terminal.stopRequested {
            let size = terminal.size
            var keyed = false
            if let key = terminal.readKey(timeout: tick) {
                keyed = true
                state.wallNow = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
                var effects = Update.handle(key, &state, floor, size: size)
                // Take whatever else is already typed before drawing (pasted or fast typing).
                while effects.isEmpty, let more = terminal.readKey(timeout: 0) {
                    effects += Update.handle(more, &state, floor, size: terminal.size)
                }
                let quit = Effects.carryOut(effects, &state, floor)
                if quit {
                    operatorQuit = true
                    break
                }
                if effects.contains(.debrief) { showDebrief(&state, recorder, width: terminal.size.width) }
            }
            let wall = DispatchTime.now().uptimeNanoseconds
            if !journalStopped {
                target = min(target + Double(wall - lastWall) / 1e6 * Double(state.speed.factor), Double(config.duration))
                advance(simulation, to: SimTime(target), until: wall + engineBudget)
            }
            lastWall = wall
            // Written every tick; after a failure, tried again each second. While it fails the
            // clock is stopped and every action refused: nothing happens that is not recorded.
            recorder.flush()
            if let failure = recorder.failure {
                let text = "JOURNAL NOT WRITTEN: \(failure.reason). Clock stopped, actions refused; retrying each second"
                if !journalStopped || state.banner != text {
                    state.complain("The journal cannot be written (\(failure.reason)): the clock is stopped and every action is "
                                   + "refused until it can be; it is tried again each second. Free space or put the file right; q quits.")
                }
                state.banner = text
                journalStopped = true
            } else if journalStopped {
                journalStopped = false
                state.banner = banner
                target = Double(simulation.now)
                state.say("The journal is written again: nothing lost. The clock goes on.")
            }
            Update.settle(&state, floor)
            Update.foresee(&state, floor)
            if !ended && simulation.now >= config.duration {
                ended = true
                state.say("End of the scenario at \(floor.clock.dateTime(simulation.now)). q to quit.")
                // A training session ends with its debrief.
                if state.training { showDebrief(&state, recorder, width: terminal.size.width) }
            }
            if state.alerts.ring {
                if !state.alerts.quiet { terminal.bell() }
                state.alerts.ring = false
            }
            Update.drawn(&state, floor)
            terminal.draw(Render.frame(state, floor, width: terminal.size.width, height: terminal.size.height))
            if trace != nil && floor.foresight.looks != looksTraced {
                looksTraced = floor.foresight.looks
                traceLog += "foresight \(DispatchTime.now().uptimeNanoseconds) \(floor.foresight.lastSeconds ?? 0)\n"
            }
            if trace != nil && (keyed || firstFrame) {
                traceLog += (firstFrame ? "first-frame " : "key ") + String(DispatchTime.now().uptimeNanoseconds) + "\n"
                firstFrame = false
            }
        }
        return close()
    }

    /// Builds the debrief from the journal as it stands (everything acknowledged is in it) and
    /// opens it over the floor.
    static func showDebrief(_ state: inout ConsoleState, _ recorder: SessionRecorder, width: Int) {
        recorder.flush()
        do {
            let debrief = try Debrief.build(path: recorder.journal.path)
            state.debriefLines = debrief.text(width: min(width, 120) - 4).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            state.helpScroll = 0
            state.overlayTitle = "Debrief"
            state.mode = .debrief
        } catch {
            state.complain("The debrief could not be built: \(error)")
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
