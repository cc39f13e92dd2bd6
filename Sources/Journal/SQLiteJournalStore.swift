import DispatchEngine
import Foundation
import GRDB

/// A journal in one SQLite file (WAL mode), through GRDB: the embedded default.
final class SQLiteJournalStore: JournalStore {
    let path: String
    private(set) var database: DatabaseQueue

    private init(path: String, database: DatabaseQueue) {
        self.path = path
        self.database = database
    }

    /// Creates a new journal file at `path` (its folder too), readable by its owner only: it
    /// holds callers' personal details.
    static func create(at path: String, header: SessionHeader) throws(JournalError) -> SQLiteJournalStore {
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
                try db.execute(sql: "PRAGMA application_id = \(Journal.applicationID)")
                // Older builds read the format here.
                try db.execute(sql: "PRAGMA user_version = \(Journal.format)")
                try SessionRow(header).insert(db)
            }
            return SQLiteJournalStore(path: path, database: database)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .cannotCreate(path: path, why: "\(error)")
        }
    }

    /// Opens an existing journal file, checking it is one, of a format this build reads, and
    /// intact. `readOnly`: for watching, replaying and reporting (a live session may be writing it).
    static func open(at path: String, readOnly: Bool) throws(JournalError) -> SQLiteJournalStore {
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
                guard application == Journal.applicationID else {
                    throw OpenProblem.notJournal("an SQLite database of something else")
                }
                guard version <= Journal.format else { throw OpenProblem.newer(version) }
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
        return SQLiteJournalStore(path: path, database: database)
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

    /// The snapshot's connection while `snapshot` runs (its reads share one transaction).
    private var current: Database?

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let current { return try body(current) }
        return try database.read(body)
    }

    func snapshot<T>(_ body: () throws -> T) throws -> T {
        if current != nil { return try body() }
        return try read { db in
            current = db
            defer { current = nil }
            return try body()
        }
    }

    func session() throws -> SessionRow? {
        try read { db in try SessionRow.fetchOne(db, key: 1) }
    }

    func madeInFormat() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 1 }
    }

    func lastSequences() throws -> (events: Int64, actions: Int64) {
        try read { db in
            (try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0, try Int64.fetchOne(db, sql: "SELECT max(seq) FROM action") ?? 0)
        }
    }

    func lastSimTime() throws -> SimTime {
        try read { db in
            max(try SimTime.fetchOne(db, sql: "SELECT sim_time FROM event ORDER BY seq DESC LIMIT 1") ?? 0,
                try SimTime.fetchOne(db, sql: "SELECT sim_time FROM action ORDER BY seq DESC LIMIT 1") ?? 0)
        }
    }

    func events(after sequence: Int64, limit: Int) throws -> [EventRecord] {
        try read { db in
            try EventRecord.filter(Column("seq") > sequence).order(Column("seq")).limit(limit).fetchAll(db)
        }
    }

    func actions(after sequence: Int64) throws -> [ActionRow] {
        try read { db in try ActionRow.filter(Column("seq") > sequence).order(Column("seq")).fetchAll(db) }
    }

    func checkpoints() throws -> [CheckpointRow] {
        try read { db in
            guard try db.tableExists("checkpoint") else { return [] }
            return try CheckpointRow.order(Column("seq")).fetchAll(db)
        }
    }

    func eventCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    func linkFacts() throws -> (canLink: Bool, linkedEvents: Int, rows: Int) {
        try read { db in
            // A journal of format 1 has no column for links at all.
            guard try db.columns(in: "event").contains(where: { $0.name == "link" }) else { return (false, 0, 0) }
            return (true, try Int.fetchOne(db, sql: "SELECT count(*) FROM event WHERE link IS NOT NULL") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM action)") ?? 0)
        }
    }

    func readProblem(_ error: Error) -> JournalError { Self.classify(error, path: path) }

    // MARK: Writing

    func write(_ batch: JournalBatch) throws {
        try database.write { db in
            for event in batch.events { try event.insert(db) }
            for action in batch.actions { try action.insert(db) }
            if let checkpoint = batch.checkpoint { try checkpoint.insert(db) }
            try SessionRow.filter(key: 1).updateAll(db, [
                Column("progress_step").set(to: Int64(batch.progress.mark.step)), Column("progress_time").set(to: batch.progress.mark.time),
                Column("progress_wall").set(to: batch.progress.wallTime), Column("ended").set(to: batch.progress.ended),
                Column("chain_head").set(to: batch.chainHead),
            ])
        }
        // An ended session's file holds all of it on its own (copied without its -wal, it is
        // still the whole record).
        if batch.progress.ended { try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
    }

    func writeProblem(_ error: Error) -> String {
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
            throw .writeFailed(path: path, detail: "the journal cannot be written back: " + writeProblem(error))
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
            throw .writeFailed(path: path, detail: "the journal written back cannot be opened: " + writeProblem(error))
        }
    }
}
