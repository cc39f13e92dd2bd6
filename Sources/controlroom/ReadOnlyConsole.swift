import Console
import ReadModel
import DispatchEngine
import Foundation
import Journal
import Terminal

/// What drives a read-only console's world: a replay moving by the wall clock, or a live
/// session followed as it is written.
protocol WorldSource: AnyObject {
    var floor: Floor { get }
    /// Moves the world on after `elapsed` wall milliseconds; says anything worth saying.
    func tick(elapsed: Double, _ state: inout ConsoleState)
    func seek(to time: SimTime, _ state: inout ConsoleState)
}

/// The console that only looks: the same panes, keys and overview as a live seat, every action
/// refused with the reason, for `controlroom watch` and `controlroom replay`.
enum ReadOnlyConsole {
    static func run(_ source: WorldSource, configure: (inout ConsoleState) -> Void) -> Int32 {
        var (terminal, state) = SiteSettings.startScreen()
        defer { terminal.stop() }
        configure(&state)
        var lastWall = DispatchTime.now().uptimeNanoseconds
        while !terminal.stopRequested {
            if let key = terminal.readKey(timeout: LiveConsole.tick) {
                var effects = Update.handle(key, &state, source.floor, size: terminal.size)
                while effects.isEmpty, let more = terminal.readKey(timeout: 0) {
                    effects += Update.handle(more, &state, source.floor, size: terminal.size)
                }
                for case .seek(let time) in effects { source.seek(to: time, &state) }
                if Effects.carryOut(effects, &state, source.floor) { break }
            }
            let wall = DispatchTime.now().uptimeNanoseconds
            source.tick(elapsed: Double(wall - lastWall) / 1e6, &state)
            lastWall = wall
            Update.foresee(&state, source.floor)
            terminal.draw(Render.frame(state, source.floor, width: terminal.size.width, height: terminal.size.height))
        }
        return 0
    }
}

/// Follows a live session from its journal: the world is rebuilt by replaying what the session
/// has made durable, so the watcher sees exactly the floor the operator sees, a tick behind.
final class Follower: WorldSource {
    let journal: Journal
    let replay: SessionReplay
    let floor: Floor
    private var sinceCheck: Double = 0
    private var saidEnded = false
    /// Since when (wall time) the recording console has not answered; nil while it does.
    private var silentSince: Double?
    /// The record stopped replaying: said once, and followed no further.
    private var diverged = false
    /// How long a live writer may go without writing its heartbeat (each tick, 40 ms) before
    /// the watcher says it stopped answering.
    static let heartbeatLimit = 1.5
    private let hold: JournalHold.Observer

    init(_ path: String) throws(JournalError) {
        hold = JournalHold.Observer(path: path)
        journal = try Journal.open(at: path, readOnly: true)
        replay = try SessionReplay(journal: journal)
        floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name)
        try replay.run(to: try journal.progress().mark)
    }

    func tick(elapsed: Double, _ state: inout ConsoleState) {
        sinceCheck += elapsed
        guard sinceCheck >= 200, !diverged else { return }
        sinceCheck = 0
        do {
            replay.take(try journal.actions(after: replay.lastAction))
            let progress = try journal.progress()
            try replay.run(to: progress.mark)
            if progress.ended && !saidEnded {
                saidEnded = true
                state.say("The session has ended at \(floor.clock.dateTime(progress.mark.time)). q to quit.")
            } else if !progress.ended {
                saidEnded = false
                heartbeat(progress, &state)
            }
        } catch {
            if case .doesNotReplay = error { diverged = true }
            state.complain("\(error)")
        }
    }

    /// A live session writes its progress every tick and holds its journal while it runs: a
    /// writer that has let go of it (killed, crashed) or gone quiet is said at once, not shown as
    /// live with a frozen clock.
    private func heartbeat(_ progress: SessionProgress, _ state: inout ConsoleState) {
        let now = Date().timeIntervalSince1970
        let answering = hold.isHeld && now - progress.wallTime < Self.heartbeatLimit
        if !answering && silentSince == nil {
            silentSince = progress.wallTime
            // The wall clock's time (not the room's), in 24-hour form, said as such.
            let at = Self.wallClock.string(from: Date(timeIntervalSince1970: progress.wallTime))
            let room = " (the room's clock: \(floor.clock.dateTime(progress.mark.time)))"
            state.banner = (state.banner ?? "").replacingOccurrences(of: " · read-only", with: "") + " · NOT ANSWERING"
            state.complain("The recording console stopped answering at \(at) by the wall clock\(room); the session did not end. "
                           + "Watching on: this carries on when it is resumed (controlroom resume \(journal.path)).")
        } else if answering, silentSince != nil {
            silentSince = nil
            state.banner = state.banner?.replacingOccurrences(of: " · NOT ANSWERING", with: " · read-only")
            state.say("The recording console is answering again; following it.")
        }
    }

    func seek(to time: SimTime, _ state: inout ConsoleState) {}

    /// "21:23:32": the wall clock in 24-hour form, whatever the locale.
    nonisolated(unsafe) static let wallClock: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.dateFormat = "HH:mm:ss"
        return f
    }()
}

