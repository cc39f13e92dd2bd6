import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back if the program is stopped or crashes. Signal handlers may only do
/// async-signal-safe things: restore the saved termios with tcsetattr and write the escape
/// sequences that leave the alternate screen and show the cursor.
enum TerminalGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0

    static func save() {
        haveSaved = tcgetattr(0, &saved) == 0
    }

    static func restore() {
        if haveSaved { tcsetattr(0, TCSANOW, &saved) }
    }

    static func installHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { _ in TerminalGuard.stopRequested = 1 }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                if TerminalGuard.haveSaved { tcsetattr(0, TCSANOW, &TerminalGuard.saved) }
                let reset = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
                _ = reset.withCString { write(1, $0, strlen($0)) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
