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

    /// Writes straight to the terminal (modes ncurses does not know about).
    static func send(_ text: String) {
        _ = text.withCString { write(1, $0, strlen($0)) }
    }

    static func installHandlers() {
        // SIGQUIT (Ctrl-\\) too: its default would dump core over the screen and leave the
        // terminal in the alternate screen; here it ends the session as SIGTERM does.
        // Every other signal whose default ends the process (SIGUSR1, SIGALRM, a broken pipe...)
        // ends the session the same way: the journal finished, the terminal put back.
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGPOLL, SIGSTKFLT, SIGPWR] {
            signal(sig) { _ in TerminalGuard.stopRequested = 1 }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGXCPU, SIGXFSZ, SIGSYS] {
            signal(sig) { sig in
                if TerminalGuard.haveSaved { tcsetattr(0, TCSANOW, &TerminalGuard.saved) }
                // Colours off, cursor shown, bracketed paste off, normal cursor and keypad keys,
                // out of the alternate screen; then one line saying what happened.
                let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?2004l\u{1B}[?1l\u{1B}>\u{1B}[?1049l\r\n"
                _ = write(1, reset.utf8Start, reset.utf8CodeUnitCount)
                let line: StaticString
                switch sig {
                case SIGSEGV: line = "controlroom: crashed (SIGSEGV, a memory fault); the terminal was put back. The journal holds everything acknowledged: controlroom resume\n"
                case SIGBUS: line = "controlroom: crashed (SIGBUS, a file or memory fault); the terminal was put back. The journal holds everything acknowledged: controlroom resume\n"
                case SIGABRT, SIGTRAP, SIGILL: line = "controlroom: crashed (an internal error: SIGABRT, SIGTRAP or SIGILL); the terminal was put back. The journal holds everything acknowledged: controlroom resume\n"
                default: line = "controlroom: crashed (a fatal signal); the terminal was put back. The journal holds everything acknowledged: controlroom resume\n"
                }
                _ = write(2, line.utf8Start, line.utf8CodeUnitCount)
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
