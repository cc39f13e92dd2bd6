import Foundation

/// The one console writing a journal holds it: an exclusive `flock` on the file for as long as
/// the session runs, so a second console given the same journal is refused at start (it used to
/// open it and then lose every action), and a watcher can tell a writer that died (the hold goes
/// with its process) from one that is only quiet. Also keeps which file it holds, so that a journal
/// removed or replaced under the session is noticed on the next tick.
public final class JournalHold {
    public let path: String
    private var descriptor: Int32
    private var identity: (device: UInt64, inode: UInt64)

    /// Takes the hold on the journal at `path`, or says who has it.
    public init(path: String) throws(JournalError) {
        self.path = path
        descriptor = -1
        identity = (0, 0)
        try take()
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    private func take() throws(JournalError) {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw .writeFailed(path: path, detail: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .inUse(path: path)
        }
        var status = stat()
        fstat(fd, &status)
        if descriptor >= 0 { close(descriptor) }
        descriptor = fd
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    /// Whether some process holds the journal at `path` for writing (a live console).
    public static func isHeld(_ path: String) -> Bool {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { return false }
        return errno == EWOULDBLOCK
    }

    /// What is at the journal's path now, against the file this session writes.
    public enum Standing: Equatable {
        case same
        /// Nothing is there (removed, or its folder was).
        case removed
        /// Another file is there, or something that is not a regular file.
        case replaced
        /// It, or its write-ahead log or shared memory, is marked immutable or append-only
        /// (chattr +i, +a): SQLite writes its shared memory through a mapping, and on such a file
        /// the kernel answers that write with SIGBUS, so it is not written at all.
        case immutable
    }

    public var standing: Standing {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .removed }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .replaced }
        guard (UInt64(status.st_dev), UInt64(status.st_ino)) == identity else { return .replaced }
        for file in [path, path + "-wal", path + "-shm"] where Self.isImmutable(file) { return .immutable }
        return .same
    }

    /// FS_IOC_GETFLAGS, and its immutable and append-only flags (linux/fs.h).
    private static let getFlags: UInt = 0x8008_6601
    private static let immutableFlags: Int = 0x10 | 0x20

    static func isImmutable(_ file: String) -> Bool {
        #if os(Linux)
        let fd = Foundation.open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var flags = 0
        guard ioctl(fd, getFlags, &flags) == 0 else { return false }
        return flags & immutableFlags != 0
        #else
        return false
        #endif
    }

    /// The journal was written back at its path (a new file): hold that one.
    func moved() throws(JournalError) { try take() }
}
