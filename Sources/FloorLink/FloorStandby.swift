import DispatchEngine
import Foundation
import Journal
import PostgresLink
import ReadModel

/// A standby floor: follows a session kept in PostgreSQL as the acting floor writes it, its own
/// engine in lockstep (every action performed again at its mark, as a resume does), woken by
/// the acting floor's commits (LISTEN/NOTIFY) and reading the lease between them. When the lease
/// lapses (that floor killed, its host or network gone) it takes the next term, which ends the
/// old floor's connections, and carries the session on from the last journalled action: the
/// floor the consoles rejoin.
public final class FloorStandby {
    public let location: String
    public let holder: String
    private let journal: Journal
    private let replay: SessionReplay
    private let log: (String) -> Void
    /// Signalled by each commit of the acting floor.
    private let wake = DispatchSemaphore(value: 0)
    private var listener: PostgresLink?
    /// How often the lease is read when no commit wakes the standby.
    public static let lookEvery = 0.1

    /// Starts following the session at `location`: refused if it is a file, ended, or unreadable.
    public init(location: String, holder: String, log: @escaping (String) -> Void) throws(JournalError) {
        guard Journal.inDatabase(location) else {
            throw .notAJournal(path: location, why: "a standby follows a journal in PostgreSQL (postgres://...), not a file")
        }
        self.location = location
        self.holder = holder
        self.log = log
        journal = try Journal.open(at: location, readOnly: true)
        guard try !journal.progress().ended else { throw .ended(path: journal.path) }
        replay = try SessionReplay(journal: journal)
        let wake = wake
        listener = try journal.follow { wake.signal() }
    }

    /// Follows until the lease lapses and this standby takes the session; returns the floor it
    /// now is. Throws when the session ends (floor stop) or its record stops replaying.
    public func follow() throws(JournalError) -> FloorRoom {
        var said: Int64 = -1
        var lastLook = Date()
        var unreachable: String?
        var freeLooks = 0
        while true {
            let lease: FloorLease.Standing?
            do {
                try catchUp()
                lease = try journal.lease()
                if listener?.isOpen != true { listener = try journal.follow { [wake] in wake.signal() } }
            } catch {
                // Without the database the standby cannot know the floor's state, nor take it:
                // it says so, does not act, and tries again each second.
                guard case .unreachable(_, let why) = error else { throw error }
                if unreachable == nil { log("standby: the journal's database cannot be reached (\(why)); it does not act until it can") }
                unreachable = why
                Thread.sleep(forTimeInterval: 1)
                continue
            }
            if unreachable != nil {
                unreachable = nil
                log("standby: the journal's database is reached again")
            }
            guard let lease else {
                // A session not yet leased (its floor starting): looked at again shortly.
                _ = wake.wait(timeout: .now() + Self.lookEvery)
                continue
            }
            if lease.term != said {
                said = lease.term
                freeLooks = 0
                log("standby for \(journal.path): following the floor \(lease.holder) (term \(lease.term)) at "
                    + RoomClock(start: replay.simulation.config.calendar).dateTime(replay.simulation.now))
            }
            // The acting floor's process gone (its hold let go: the server ended its connections)
            // is known at once; a floor cut off only when its lease lapses.
            if lease.lapsed || freeLooks >= 2, let room = try takeOver(from: lease, early: !lease.lapsed) { return room }
            // Woken by a commit, or the lease looked at again within `lookEvery`. A floor writes
            // every 40 ms: after a silence its hold is looked at too.
            let waited = Date().timeIntervalSince(lastLook)
            let woken = wake.wait(timeout: .now() + max(0, Self.lookEvery - waited)) == .success
            lastLook = Date()
            freeLooks = woken ? 0 : (journal.isHeld() ? 0 : freeLooks + 1)
        }
    }

    /// The engine run to the record's last durable point, with the actions written since.
    private func catchUp() throws(JournalError) {
        let progress = try journal.progress()
        if progress.ended { throw .ended(path: journal.path) }
        replay.take(try journal.actions(after: replay.lastAction))
        try replay.run(to: progress.mark)
    }

    /// Takes the lapsed lease and the session; nil if another standby took it first.
    private func takeOver(from lapsed: FloorLease.Standing, early: Bool) throws(JournalError) -> FloorRoom? {
        let writable = try Journal.open(at: location, readOnly: false)
        let term: Int64
        do {
            term = try writable.takeLease(holder: holder, early: early, expecting: lapsed.term) ?? 0
        } catch {
            if case .leaseHeld = error { return nil }
            throw error
        }
        // Within the lease's lapse: a hold not let go by then is another's, and this term lapses.
        let hold: JournalHold
        do {
            hold = try JournalHold.taking(location, patience: FloorLease.lapse * 0.75)
        } catch {
            guard case .inUse = error else { throw error }
            log("standby: took the lease (term \(term)) but the journal is still held; following again")
            return nil
        }
        let room = try FloorRoom.resumed(replay, journal: writable, hold: hold)
        listener?.close()
        log("took over from \(lapsed.holder) ("
            + (early ? "its process gone: its hold on the journal let go" : "its lease lapsed \(String(format: "%.1f", -lapsed.remaining)) s ago")
            + ") as term \(term), at "
            + RoomClock(start: replay.simulation.config.calendar).dateTime(replay.simulation.now) + ": the last journalled action")
        return room
    }
}
