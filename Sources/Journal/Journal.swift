import DispatchEngine
import Foundation
import GRDB

/// A session's journal: one SQLite file (WAL mode) holding how the session was started, every
/// event with its simulated and wall time and who caused it, and every action of the person at
/// the console with the point in the run it was taken at.
public final class Journal {
    /// The format this build writes; it reads this one and older. 4: the session's first events
    /// (who was on duty as the run began) are in the record too. 5: signed checkpoints. 6: which engine
    /// wrote the session (`SessionHeader.engineRevision`), so a replay runs the same one.
    public static let format = 6
    /// "CRJL": marks the file as a controlroom journal, so any other SQLite file is told apart.
    static let applicationID: Int32 = 0x4352_4A4C

    public let path: String
    private(set) var database: DatabaseQueue

    private init(path: String, database: DatabaseQueue) {
        self.path = path
        self.database = database
    }

    // MARK: Creating

    /// Creates a new journal at `path` (its folder too), readable by its owner only: it holds
    /// callers' personal details.
    public static func create(at path: String, header: SessionHeader) throws(JournalError) -> Journal {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreate(path: path, why: "its folder cannot be made")
            }
        }
        // The file is made here, 0600 and new, before SQLite opens it: SQLite gives its -wal and
        // -shm files the same permissions.
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .cannotCreate(path: path, why: String(cString: strerror(errno)))
        }
        fchmod(fd, 0o600)
        close(fd)
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try JournalSchema.migrator.migrate(database)
            try database.write { db in
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                // Older builds read the format here.
                try db.execute(sql: "PRAGMA user_version = \(format)")
                try SessionRow(header).insert(db)
            }
            return Journal(path: path, database: database)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .cannotCreate(path: path, why: "\(error)")
        }
    }

    // MARK: Opening

    /// Opens an existing journal, checking it is one, of a format this build reads, and intact.
    /// `readOnly`: for watching, replaying and reporting (a live session may be writing it).
    public static func open(at path: String, readOnly: Bool) throws(JournalError) -> Journal {
        // Only a regular file (a symlink to one will do): opening a FIFO would wait for ever, and
        // a device is never a journal.
        var status = stat()
        guard stat(path, &status) == 0 else { throw .missing(path: path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notAJournal(path: path, why: "it is a directory")
        case S_IFIFO: throw .notAJournal(path: path, why: "it is a FIFO, not a regular file")
        case S_IFCHR, S_IFBLK: throw .notAJournal(path: path, why: "it is a device, not a regular file")
        default: throw .notAJournal(path: path, why: "it is not a regular file")
        }
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(path: path, configuration: configuration(readOnly: readOnly))
        } catch {
            throw classify(error, path: path)
        }
        do {
            try database.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard application == applicationID else {
                    throw OpenProblem.notJournal("an SQLite database of something else")
                }
                guard version <= format else { throw OpenProblem.newer(version) }
                if try db.tableExists("grdb_migrations"), try JournalSchema.migrator.hasBeenSuperseded(db) {
                    throw OpenProblem.newer(version + 1)
                }
                guard try db.tableExists("session"), try db.tableExists("event"), try db.tableExists("action"),
                      try Int.fetchOne(db, sql: "SELECT count(*) FROM session") == 1 else {
                    throw OpenProblem.corrupt("its session record is missing")
                }
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
                guard check == "ok" else { throw OpenProblem.corrupt(check) }
            }
        } catch let problem as OpenProblem {
            switch problem {
            case .notJournal(let why): throw .notAJournal(path: path, why: why)
            case .newer(let version): throw .newerFormat(path: path, format: version)
            case .corrupt(let detail): throw .corrupt(path: path, detail: detail)
            }
        } catch {
            throw classify(error, path: path)
        }
        if !readOnly {
            // A journal of an older format is brought up to this one before it is written to.
            do { try JournalSchema.migrator.migrate(database) } catch { throw classify(error, path: path) }
        }
        return Journal(path: path, database: database)
    }

    private enum OpenProblem: Error {
        case notJournal(String)
        case newer(Int)
        case corrupt(String)
    }

    static func classify(_ error: Error, path: String) -> JournalError {
        guard let error = error as? DatabaseError else { return .corrupt(path: path, detail: "\(error)") }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return .notAJournal(path: path, why: "not an SQLite database")
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: "the database disk image is malformed")
        case .SQLITE_CANTOPEN: return .notAJournal(path: path, why: "it cannot be opened")
        case .SQLITE_PERM, .SQLITE_READONLY: return .notAJournal(path: path, why: "permission denied")
        default: return .corrupt(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    private static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        // A watcher reads while the session writes: wait for the writer rather than fail.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // FULL: a committed action is on disk before the console acknowledges it.
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        return configuration
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
        let last = try reading { db in
            max(try SimTime.fetchOne(db, sql: "SELECT sim_time FROM event ORDER BY seq DESC LIMIT 1") ?? 0,
                try SimTime.fetchOne(db, sql: "SELECT sim_time FROM action ORDER BY seq DESC LIMIT 1") ?? 0)
        }
        guard row.progressTime <= last + 2 * Clock.day else {
            throw .notIntact(path: path, detail: "its progress says it reached \(row.progressTime) ms, days past its last row at \(last) ms")
        }
        return row.progress
    }

    private func session() throws(JournalError) -> SessionRow {
        try reading { db in
            guard let row = try SessionRow.fetchOne(db, key: 1) else {
                throw JournalError.corrupt(path: path, detail: "its session record is missing")
            }
            return row
        }
    }

    /// The person's actions after `sequence`, in the order taken.
    public func actions(after sequence: Int64 = 0) throws(JournalError) -> [RecordedAction] {
        try reading { db in
            try ActionRow.filter(Column("seq") > sequence).order(Column("seq")).fetchAll(db).map { row in
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
        try reading { db in
            try EventRecord.filter(Column("seq") > sequence).order(Column("seq")).limit(limit).fetchAll(db)
        }
    }

    /// The format the journal was made in (`format` when this build made it).
    public func madeInFormat() throws(JournalError) -> Int {
        try reading { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 1 }
    }

    /// The signed checkpoints (their signer's public key, when, whether at the end), oldest first.
    public func checkpoints() throws(JournalError) -> [(publicKey: String, wallTime: Double, ended: Bool)] {
        try reading { db in
            guard try db.tableExists("checkpoint") else { return [] }
            return try CheckpointRow.order(Column("seq")).fetchAll(db).map { ($0.publicKey, $0.wallTime, $0.ended) }
        }
    }

    public func eventCount() throws(JournalError) -> Int {
        try reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    func reading<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do {
            return try database.read(body)
        } catch let error as JournalError {
            throw error
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    func writing(_ body: (Database) throws -> Void) throws(JournalError) {
        do {
            try database.write(body)
        } catch {
            throw .writeFailed(path: path, detail: Self.why(error))
        }
    }

    /// Why a write failed, in words an operator can act on.
    static func why(_ error: Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_READONLY, .SQLITE_PERM: return "the file cannot be written: read-only, immutable or no permission"
        case .SQLITE_IOERR: return "an input/output error on the disk"
        case .SQLITE_CONSTRAINT: return "someone else has written to it"
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "another process holds it locked"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the file is damaged or is no longer a journal"
        default: return error.message ?? "\(error.resultCode)"
        }
    }

    /// The journal's file was removed while its session ran: this connection still reads the
    /// removed file, so the whole session is copied back to the path (owner-only, as created)
    /// and written there from now on. Nothing is lost unless the copy cannot be made; then the
    /// session goes on with the removed file and this is tried again.
    func writeBack() throws(JournalError) {
        let copy = path + ".writing-back"
        unlink(copy)
        let fd = Foundation.open(copy, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .writeFailed(path: path, detail: "the journal cannot be written back: " + String(cString: strerror(errno))) }
        close(fd)
        do {
            try database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        } catch {
            unlink(copy)
            throw .writeFailed(path: path, detail: "the journal cannot be written back: " + Self.why(error))
        }
        guard rename(copy, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(copy)
            throw .writeFailed(path: path, detail: "the journal cannot be written back: " + why)
        }
        // The removed file's connection closes (its write-ahead log, named after the path, goes
        // with it); the copy is opened in its place.
        try? database.close()
        do {
            database = try DatabaseQueue(path: path, configuration: Self.configuration(readOnly: false))
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        } catch {
            throw .writeFailed(path: path, detail: "the journal written back cannot be opened: " + Self.why(error))
        }
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
