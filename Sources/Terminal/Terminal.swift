import CNcursesw
import Console
import ReadModel
#if canImport(Glibc)
import Glibc
#endif

/// The ncurses screen: starts it, draws frames, reads keys, and puts the terminal back as it was
/// on every way out (quit, SIGINT, SIGTERM, SIGHUP, and crashes).
public final class Terminal {
    public private(set) var unicode = false
    public private(set) var colours = "mono"
    private var theme = Theme(depth: .mono)
    private var started = false
    private var lastSize = (width: 0, height: 0)
    private var decoder = KeyDecoder()
    private var decoded: [Key] = []
    /// How long to wait for the rest of an escape sequence (a lone Esc is told by silence), and
    /// for the rest of a paste.
    static let escapeDelay: Int32 = 25
    static let pasteDelay: Int32 = 500
    /// Bracketed paste on and off (xterm, tmux, and most terminals since 2010).
    static let pasteOn = "\u{1B}[?2004h", pasteOff = "\u{1B}[?2004l"

    public init() {}

    /// Whether standard input and output are a terminal (the console needs one).
    public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    public enum StartError: Error, CustomStringConvertible {
        case unknownTerminal(String)
        public var description: String {
            switch self {
            case .unknownTerminal(let term):
                return "the terminal type '\(term)' is not one this machine knows; set TERM (such as TERM=xterm-256color)"
                    + " or, without a terminal, use: controlroom sim default"
            }
        }
    }

    /// Starts the screen, with a site's theme (`SiteConfig`) if it has one.
    public func start(_ site: SiteConfig = SiteConfig()) throws {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)) { unicode = String(cString: codeset) == "UTF-8" }
        // initscr would print its own message and exit on an unknown TERM; newterm says so instead.
        // (The C globals stdin and stdout are not reachable from Swift 6: open the descriptors.)
        TerminalGuard.save()
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r"), newterm(nil, output, input) != nil else {
            TerminalGuard.restore()
            throw StartError.unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "(unset)")
        }
        raw()
        noecho()
        nonl()
        // Keys are decoded here (KeyDecoder), not by ncurses from the terminfo entry: with
        // keypad off the terminal is also left in its normal cursor-key mode.
        keypad(cr_stdscr(), false)
        curs_set(0)
        leaveok(cr_stdscr(), true)
        let noColour = (getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty == false
        if has_colors() && !noColour {
            // What the terminal has, or less if the site asks for less.
            var depth: Theme.Depth = cr_colors() >= 256 ? .full : .eight
            switch site.depth {
            case .mono?: depth = .mono
            case .eight?: depth = min(depth, .eight)
            case .full?, nil: break
            }
            theme = Theme(depth: depth, overrides: site.inks)
            colours = depth == .full ? "256" : depth == .eight ? "8" : "mono"
        }
        theme.setUp()
        TerminalGuard.installHandlers()
        TerminalGuard.send(Self.pasteOn)
        started = true
    }

    public func stop() {
        guard started else { return }
        started = false
        curs_set(1)
        endwin()
        TerminalGuard.send(Self.pasteOff)
        TerminalGuard.restore()
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(cr_stdscr())), Int(getmaxy(cr_stdscr())))
    }

    /// The terminal's bell, for an alert.
    public func bell() { beep() }

    /// Asked to stop by a signal (SIGINT, SIGTERM, SIGHUP).
    public var stopRequested: Bool { TerminalGuard.stopRequested != 0 }

    /// Copies a frame to the screen in runs of one style; ncurses sends only what changed.
    public func draw(_ frame: Frame) {
        let (width, height) = size
        if width != lastSize.width || height != lastSize.height {
            // After a resize nothing on screen can be trusted: start from blank.
            werase(cr_stdscr())
            lastSize = (width, height)
        }
        let rows = min(height, frame.height), columns = min(width, frame.width)
        for row in 0..<rows {
            var column = 0
            while column < columns {
                let style = frame[row, column].style
                var text = ""
                let start = column
                while column < columns, frame[row, column].style == style {
                    text += frame[row, column].text
                    column += 1
                }
                let (attrs, pair) = theme.attributes(style)
                wattr_set(cr_stdscr(), attrs, pair, nil)
                if row == height - 1 && column == width && !text.isEmpty {
                    // Writing the bottom-right cell would scroll the screen: insert it instead.
                    let last = String(text.removeLast())
                    mvwaddstr(cr_stdscr(), Int32(row), Int32(start), text)
                    mvwinsstr(cr_stdscr(), Int32(row), Int32(width - 1), last)
                } else {
                    mvwaddstr(cr_stdscr(), Int32(row), Int32(start), text)
                }
            }
        }
        wattr_set(cr_stdscr(), cr_a_normal(), 0, nil)
        wrefresh(cr_stdscr())
    }

    /// The next key, waiting at most `timeout` milliseconds; nil if none came. Escape sequences
    /// are read whole (see `KeyDecoder`): the rest of one is waited for briefly, whatever
    /// `timeout` is.
    public func readKey(timeout: Int32) -> Key? {
        if !decoded.isEmpty { return decoded.removeFirst() }
        var wait = timeout
        while true {
            wtimeout(cr_stdscr(), wait)
            var c: wint_t = 0
            let r = wget_wch(cr_stdscr(), &c)
            if r == ERR {
                // Silence: a lone Esc is the Esc key, a sequence cut short is dropped.
                if decoder.pending { decoded += decoder.timedOut() }
                return decoded.isEmpty ? nil : decoded.removeFirst()
            }
            if r == KEY_CODE_YES {
                // With keypad off, ncurses reports only a resize this way.
                if Int32(c) == KEY_RESIZE { decoded.append(.resize) }
            } else if let scalar = Unicode.Scalar(UInt32(c)) {
                decoded += decoder.feed(scalar)
            }
            if !decoder.pending && !decoded.isEmpty { return decoded.removeFirst() }
            if decoder.pending { wait = decoder.pasting ? Self.pasteDelay : Self.escapeDelay }
        }
    }
}
