import DispatchEngine
import Foundation
import PostgresLink

/// A session's journal: how the session was started, every event with its simulated and wall
/// time and who caused it, and every action of a person with the point in the run it was taken
/// at. Kept in one SQLite file (WAL mode), or in a PostgreSQL database when it is named by
/// address (`postgres://USER@HOST/DB`): the same rows and the same chain either way.
public final class Journal {
    /// The format this build writes; it reads this one and older. 4: the session's first events
    /// (who was on duty as the run began) are in the record too. 5: signed checkpoints. 6: which engine
    /// wrote the session (`SessionHeader.engineRevision`), so a replay runs the same one.
    public static let format = 6
    /// "CRJL": marks the file as a controlroom journal, so any other SQLite file is told apart.
    static let applicationID: Int32 = 0x4352_4A4C

    /// The journal as named to its user: a file's path, or a database's address without its password.
    public let path: String
    /// The journal as it was given, a password in its address and all: for opening it again
    /// (its hold, a debrief), never to be shown.
    public let location: String
    let store: any JournalStore

    private init(path: String, location: String, store: any JournalStore) {
        self.path = path
        self.location = location
        self.store = store
    }

    /// Whether `location` names a journal in PostgreSQL rather than a file.
    public static func inDatabase(_ location: String) -> Bool { PostgresAddress.names(location) }

    // MARK: Creating

    /// Creates a new journal at `location`: a file (owner-only, its folder made too), or a
    /// database's address (the schema it names must hold no journal yet).
    public static func create(at location: String, header: SessionHeader) throws(JournalError) -> Journal {
        if inDatabase(location) {
            let address = try PostgresJournalStore.address(location)
            return Journal(path: address.shown, location: location, store: try PostgresJournalStore.create(at: address, header: header))
        }
        return Journal(path: location, location: location, store: try SQLiteJournalStore.create(at: location, header: header))
    }

    // MARK: Opening

    /// Opens an existing journal, checking it is one, of a format this build reads, and intact.
    /// `readOnly`: for watching, replaying and reporting (a live session may be writing it).
    public static func open(at location: String, readOnly: Bool) throws(JournalError) -> Journal {
        if inDatabase(location) {
            let address = try PostgresJournalStore.address(location)
            return Journal(path: address.shown, location: location, store: try PostgresJournalStore.open(at: address, readOnly: readOnly))
        }
        return Journal(path: location, location: location, store: try SQLiteJournalStore.open(at: location, readOnly: readOnly))
    }

    // MARK: Reading

    public func header() throws(JournalError) -> SessionHeader {
        try session().header
    }

    public func progress() throws(JournalError) -> SessionProgress {
        let row = try session()
        // Written only by the recorder, never below zero: anything else is an edited record.
        guard row.progressStep >= 0, row.progressTime >= 0 else {
            throw .corrupt(path: path, detail: "its progress is at step \(row.progressStep), \(row.progressTime) ms, which no session reaches")
        }
        // The progress is written with the rows it follows: a session quiet for two whole days
        // after its last row does not happen, and running a replay there would take for ever.
        let last = try reading { store in try store.lastSimTime() }
        guard row.progressTime <= last + 2 * Clock.day else {
            throw .notIntact(path: path, detail: "its progress says it reached \(row.progressTime) ms, days past its last row at \(last) ms")
        }
        return row.progress
    }

    func session() throws(JournalError) -> SessionRow {
        try reading { store in
            guard let row = try store.session() else {
                throw JournalError.corrupt(path: path, detail: "its session record is missing")
            }
            return row
        }
    }

    /// The person's actions after `sequence`, in the order taken.
    public func actions(after sequence: Int64 = 0) throws(JournalError) -> [RecordedAction] {
        try reading { store in
            try store.actions(after: sequence).map { row in
                guard let action = try? Coding.decoder.decode(OperatorAction.self, from: Data(row.action.utf8)) else {
                    throw JournalError.corrupt(path: path, detail: "action \(row.sequence ?? 0) cannot be read")
                }
                let refusal = row.refusal.flatMap { try? Coding.decoder.decode(CommandRefusal.self, from: Data($0.utf8)) }
                return RecordedAction(sequence: row.sequence ?? 0, action: action,
                                      mark: RunMark(step: UInt64(row.step), time: row.simTime),
                                      wallTime: row.wallTime, refusal: refusal, person: row.person)
            }
        }
    }

    /// The recorded events after `sequence`, in order, as stored (kind and JSON payload).
    public func events(after sequence: Int64 = 0, limit: Int = .max) throws(JournalError) -> [EventRecord] {
        try reading { store in try store.events(after: sequence, limit: limit) }
    }

    /// The format the journal was made in (`format` when this build made it).
    public func madeInFormat() throws(JournalError) -> Int {
        try reading { store in try store.madeInFormat() }
    }

    /// The signed checkpoints (their signer's public key, when, whether at the end), oldest first.
    public func checkpoints() throws(JournalError) -> [(publicKey: String, wallTime: Double, ended: Bool)] {
        try reading { store in try store.checkpoints().map { ($0.publicKey, $0.wallTime, $0.ended) } }
    }

    public func eventCount() throws(JournalError) -> Int {
        try reading { store in try store.eventCount() }
    }

    /// Runs `body`'s reads of this journal on one snapshot: a live session written meanwhile is
    /// not half read (a check that reads the chain, the actions and the events agrees with itself).
    public func snapshot<T>(_ body: () throws(JournalError) -> T) throws(JournalError) -> T {
        do {
            return try store.snapshot { try body() }
        } catch let error as JournalError {
            throw error
        } catch {
            throw store.readProblem(error)
        }
    }

    func reading<T>(_ body: (any JournalStore) throws -> T) throws(JournalError) -> T {
        do {
            return try body(store)
        } catch let error as JournalError {
            throw error
        } catch {
            throw store.readProblem(error)
        }
    }

    func write(_ batch: JournalBatch) throws(JournalError) {
        do {
            try store.write(batch)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .writeFailed(path: path, detail: store.writeProblem(error))
        }
    }

    /// The journal's file was removed while its session ran: copied back to its path (a file's only).
    func writeBack() throws(JournalError) {
        guard let file = store as? SQLiteJournalStore else { return }
        try file.writeBack()
    }
}

/// JSON as the journal stores it: keys sorted, so the same event is always the same text.
enum Coding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()

    /// The event's kind (its case name) and its fields as JSON, every field named (the event's
    /// coding keys name the engine's unlabelled subjects "call", "incident", "unit" and so on).
    static func split(_ event: Event) -> (kind: String, payload: String) {
        let text = String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self)
        // Encoded as {"kind":{...fields...}}: the one key is the kind.
        guard text.hasPrefix("{\""), let close = text.range(of: "\":") else { return ("unknown", text) }
        let kind = String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound])
        return (kind, String(text[close.upperBound..<text.index(before: text.endIndex)]))
    }

    static func text<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}
