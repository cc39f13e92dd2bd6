import Foundation
import PostgresLink
import PostgresNIO

/// The one console writing a journal holds it: an exclusive `flock` on the file for as long as
/// the session runs, so a second console given the same journal is refused at start (it used to
/// open it and then lose every action), and a watcher can tell a writer that died (the hold goes
/// with its process) from one that is only quiet. Also keeps which file it holds, so that a journal
/// removed, replaced or made immutable under the session is noticed before the next write.
///
/// A journal in PostgreSQL is held by an advisory lock on a connection of the hold's own: the
/// server lets it go when that connection ends (the process died, the network was cut).
///
/// Never closes a descriptor of a file SQLite has open: closing any descriptor of a file drops
/// every POSIX lock the process holds on it, SQLite's included, and a second process then takes
/// the shared memory for its own and truncates it under the first (which died of SIGBUS).
public final class JournalHold {
    public let path: String
    private var descriptor: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64) = (0, 0)
    /// The write-ahead log and the shared memory, opened once each and kept open (see above).
    private var companions: [String: (fd: Int32, inode: UInt64)] = [:]

    /// The connection holding a database journal's lock (nil: a file's hold).
    private var lockLink: PostgresLink?

    /// Takes the hold on the journal at `path` (before SQLite opens it), or says who has it.
    public init(path: String) throws(JournalError) {
        self.path = path
        if Journal.inDatabase(path) { try takeInDatabase() } else { try take() }
    }

    /// The advisory lock's two keys: "CRJL", and the schema's name hashed by the server.
    static let lockClass = Int32(Journal.applicationID)

    /// Whether any connection holds the journal's advisory lock (`held`).
    static func heldQuery(_ address: PostgresAddress) -> PostgresQuery {
        """
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = \(lockClass)::oid
        AND objid = (hashtext(\(address.schema)) & 2147483647)::oid AND objsubid = 2 AND granted) AS held
        """
    }

    private func takeInDatabase() throws(JournalError) {
        let address = try PostgresJournalStore.address(path)
        let link: PostgresLink
        do { link = try PostgresLink.connect(address, as: .floor) } catch { throw .unreachable(path: address.shown, why: "\(error)") }
        let held = (try? link.rows("SELECT pg_try_advisory_lock(\(Self.lockClass), hashtext(\(address.schema)) & 2147483647) AS held")
            .first?.value("held", as: Bool.self)) ?? nil
        guard held == true else {
            link.close()
            throw .inUse(path: address.shown)
        }
        lockLink = link
    }

    /// Takes a database journal's hold, waiting (up to `patience` s) for the server to let go of
    /// an old floor's: its connections were just ended by the lease's taker.
    public static func taking(_ path: String, patience: Double = 5) throws(JournalError) -> JournalHold {
        let deadline = Date(timeIntervalSinceNow: patience)
        while true {
            do {
                return try JournalHold(path: path)
            } catch {
                guard case .inUse = error, Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// Takes a database journal's hold again after its connection was lost: refused if another
    /// floor has taken it meanwhile.
    func retake() throws(JournalError) {
        lockLink?.close()
        lockLink = nil
        try takeInDatabase()
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        for (_, c) in companions { close(c.fd) }
    }

    private func take() throws(JournalError) {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missing(path: path) }
            throw .writeFailed(path: path, detail: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .inUse(path: path)
        }
        var status = stat()
        fstat(fd, &status)
        // The file it held before is gone from the path and from SQLite: its descriptor may go.
        if descriptor >= 0 { close(descriptor) }
        descriptor = fd
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    /// What is at the journal's path now, against the file this session writes.
    public enum Standing: Equatable {
        case same
        /// Nothing is there (removed, or its folder was).
        case removed
        /// A database journal's hold went with its connection: another floor may have it now.
        case lost
        /// Another file is there, or something that is not a regular file.
        case replaced
        /// It, or its write-ahead log or shared memory, is marked immutable or append-only
        /// (chattr +i, +a): SQLite writes its shared memory through a mapping, and on such a file
        /// the kernel answers that write with SIGBUS, so it is not written at all.
        case immutable
    }

    public var standing: Standing {
        if let lockLink { return lockLink.isOpen ? .same : .lost }
        var status = stat()
        guard stat(path, &status) == 0 else { return .removed }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .replaced }
        guard (UInt64(status.st_dev), UInt64(status.st_ino)) == identity else { return .replaced }
        if Self.isImmutable(descriptor) { return .immutable }
        for suffix in ["-wal", "-shm"] {
            if let fd = companion(path + suffix), Self.isImmutable(fd) { return .immutable }
        }
        return .same
    }

    /// A descriptor of the file at `file`, opened the first time it is there and kept; opened
    /// again only if another file has taken the name (SQLite made a new log).
    private func companion(_ file: String) -> Int32? {
        var status = stat()
        guard stat(file, &status) == 0 else { return nil }
        let inode = UInt64(status.st_ino)
        if let kept = companions[file], kept.inode == inode { return kept.fd }
        let fd = Foundation.open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        // The old file is no longer at the name, so SQLite no longer has it open.
        if let old = companions[file] { close(old.fd) }
        companions[file] = (fd, inode)
        return fd
    }

    /// FS_IOC_GETFLAGS, and its immutable and append-only flags (linux/fs.h).
    private static let getFlags: UInt = 0x8008_6601
    private static let immutableFlags: Int = 0x10 | 0x20

    static func isImmutable(_ fd: Int32) -> Bool {
        #if os(Linux)
        var flags = 0
        guard ioctl(fd, getFlags, &flags) == 0 else { return false }
        return flags & immutableFlags != 0
        #else
        return false
        #endif
    }

    /// The journal was written back at its path (a new file): hold that one.
    func moved() throws(JournalError) { try take() }

    /// Tells, for a watcher, whether a live console holds the journal: one descriptor, opened
    /// once and kept for the watcher's life (closing it would drop its SQLite's locks).
    public final class Observer {
        private let fd: Int32
        /// A database journal's: the address, and a connection to ask the server's locks on.
        private var address: PostgresAddress?
        private var link: PostgresLink?

        public init(path: String) {
            if Journal.inDatabase(path) {
                fd = -1
                address = try? PostgresAddress(parsing: path)
            } else {
                fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            }
        }
        deinit { if fd >= 0 { close(fd) } }

        /// Whether some process holds the journal for writing now.
        public var isHeld: Bool {
            if let address {
                if link?.isOpen != true { link = try? PostgresLink.connect(address) }
                let held = try? link?.rows(JournalHold.heldQuery(address)).first?.value("held", as: Bool.self)
                return held == true
            }
            guard fd >= 0 else { return false }
            if flock(fd, LOCK_SH | LOCK_NB) == 0 {
                flock(fd, LOCK_UN)
                return false
            }
            return errno == EWOULDBLOCK
        }
    }
}
