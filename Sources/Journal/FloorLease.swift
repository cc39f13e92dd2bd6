import Foundation
import PostgresLink

/// Which floor acts on a session kept in PostgreSQL. The acting floor holds a lease: a row with
/// its term, its name and when it lapses, renewed by every write it makes (the floor writes each
/// 40 ms), lapsing `lapse` seconds after the last. A standby takes the session only once the
/// lease has lapsed, with the next term; and every write checks the term in its own transaction
/// (a fence), so a floor cut off and come back finds its lease lost and writes nothing more.
/// Never two floors acting on one session. A file's journal has no lease: its hold is enough.
public enum FloorLease {
    /// Seconds without a write after which the acting floor is taken for gone.
    public static let lapse = 2.0

    public struct Standing: Sendable, Equatable {
        public var term: Int64
        /// The floor holding it, by name (`host (pid N)`, or `--name`).
        public var holder: String
        /// Seconds until it lapses (zero or less: lapsed).
        public var remaining: Double
        public var lapsed: Bool { remaining <= 0 }
    }

    /// The channel the acting floor notifies at each commit (`controlroom_SCHEMA`).
    static func channel(_ address: PostgresAddress) -> String { "controlroom_" + address.schema }

    /// A floor's name for the lease: its host and process.
    public static func defaultHolder() -> String {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + " (pid \(getpid()))"
    }
}

extension Journal {
    private var database: PostgresJournalStore? { store as? PostgresJournalStore }

    /// The lease on this session (nil: a file's journal, or none taken yet).
    public func lease() throws(JournalError) -> FloorLease.Standing? {
        guard let database else { return nil }
        return try reading { _ in try database.lease() }
    }

    /// Takes the lease for `holder`: refused while another floor's has not lapsed, unless
    /// `early`: its floor is known gone (its hold on the journal let go: the process died and the
    /// server ended its connections). From then on every write of this journal is fenced by the
    /// term, so even a floor taken for gone wrongly writes nothing more. `expecting`: only from
    /// this term (the one the taker saw lapse), not one another taker has just taken (nil: a file's journal).
    @discardableResult
    public func takeLease(holder: String, early: Bool = false, expecting: Int64? = nil) throws(JournalError) -> Int64? {
        guard let database else { return nil }
        do {
            return try database.takeLease(holder: holder, early: early, expecting: expecting)
        } catch let error as JournalError {
            throw error
        } catch {
            throw database.readProblem(error)
        }
    }

    /// Whether a floor holds the journal now (its hold, an advisory lock, is taken): false once
    /// the acting floor's process is gone, before its lease lapses.
    /// Unknown (the server not answering) is taken as held.
    public func isHeld() -> Bool {
        guard let database else { return false }
        return (try? database.holdTaken()) ?? true
    }

    /// The floor that has taken this one's lease, if one has (nil: still this floor's, or no lease).
    public func leaseTakenBy() -> String? {
        guard let database, let mine = database.term, let lease = try? database.lease(), lease.term != mine else { return nil }
        return lease.holder
    }

    /// Calls `heard` each time the acting floor commits a write (nil: a file's journal, which
    /// is read again on a timer instead). Keep the returned link: listening ends with it.
    public func follow(_ heard: @escaping @Sendable () -> Void) throws(JournalError) -> PostgresLink? {
        guard let database else { return nil }
        return try reading { _ in try database.follow(heard) }
    }
}
