import ArgumentParser
import Foundation
import ReadModel

/// Everything the headless commands write: to standard output and to files. Two rules hold for
/// all of it. No text from a scenario or a journal reaches a terminal raw: control characters,
/// C1 controls and bidirectional overrides are shown as `\u{1B}` (the program's own text has
/// none but line ends and tabs). And a write that fails is said and exits 1, never ignored:
/// `export ... /dev/full` used to say "wrote: 349 rows".
enum Output {
    /// Prints `text` on standard output, made safe; exits 1 if it cannot be written.
    static func print(_ text: String, terminator: String = "\n") {
        write(visible(text) + terminator, to: 1, what: "standard output")
    }

    /// JSON as printed: the encoder escapes C0 but leaves C1 and the bidirectional overrides,
    /// which only ever appear inside strings, so they are escaped here.
    static func json(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if SafeText.isControl(s) && s.value >= 0x7F {
                out.append(contentsOf: String(format: "\\u%04X", s.value).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Text with its control characters (but line ends and tabs) shown as escapes.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { SafeText.isControl($0) && $0 != "\n" && $0 != "\t" && $0 != "\r" }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if SafeText.isControl(s) && s != "\n" && s != "\t" && s != "\r" {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Writes `text` to the file at `path` without ever replacing what is not a regular file: a
    /// symlink is written through to its target, a device or FIFO is written as a stream, and a
    /// regular file is replaced whole (a new file renamed over it, keeping its permissions) so a
    /// failure leaves the old one. New files are the owner's only: exports hold callers' details.
    static func file(_ text: String, to path: String) throws(FileError) {
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists && (status.st_mode & S_IFMT) == S_IFDIR { throw FileError(path: path, why: "it is a directory") }
        if exists && (status.st_mode & S_IFMT) != S_IFREG {
            // A device or a FIFO: opened as it is, and written to.
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileError(path: path, why: String(cString: strerror(errno))) }
            defer { close(fd) }
            if let why = writeAll(text, to: fd) { throw FileError(path: path, why: why) }
            return
        }
        // The real file behind any symlinks: replaced there, the links left as they are.
        var target = path
        if exists, let real = realpath(path, nil) {
            target = String(cString: real)
            free(real)
        }
        let folder = (target as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.controlroom-\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(path: path, why: String(cString: strerror(errno))) }
        if exists { fchmod(fd, status.st_mode & 0o7777) }
        var why = writeAll(text, to: fd)
        if why == nil && fsync(fd) != 0 { why = String(cString: strerror(errno)) }
        if close(fd) != 0 && why == nil { why = String(cString: strerror(errno)) }
        if why == nil && rename(temporary, target) != 0 { why = String(cString: strerror(errno)) }
        if let why {
            unlink(temporary)
            throw FileError(path: path, why: why)
        }
    }

    /// Bad input refused: every line on standard error (control characters shown as escapes),
    /// exit status 2.
    static func refuse(_ lines: [String]) throws -> Never {
        FileHandle.standardError.write((lines.map(visible).joined(separator: "\n") + "\n").data(using: .utf8)!)
        throw ExitCode(2)
    }

    struct FileError: Error, CustomStringConvertible {
        var path: String
        var why: String
        var description: String { "\(path): cannot be written (\(why))" }
    }

    /// Writes all of `text`; the error in words, or nil.
    private static func writeAll(_ text: String, to fd: Int32) -> String? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            bytes = bytes.dropFirst(n)
        }
        return nil
    }

    private static func write(_ text: String, to fd: Int32, what: String) {
        if let why = writeAll(text, to: fd) {
            FileHandle.standardError.write(Data("controlroom: \(what) could not be written (\(why))\n".utf8))
            exit(1)
        }
    }
}
