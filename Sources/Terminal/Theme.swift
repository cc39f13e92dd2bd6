import CNcursesw
import Console
import ReadModel

/// How each kind of text looks on this terminal: colours for 256- and 8-colour terminals,
/// attributes only in monochrome (TERM=vt100, or NO_COLOR set). The console's text markers carry
/// every distinction as well, so monochrome loses nothing.
struct Theme {
    enum Depth: Int, Comparable {
        case mono, eight, full
        static func < (a: Depth, b: Depth) -> Bool { a.rawValue < b.rawValue }
    }
    let depth: Depth
    /// A site's own colours for some inks (its config file).
    var overrides: [Ink: SiteConfig.Colours] = [:]

    init(depth: Depth, overrides: [Ink: SiteConfig.Colours] = [:]) {
        self.depth = depth
        self.overrides = overrides
    }

    /// (foreground, background) per ink; -1 is the terminal's default colour.
    func colours(_ ink: Ink) -> (Int16, Int16) {
        if let own = overrides[ink] {
            // An 8-colour terminal shows only the first eight.
            func fit(_ c: Int16) -> Int16 { depth == .eight && c > 7 ? c % 8 : c }
            return (fit(own.foreground), fit(own.background))
        }
        return builtIn(ink)
    }

    private func builtIn(_ ink: Ink) -> (Int16, Int16) {
        let c8: (Int16, Int16)
        switch ink {
        case .normal, .input, .message: c8 = (-1, -1)
        case .dim, .offDuty: c8 = (Int16(COLOR_WHITE), -1)
        case .heading, .focusedBorder: c8 = (Int16(COLOR_CYAN), -1)
        case .border: c8 = (Int16(COLOR_BLUE), -1)
        case .selected: c8 = (-1, -1)
        case .grade1, .emergency, .overdue, .error: c8 = (Int16(COLOR_RED), -1)
        case .grade2, .nearTarget, .refreshments: c8 = (Int16(COLOR_YELLOW), -1)
        case .grade3, .fromControl: c8 = (Int16(COLOR_CYAN), -1)
        case .grade4: c8 = (Int16(COLOR_WHITE), -1)
        case .available: c8 = (Int16(COLOR_GREEN), -1)
        case .committed, .toControl: c8 = (Int16(COLOR_MAGENTA), -1)
        case .statusBar: c8 = (Int16(COLOR_BLUE), Int16(COLOR_WHITE))
        case .help: c8 = (-1, -1)
        case .banner: c8 = (Int16(COLOR_WHITE), Int16(COLOR_RED))
        }
        guard depth == .full else { return c8 }
        // Softer, more distinct shades where 256 colours exist.
        switch ink {
        case .dim, .offDuty: return (245, -1)
        case .border: return (67, -1)
        case .grade1, .emergency, .overdue, .error: return (196, -1)
        case .grade2, .nearTarget: return (214, -1)
        case .refreshments: return (179, -1)
        case .grade3: return (75, -1)
        case .grade4: return (250, -1)
        case .available: return (77, -1)
        case .committed: return (177, -1)
        case .toControl: return (152, -1)
        case .fromControl: return (117, -1)
        case .statusBar: return (17, 153)
        default: return c8
        }
    }

    /// Attributes that stand in for colour in monochrome.
    func monoAttributes(_ ink: Ink) -> attr_t {
        switch ink {
        case .grade1, .emergency, .overdue, .error, .heading, .focusedBorder: return cr_a_bold()
        case .dim, .offDuty, .border: return cr_a_dim()
        case .statusBar: return cr_a_reverse()
        default: return cr_a_normal()
        }
    }

    func setUp() {
        guard depth != .mono else { return }
        start_color()
        use_default_colors()
        for ink in Ink.allCases {
            let (fg, bg) = colours(ink)
            init_pair(Int16(ink.rawValue + 1), fg, bg)
        }
    }

    /// Attributes and colour pair for a style.
    func attributes(_ style: CellStyle) -> (attr_t, Int16) {
        var attrs: attr_t = depth == .mono ? monoAttributes(style.ink) : cr_a_normal()
        if style.bold { attrs |= cr_a_bold() }
        if style.reverse { attrs |= cr_a_reverse() }
        if style.underline { attrs |= cr_a_underline() }
        return (attrs, depth == .mono ? 0 : Int16(style.ink.rawValue + 1))
    }
}
