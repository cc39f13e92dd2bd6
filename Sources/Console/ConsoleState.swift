import DispatchEngine
import ReadModel

public enum Pane: Int, Sendable, CaseIterable {
    case incidents, resources, radio, calls, map

    public var title: String {
        switch self {
        case .incidents: return "Incidents"
        case .resources: return "Resources"
        case .radio: return "Radio"
        case .calls: return "Calls ringing"
        case .map: return "Map"
        }
    }
}

public indirect enum Mode: Sendable, Equatable {
    case normal
    /// Typing a command after ':'.
    case command
    /// Typing a search after '/'.
    case search
    /// The full record of one incident.
    case detail(reference: Int64)
    /// On a call: the caller's words and the incident form.
    case call
    case help
    case supervisor
    /// Training: the instructor's menu of scripted events to inject now.
    case instructor
    /// Training: the debrief so far (or at the end), scrolled like the help.
    case debrief
    case confirmQuit
    /// A risky but allowed choice waits for y.
    case confirm(question: String, effects: [ConsoleEffect])
    /// Ending a call in a way that cannot be taken back (a transfer, advice, a silent call closed)
    /// waits for the reason, typed on the bottom line; Enter records it on the call and goes
    /// ahead with `effects`, Esc keeps the call.
    case reason(question: String, effects: [ConsoleEffect], done: String)
    /// On a live chat: typing a reply to the person, on the line under the transcript.
    case reply
}

extension Mode {
    /// Waiting for the reason a call is ended (over the call's screen).
    public var isReason: Bool { if case .reason = self { return true } else { return false } }
    /// A text drawn over the panes (the help, the overview, a list, the instructor's menu).
    public var isOverlay: Bool { self == .help || self == .supervisor || self == .instructor || self == .debrief }
}

/// How fast simulated time runs against the wall clock.
public struct Speed: Sendable, Equatable {
    public static let factors: [Int] = [1, 2, 5, 10, 20, 30, 60]
    public var index: Int = 0
    public var paused = false
    public var factor: Int { paused ? 0 : Self.factors[index] }
    public var label: String { paused ? "paused" : "\(Self.factors[index])x" }
}

/// The seats a person can take. Whatever nobody takes, the engine plays.
public enum Role: String, Sendable, CaseIterable {
    case callHandler = "call-handler", dispatcher, supervisor, all

    public var dispatches: Bool { self == .dispatcher || self == .all }
    public var handlesCalls: Bool { self == .callHandler || self == .all }

    /// The seat with call handling added or taken away.
    public func handlingCalls(_ on: Bool) -> Role {
        switch (self, on) {
        case (.dispatcher, true), (.all, true): return .all
        case (.supervisor, true), (.callHandler, true): return .callHandler
        case (.all, false): return .dispatcher
        case (.callHandler, false): return .supervisor
        default: return self
        }
    }

    /// The seat with dispatching added or taken away.
    public func dispatching(_ on: Bool) -> Role {
        switch (self, on) {
        case (.callHandler, true), (.all, true): return .all
        case (.supervisor, true), (.dispatcher, true): return .dispatcher
        case (.all, false): return .callHandler
        case (.dispatcher, false): return .supervisor
        default: return self
        }
    }
}

/// Everything the console remembers between key presses. The world itself is the engine's.
public struct ConsoleState: Sendable, Equatable {
    public var role: Role = .dispatcher
    /// On a floor of many consoles, the name this console's person joined with.
    public var personName: String?
    public var focus: Pane = .incidents
    public var zoomed = false
    public var mode: Mode = .normal
    public var speed = Speed()

    /// Selection by identity, so it stays on the same incident or unit as the lists move.
    public var selectedIncident: Int64?
    public var selectedUnit: UnitIndex?
    /// The map in place of the radio log (M), and where it looks.
    public var showMap = false
    public var map = MapView()
    /// Radio lines scrolled back from the newest (0: following the newest).
    public var radioBack = 0
    public var detailScroll = 0
    /// How far the supervisor's overview is scrolled.
    public var overviewScroll = 0
    /// The person asked for foresight (`:foresee`): said on the status line when it is ready.
    public var foreseeAsked = false
    public var helpScroll = 0
    /// The key table the help was opened from (its name): the help shows that screen's keys first.
    public var helpFor = KeyTable.floor.name
    /// The keys in force (a site's config file may remap them).
    public var keys = KeyTableSet.builtIn

    public var order: IncidentOrder = .risk
    public var filter = IncidentFilter()
    public var search = ""
    /// The incident list's query, as the floor takes it.
    public var query: IncidentQuery { IncidentQuery(order: order, filter: filter, search: search) }
    public var radioFilter: RadioFilter = .all

