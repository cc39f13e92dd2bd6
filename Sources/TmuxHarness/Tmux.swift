import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs commands with posix_spawn: Foundation.Process cannot drive tmux here (the server keeps
/// its pipe open, and test threads pass on a blocked signal mask). The child gets a clean signal
/// mask and default handlers, and its output goes to a file.
public enum Spawn {
    @discardableResult
    public static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ) == 0 else { return (-1, "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xFF, output)
    }
}

/// One private tmux server with a program in a pane: how the tests and the benchmarks drive the
/// real binary in a real terminal.
public final class TmuxSession {
    public let socket: String
    let binary: String
    /// The program's $XDG_STATE_HOME (where its journals go): a folder of this session's own,
    /// unless `env` names one.
    public let stateHome: String
    private let ownsStateHome: Bool

    /// Whether tmux is installed.
    public static var available: Bool { Spawn.run(["tmux", "-V"]).status == 0 }

    /// Starts `BINARY ARGS` under `env` in a `width`x`height` terminal. After the program exits
    /// the pane prints "[exit N]" and whether the terminal echoes again ("[tty echo]").
    public init(binary: String, _ arguments: [String], width: Int = 120, height: Int = 40, env: [String: String] = [:]) {
        self.binary = binary
        socket = "cr-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        // A clean environment: nothing from the test runner (which may set NO_COLOR) leaks in.
        var environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                           "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
        stateHome = env["XDG_STATE_HOME"] ?? "/tmp/\(socket)-state"
        ownsStateHome = env["XDG_STATE_HOME"] == nil
        environment["XDG_STATE_HOME"] = stateHome
        for (k, v) in env { environment[k] = v }
        let envWords = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // The exit line starts at column 0 even when the program left the terminal raw (kill -9).
        let command = "env -i \(envWords) \(binary) \(arguments.joined(separator: " ")); printf '\\r\\n[exit %s]\\r\\n' $?; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo | sed 's/^/[tty /;s/$/]/'; exec sleep 600"
        Spawn.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", command])
    }

    /// The journals the program wrote under its state folder.
    public var journals: [String] {
        let folder = stateHome + "/controlroom"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".journal") }.sorted().map { folder + "/" + $0 }
    }

    deinit {
        Spawn.run(["tmux", "-L", socket, "kill-server"])
        unlink("/tmp/tmux-\(getuid())/\(socket)")
        if ownsStateHome { try? FileManager.default.removeItem(atPath: stateHome) }
    }

    public func keys(_ keys: String...) {
        Spawn.run(["tmux", "-L", socket, "send-keys"] + keys)
    }

    /// Sends these bytes (hexadecimal, "1b 5b 36 7e") exactly as a terminal would, whatever the
    /// program's TERM: how the tests press keys that tmux would translate otherwise.
    public func bytes(_ hex: String) {
        Spawn.run(["tmux", "-L", socket, "send-keys", "-H"] + hex.split(separator: " ").map(String.init))
    }

    /// Pastes `text` as a terminal does: bracketed (ESC [ 200 ~ ... ESC [ 201 ~) when the
    /// program has asked for bracketed paste, else as plain typing.
    public func paste(_ text: String) {
        Spawn.run(["tmux", "-L", socket, "set-buffer", "-b", "test-paste", text])
        Spawn.run(["tmux", "-L", socket, "paste-buffer", "-p", "-d", "-b", "test-paste"])
    }

    public func resize(_ width: Int, _ height: Int) {
        Spawn.run(["tmux", "-L", socket, "resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    public func screen(colours: Bool = false) -> String {
        Spawn.run(["tmux", "-L", socket, "capture-pane", "-p"] + (colours ? ["-e"] : [])).output
    }

    /// The pid of the program in the pane (the child of the pane's shell), once it has started;
    /// nil after it has exited. Tests signal their own program by this pid, never by name.
    public var programPID: pid_t? {
        let shell = Spawn.run(["tmux", "-L", socket, "display-message", "-p", "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(shell),
              let children = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        else { return nil }
        // The program runs first; after it exits the shell's next child is its own bookkeeping.
        guard let child = children.split(separator: " ").first.flatMap({ Int32($0) }),
              let command = try? String(contentsOfFile: "/proc/\(child)/cmdline", encoding: .utf8),
              command.hasPrefix(binary) else { return nil }
        return child
    }

    /// Sends `signal` to the program in the pane (by its pid); false if it is not running.
    @discardableResult
    public func signal(_ signal: Int32) -> Bool {
        guard let pid = programPID else { return false }
        return kill(pid, signal) == 0
    }

    /// Whether `condition` holds on every screen for `seconds` (polled every 50 ms): how a test
    /// sees that something does *not* happen. Returns false as soon as it fails.
    public func holds(for seconds: Double, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !condition(screen()) { return false }
            usleep(50_000)
        }
        return condition(screen())
    }

    /// Polls the screen until `condition` holds (every 50 ms, up to `timeout` seconds).
    @discardableResult
    public func wait(timeout: Double = 10, _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        return last
    }

    public func wait(for text: String, timeout: Double = 10) -> Bool {
        wait(timeout: timeout) { $0.contains(text) }.contains(text)
    }

    /// Waits until the status bar's clock has run on by `seconds` simulated seconds (past
    /// midnight too), up to `timeout` seconds of wall time; returns whether it did.
    @discardableResult
    public func runsOn(seconds: Int, timeout: Double = 30) -> Bool {
        guard let start = clock() else { return false }
        func movedOn() -> Bool { clock().map { ($0 - start + 86_400) % 86_400 >= seconds } ?? false }
        wait(timeout: timeout) { _ in movedOn() }
        return movedOn()
    }

    /// The simulated clock shown on the status bar ("HH:MM:SS"), as seconds.
    public func clock() -> Int? {
        let line = screen().split(separator: "\n").first.map(String.init) ?? ""
        guard let match = line.range(of: #"\d\d:\d\d:\d\d"#, options: .regularExpression) else { return nil }
        let parts = line[match].split(separator: ":").compactMap { Int($0) }
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    }
}
