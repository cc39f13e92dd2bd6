import Console
import ReadModel
import DispatchEngine
import Foundation
import Journal
import Terminal

/// The console that only looks: the same panes, keys and overview as a live seat, every action
/// refused with the reason, for `controlroom watch` and `controlroom replay`, on the one loop.
enum ReadOnlyConsole {
    static func run(_ source: WorldSource, configure: (inout ConsoleState) -> Void) -> Int32 {
        var (terminal, state) = SiteSettings.startScreen()
        configure(&state)
        return ConsoleLoop.run(source, &terminal, &state)
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

    var live: Bool { false }

    func tick(elapsed: Double, _ state: ConsoleState, width: Int) -> [WorldNews] {
        sinceCheck += elapsed
        guard sinceCheck >= 200, !diverged else { return [] }
        sinceCheck = 0
        do {
            replay.take(try journal.actions(after: replay.lastAction))
            let progress = try journal.progress()
            try replay.run(to: progress.mark)
            if progress.ended && !saidEnded {
                saidEnded = true
                return [.said("The session has ended at \(floor.clock.dateTime(progress.mark.time)). q to quit.")]
            } else if !progress.ended {
                saidEnded = false
                return heartbeat(progress)
            }
        } catch {
            if case .doesNotReplay = error { diverged = true }
            return [.problem("\(error)")]
        }
        return []
    }

    /// A live session writes its progress every tick and holds its journal while it runs: a
    /// writer that has let go of it (killed, crashed) or gone quiet is said at once, not shown as
    /// live with a frozen clock.
    private func heartbeat(_ progress: SessionProgress) -> [WorldNews] {
        let now = Date().timeIntervalSince1970
        let answering = hold.isHeld && now - progress.wallTime < Self.heartbeatLimit
        if !answering && silentSince == nil {
            silentSince = progress.wallTime
            // The wall clock's time (not the room's), in 24-hour form, said as such.
            let at = Self.wallClock.string(from: Date(timeIntervalSince1970: progress.wallTime))
            let room = " (the room's clock: \(floor.clock.dateTime(progress.mark.time)))"
            return [.recorderSilent("The recording console stopped answering at \(at) by the wall clock\(room); the session did not end. "
                                    + "Watching on: this carries on when it is resumed (controlroom resume \(journal.path)).")]
        } else if answering, silentSince != nil {
            silentSince = nil
            return [.recorderBack]
        }
        return []
    }

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

    var live: Bool { false }

    func tick(elapsed: Double, _ state: ConsoleState, width: Int) -> [WorldNews] {
        target = min(target + elapsed * Double(state.speed.factor), Double(end.time))
        do {
            try replay.run(until: SimTime(target), limit: end)
        } catch {
            target = Double(replay.simulation.now)
            return [.problem("\(error)")]
        }
        var news: [WorldNews] = [.replayed]
        if replay.simulation.now >= end.time && !saidEnd {
            saidEnd = true
            news.append(.said("End of the record at \(floor.clock.dateTime(end.time)). [ or :seek to go back, q to quit."))
        }
        return news
    }

    func carryOut(_ effects: [ConsoleEffect], before: ConsoleState, _ state: inout ConsoleState, width: Int) -> (quit: Bool, news: [WorldNews]) {
        var news: [WorldNews] = []
        for case .seek(let time) in effects { news += seek(to: time) }
        return (Effects.carryOut(effects, &state, floor), news)
    }

    /// Moves the replay's clock: back means rebuilding the world from the start.
    func seek(to time: SimTime) -> [WorldNews] {
        let time = min(max(0, time), end.time)
        if time < replay.simulation.now {
            do {
                let journal = try Journal.open(at: path, readOnly: true)
                replay = try SessionReplay(journal: journal)
                floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name)
            } catch {
                return [.problem("\(error)")]
            }
        }
        var news: [WorldNews] = []
        do {
            try replay.run(until: time, limit: end)
        } catch {
            news.append(.problem("\(error)"))
        }
        target = Double(replay.simulation.now)
        saidEnd = false
        return news + [.replaySought]
    }
}
