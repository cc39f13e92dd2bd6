import Foundation

/// Where journals go unless `--journal` says: `$XDG_STATE_HOME/controlroom/`, or
/// `~/.local/state/controlroom/` without it, one file per session named by scenario and start.
public enum JournalLocation {
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/controlroom"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/controlroom"
    }

    /// A new file name for a session of `scenario` started at `start` (local time), such as
    /// `friday-night-20261123-221504.journal`; `-2`, `-3`... if that is taken.
    public static func newPath(scenario: String, start: Date, folder: String = folder()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = folder + "/" + slug(scenario) + "-" + formatter.string(from: start)
        var path = base + ".journal"
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = base + "-\(n).journal"
            n += 1
        }
        return path
    }

    /// The index of journals kept outside the folder (`--journal PATH`): one path a line, newest
    /// last, only ever appended to.
    public static func indexPath(folder: String = folder()) -> String { folder + "/sessions.index" }

    /// Notes a journal kept outside the folder in the index. Appends to a regular file only
    /// (never through a symlink or into a device or FIFO); a failure costs only the finding.
    public static func remember(_ path: String, folder: String = folder()) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard !absolute.contains("\n"), (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else { return }
        let fd = open(indexPath(folder: folder), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
        let line = Array((absolute + "\n").utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The journals the index names (the last 200), that still exist as regular files.
    static func indexed(folder: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: indexPath(folder: folder)) else { return [] }
        let paths = String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(200).map(String.init)
        return paths.filter { path in
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }
    }

    /// The most recently started journal in the folder, or named in its index, that was not
    /// ended by its operator: the one `controlroom resume` picks up after a crash.
    public static func latestUnfinished(folder: String = folder()) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let journals = Array(Set(names.filter { $0.hasSuffix(".journal") }.map { folder + "/" + $0 } + indexed(folder: folder)))
        let dated = journals.compactMap { path -> (Date, String)? in
            guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            else { return nil }
            return (date, path)
        }.sorted { $0.0 > $1.0 }
        for (_, path) in dated {
            if let journal = try? Journal.open(at: path, readOnly: true), let progress = try? journal.progress(),
               !progress.ended {
                return path
            }
        }
        return nil
    }

    /// "Friday night, Westshire" → "friday-night-westshire".
    static func slug(_ name: String) -> String {
        var out = ""
        for c in name.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(c) && c.isASCII {
                out.unicodeScalars.append(c)
            } else if !out.hasSuffix("-") && !out.isEmpty {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "session" : String(out.prefix(40))
    }
}