/// Plays a recorded session back: the clock runs at the chosen speed from where the person sat
/// down, and can be paused or moved. Moving back rebuilds the world from the start (a night
/// replays in well under a second).
final class Playback: WorldSource {
    let path: String
    private(set) var replay: SessionReplay
    private(set) var floor: Floor
    let end: RunMark
    private var target: Double
    private var saidEnd = false

    init(_ path: String) throws(JournalError) {
        self.path = path
        let journal = try Journal.open(at: path, readOnly: true)
        end = try journal.progress().mark
        replay = try SessionReplay(journal: journal)
        floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name)
        // From the moment the person sat down: the night before it ran with the engine alone.
        let firstAction = replay.actions.first?.mark.time ?? 0
        // The whole record is replayed once first: one that does not replay is said at once.
        let check = try SessionReplay(journal: journal)
        try check.run(to: end)
        try replay.run(until: firstAction, limit: end)
        target = Double(replay.simulation.now)
    }

    func tick(elapsed: Double, _ state: inout ConsoleState) {
        target = min(target + elapsed * Double(state.speed.factor), Double(end.time))
        do {
            try replay.run(until: SimTime(target), limit: end)
        } catch {
            state.complain("\(error)")
            target = Double(replay.simulation.now)
            return
        }
        followCallScreen(&state)
        if replay.simulation.now >= end.time && !saidEnd {
            saidEnd = true
            state.say("End of the record at \(floor.clock.dateTime(end.time)). [ or :seek to go back, q to quit.")
        }
    }

    func seek(to time: SimTime, _ state: inout ConsoleState) {
        let time = min(max(0, time), end.time)
        if time < replay.simulation.now {
            do {
                let journal = try Journal.open(at: path, readOnly: true)
                replay = try SessionReplay(journal: journal)
                floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name)
            } catch {
                state.complain("\(error)")
                return
            }
        }
        do {
            try replay.run(until: time, limit: end)
        } catch {
            state.complain("\(error)")
        }
        target = Double(replay.simulation.now)
        saidEnd = false
        state.selectedIncident = nil
        state.selectedUnit = nil
        state.call = nil
        if state.mode == .call { state.mode = .normal }
        followCallScreen(&state)
    }

    /// A call handler's session replays their call screen as they had it: it opens when their seat
    /// answers a call (or rings one back) and closes when the call ends (Esc leaves it, n returns).
    private func followCallScreen(_ state: inout ConsoleState) {
        guard state.role.handlesCalls else { return }
        state.handlerSeat = floor.world.personSeats.first
        let before = state.call?.callNumber
        Update.settle(&state, floor)
        // Nothing is typed into a replayed form.
        if state.call != nil, state.call?.callNumber != before { state.call?.editing = false }
    }
}