    /// The mode the command line was opened from, to return to (the incident detail, say).
    public var commandFrom: Mode = .normal
    /// A reply to the live chat begun and left with Esc: there again on w.
    public var chatDraft = EditedLine()
    /// Where to go back to once a confirmation is answered.
    public var afterConfirm: Mode = .normal
    /// What is being typed on the command or search line, with its cursor.
    public var line = EditedLine()
    /// The line's text.
    public var input: String { line.text }
    /// Tab's matches when there were several: listed above the line; Tab again cycles through
    /// them (`completionIndex`: the one on the line now). Any other key clears them.
    public var completions: [String] = []
    public var completionIndex: Int?
    /// The recommendations an incident's record showed on the last frame drawn, in their order,
    /// and whose record it was: keys 1-9 send the unit the dispatcher saw with that number, never
    /// one the list moved into its place since.
    public var shownRecommendations: [UnitIndex] = []
    public var shownFor: Int64?
    /// A unit was just sent by its number: further digits refer to the list as it was when the
    /// first was pressed (a quick second press means what the dispatcher saw, not the list that
    /// moved up under it), until any other key.
    public var shownHeld = false
    /// The last one-key change and how to put it back (`u`, for `Undo.window` seconds).
    public var undo: Undo?
    /// The wall clock in seconds (monotonic), as the live console last read it: what an undo's
    /// ten seconds are measured by. Tests set it.
    public var wallNow: Double = 0
    public var history: [String] = []
    public var historyIndex: Int?
    public var message: String?
    public var messageIsError = false
    /// Every message said this session (`:messages`), each at the floor's time it was said.
    public var messages = MessageLog()
    /// The floor's time as the console last read it (each key, each tick): a message's time.
    public var messageClock: SimTime = 0

    public var glyphs: Glyphs

    /// The person's call-handling seat in the engine, while they have one.
    public var handlerSeat: HandlerIndex?
    /// The areas the person dispatches (empty: every area, or none): their units head the board.
    public var ownAreas: [String] = []
    /// The form for the call the person is on.
    public var call: CallForm?
    /// The forms of contacts the person holds aside (a call while they reply to a chat), by
    /// call number: what they typed is there when the contact comes forward again.
    public var heldForms: [Int64: CallForm] = [:]
    /// Why the console only looks (watching a live session, replaying a journal): actions are
    /// refused with this said. nil: the person acts.
    public var readOnly: String?
    /// A training session: the instructor's menu and the debrief are open to it.
    public var training = false
    /// The scripted event selected in the instructor's menu.
    public var injectSelection = 0
    /// The instructor's marks already said on the status line (nil: none looked at yet).
    public var marksShown: Int?
    /// The debrief's lines, as the live console last built them from the journal.
    public var debriefLines: [String] = []
    /// The title of the text overlay the debrief mode shows (the debrief, or the alert list).
    public var overlayTitle = "Debrief"
    /// The alerts raised this session.
    public var alerts = AlertDesk()
    /// Watching a live session: its clock is the session's, not ours (no speed to show).
    public var following = false
    /// A replay: the clock can be moved with `[`, `]` and :seek.
    public var canSeek = false
    /// On a floor, at any seat but the instructor's: the clock (Space, + and -) and the script's
    /// events are the instructor's, and the floor refuses them from here.
    public var clockIsFloors = false
    /// Said in a mark on the status bar that cannot be missed (TRAINING, WATCHING, REPLAY).
    public var banner: String?
    /// The banner and read-only words as they were before the world's trouble (the journal
    /// stopped, the floor lost), put back when it is over (`Update.news`).
    public var bannerBeforeProblem: String??
    public var readOnlyBefore: String??

    public init(glyphs: Glyphs = .unicode) { self.glyphs = glyphs }

    public mutating func say(_ text: String) {
        message = text; messageIsError = false
        messages.note(text, isError: false, at: messageClock)
    }

    /// Asks before a risky choice; returns no effects until the answer is y.
    public mutating func confirm(_ risk: String?, _ effects: [ConsoleEffect]) -> [ConsoleEffect] {
        guard let risk else { return effects }
        afterConfirm = mode
        mode = .confirm(question: risk, effects: effects)
        return []
    }

    /// The incident a command is about when it names none: the one open in the detail, or the
    /// one selected in the list.
    public var currentIncident: Int64? {
        if case .detail(let reference) = commandFrom { return reference }
        if case .detail(let reference) = mode { return reference }
        return selectedIncident
    }
    public mutating func complain(_ text: String) {
        message = text; messageIsError = true
        messages.note(text, isError: true, at: messageClock)
    }
}

/// What the console asks of the program around it. The console never changes the world itself:
/// a person's action goes to the engine as a command, checked there like any other.
public enum ConsoleEffect: Sendable, Equatable {
    case quit
    case execute(Command)
    /// The same, after the floor asked (the incident or unit is another dispatcher's area's)
    /// and the person said yes: the floor does it and tells that dispatcher.
    case executeAcross(Command)
    /// The person takes the dispatcher's seat (for these areas; empty: all), or hands it back to
    /// the engine (nil).
    case dispatchSeat(areas: Set<Int>?)
    /// The person sits down as a call handler (true) or leaves the seat between calls (false).
    case callSeat(Bool)
    /// Move a replay's clock to this simulated time (the replay rebuilds the world there).
    case seek(SimTime)
    /// Training: build the debrief from the journal and show it.
    case debrief
    /// Training: the instructor fires the script's cue with this index now.
    case inject(Int)
    /// Training: the instructor marks this moment with a note, for the group debrief.
    case mark(String)
    /// `u`: these commands put the last one-key change back (they are not undoable themselves).
    case undo([Command])
    /// The same, after the floor asked (another dispatcher's area) and the person said yes.
    case undoAcross([Command])
    /// The person has seen the alerts raised so far: journalled (who, when).
    case alertsSeen(Int)
    /// The person said yes to this question: journalled before what they agreed to.
    case askedFirst(String)
}
