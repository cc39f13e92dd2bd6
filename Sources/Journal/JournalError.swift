/// Why a journal could not be opened or written, said so an operator knows what to do.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case notAJournal(path: String, why: String)
    case newerFormat(path: String, format: Int)
    case corrupt(path: String, detail: String)
    case cannotCreate(path: String, why: String)
    case alreadyExists(path: String)
    case unreadableScenario(path: String, detail: String)
    case writeFailed(path: String, detail: String)
    case inUse(path: String)
    case doesNotReplay(path: String, detail: String)
    case notIntact(path: String, detail: String)
    /// A journal in a database whose server cannot be reached, or refused the login.
    case unreachable(path: String, why: String)
    /// Another floor holds the session's lease (its name, seconds until it lapses).
    case leaseHeld(path: String, holder: String, remaining: Double)
    /// This floor's lease was taken by another floor (its name): it acts no more.
    case leaseLost(path: String, to: String)
    /// The session was ended (floor stop, or q at its console): it is over, not resumed.
    case ended(path: String)

    /// Why, without the path: what the console's banner and refusals say.
    public var reason: String {
        if case .writeFailed(_, let detail) = self { return detail }
        return description
    }

    public var description: String {
        switch self {
        case .missing(let path) where Journal.inDatabase(path):
            return "\(path): no journal in that database; expected the address (and ?schema=) a controlroom floor was started with"
        case .missing(let path):
            return "\(path): no such journal; expected a journal file written by controlroom"
        case let .unreachable(path, why):
            return "\(path): cannot reach the journal's database (\(why)); expected a PostgreSQL server at that address "
                + "that takes this user: check it runs, the address, and the password (PGPASSWORD)"
        case let .notAJournal(path, why):
            return "\(path): not a controlroom journal (\(why)); expected a file written by controlroom run"
        case let .newerFormat(path, format):
            return "\(path): written by a newer controlroom (journal format \(format)); this one reads format \(Journal.format) or older: use a newer controlroom"
        case let .corrupt(path, detail):
            return "\(path): the journal is corrupt (\(detail)); expected an intact journal: restore it from a copy"
        case let .cannotCreate(path, why):
            return "\(path): cannot create the journal (\(why))"
        case .alreadyExists(let path):
            return "\(path): a journal is already there; expected a new file name"
        case let .unreadableScenario(path, detail):
            return "\(path): the scenario recorded in the journal does not load: \(detail)"
        case let .writeFailed(path, detail):
            return "\(path): writing the journal failed (\(detail))"
        case let .doesNotReplay(path, detail):
            return "\(path): the journal does not replay (\(detail)); expected the record of its own scenario and seed: "
                + "it was altered, or is damaged (controlroom verify \(path) says where)"
        case let .notIntact(path, detail):
            return "\(path): the record is not intact (\(detail)); expected a journal as controlroom wrote it: "
                + "restore it from a copy (controlroom verify \(path) says where)"
        case let .leaseHeld(path, holder, remaining):
            return "\(path): the floor \(holder) acts on this session (its lease runs \(String(format: "%.1f", remaining)) s more); "
                + "expected a session whose floor is gone: a standby takes it once the lease lapses"
        case let .leaseLost(path, holder):
            return "\(path): this floor's lease on the session was taken by \(holder); it acts no more"
        case .ended(let path):
            return "\(path): that session was ended (floor stop); a finished session is not resumed: "
                + "report, replay or debrief it, or start a new floor"
        case .inUse(let path):
            return "\(path): another console is writing this session now; expected a journal no console has open: "
                + "watch it with: controlroom watch \(path)"
        }
    }
}
