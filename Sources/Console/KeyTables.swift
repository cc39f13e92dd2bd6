import DispatchEngine
import ReadModel

/// One key table per mode, and which one is in force.
extension KeyTable {
    /// The floor: the incident list, the radio and the ringing calls.
    public static let floor = KeyTable(id: "floor", "The floor", [
        Binding([.up, .character("k")], "k ↑", .up, "move up"),
        Binding([.down, .character("j")], "j ↓", .down, "move down"),
        Binding([.pageUp], "PgUp", .pageUp, "page up"),
        Binding([.pageDown], "PgDn", .pageDown, "page down"),
        Binding([.home, .character("g")], "Home g", .top, "first line"),
        Binding([.end, .character("G")], "End G", .bottom, "last line (radio: follow newest)"),
        Binding([.enter], "Enter", .open, "open the incident (or the unit's / message's incident)"),
        Binding([.escape], "Esc", .back, "back out: close detail, help, or input"),
        Binding([.tab], "Tab", .nextPane, "next pane"),
        Binding([.backTab], "Shift-Tab", .previousPane, "previous pane"),
        Binding([.character("z")], "z", .zoom, "zoom the focused pane to full screen, and back"),
        Binding([.character("/")], "/", .search, "search incidents (reference, type, place, callsign)"),
        Binding([.character(":")], ":", .command, "command line (:help lists the commands)"),
        Binding([.character(" ")], "Space", .togglePause, "pause or resume the simulation"),
        Binding([.character("+"), .character("=")], "+", .faster, "faster (1x 2x 5x 10x 20x 30x 60x)"),
        Binding([.character("-")], "-", .slower, "slower"),
        Binding([.character("[")], "[", .seekBack, "replay: back 10 minutes"),
        Binding([.character("]")], "]", .seekForward, "replay: forward 10 minutes"),
        Binding([.character("I")], "I", .instructor, "training: the instructor's menu, to inject a scripted event now"),
        Binding([.character("D")], "D", .debrief, "training: the debrief so far"),
        Binding([.character("o")], "o", .cycleOrder, "order incidents by risk, age or reference"),
        Binding([.character("n")], "n", .answer, "answer the next call (999 first), or go back to the call you are on"),
        Binding([.character("b")], "b", .ringBackAbandoned, "ring back the oldest abandoned 999 call on the callback list"),
        Binding([.character("c")], "c", .takeContact, "take the next chat, e-mail or online report (beside a call you hold)"),
        Binding([.character("a")], "a", .acknowledge, "acknowledge the emergency button alarm"),
        Binding([.character("u")], "u", .undo, "undo your last action: state, send, divert, stand-down (10 s)"),
        Binding([.character("S")], "S", .supervisor, "the supervisor's overview of the floor, and back"),
        Binding([.character("M")], "M", .toggleMap, "the map in place of the radio log, and back (Tab to it for its keys)"),
        Binding([.function(1), .character("?")], "F1 ?", .help, "this help"),
        Binding([.function(10), .character("q")], "F10 q", .quit, "quit (asks first)"),
        Binding([.control("c")], "Ctrl-C", .quitNow, "quit at once, from any screen (everything is already in the journal)"),
    ])

    /// What works over every screen that is not the floor: the clock, help, the command line.
    static let clockKeys: [Action] = [.togglePause, .faster, .slower, .seekBack, .seekForward]

    /// The resource board, as dispatcher: the floor's keys, and booking the selected unit.
    public static let board = KeyTable(id: "board", "The resource board", [
        Binding(Binding.digits("1"..."3") + Binding.digits("6"..."8"), "1-3 6-8", .bookState,
                "book that state for the selected unit (1 2 3 free, 6 at scene, 7 8 committed)"),
        Binding([.character("w")], "w", .welfareCheck, "welfare check on the selected unit at scene"),
    ] + floor.bindings)

    /// The map, focused: its own keys to look about, the rest of the floor's.
    public static let map = KeyTable(id: "map", "The map", [
        Binding([.up], "↑", .panUp, "pan north (a quarter of the view)"),
        Binding([.down], "↓", .panDown, "pan south"),
        Binding([.left], "←", .panLeft, "pan west"),
        Binding([.right], "→", .panRight, "pan east"),
        Binding([.character("+"), .character("=")], "+", .zoomIn, "zoom in (twice as close)"),
        Binding([.character("-")], "-", .zoomOut, "zoom out (twice as far)"),
        Binding([.character("f")], "f", .followSelected, "follow the selected incident (or unit) as it goes; again: stop"),
        Binding([.character("0")], "0", .fitMap, "the whole district"),
        Binding([.character("p")], "p", .togglePlaces, "the gazetteer's places over the streets, or the streets alone"),
    ] + floor.bindings.filter { ![.up, .down, .faster, .slower].contains($0.action) })

    /// An incident's full record.
    public static let detail = KeyTable(id: "detail", "An incident's record", [
        Binding([.down, .character("j")], "j ↓", .down, "scroll down"),
        Binding([.up, .character("k")], "k ↑", .up, "scroll up"),
        Binding([.pageDown], "PgDn", .pageDown, "page down"),
        Binding([.pageUp], "PgUp", .pageUp, "page up"),
        Binding([.home, .character("g")], "Home g", .top, "back to the top"),
        Binding(Binding.digits("1"..."9"), "1-9", .sendRecommended, "dispatcher: send the recommended unit with that number"),
        Binding([.character("L")], "L", .linkIncident, "link this incident as a duplicate: :link REF, then the one it duplicates"),
        Binding([.escape, .character("q"), .enter], "Esc q Enter", .back, "back to the floor"),
    ] + floor.only(clockKeys + [.acknowledge, .undo, .command, .help]))

    /// On a call, with the form not being typed into.
    public static let call = KeyTable(id: "call", "On a call", [
        Binding([.enter, .character("e")], "Enter e", .editForm, "type into the incident form"),
        Binding([.function(2), .character("c")], "F2 c", .createIncident, "create the incident from the form (it says what is missing)"),
        Binding([.function(3), .character("s")], "F3 s", .createAndStay, "create the incident and stay on the line with the caller"),
        Binding([.character("h")], "h", .reassureCaller, "staying on the line: tell the caller help is on the way"),
        Binding([.character("i")], "i", .noteFromCaller, "staying on the line: note what the caller says into the incident"),
        Binding([.character("w")], "w", .replyToChat, "live chat: write to the person (the line under the transcript; Enter sends)"),
        Binding(Binding.digits("1"..."5"), "1-5", .linkDuplicate, "link the call to that likely duplicate as a further caller"),
        Binding([.character("r")], "r", .resolveOnPhone, "resolve on the phone: grade 4, advice given (asks why first)"),
        Binding([.character("t")], "t", .transferToAmbulance, "transfer to ambulance (asks why); stayed on: police attend, ambulance informed"),
        Binding([.character("f")], "f", .transferToFire, "transfer to fire (asks why); stayed on: police attend, fire informed"),
        Binding([.character("p")], "p", .crimeByPhone, "record a crime on the phone: a crime number, no deployment (asks why)"),
        Binding([.character("g")], "g", .signpost, "signpost the caller to a partner agency (:signpost PARTNER)"),
        Binding([.character("m")], "m", .rightCare, "mental health, no crime, no risk to life: to health (RCRP; asks why)"),
        Binding([.character("b")], "b", .ringBack, "silent call: ring the number back"),
        Binding([.character("l")], "l", .keepLine, "silent call: keep the line open and listen"),
        Binding([.character("x")], "x", .closeSilent, "end a silent call, a ring back, or a call you stayed on (asks first)"),
        Binding([.function(6), .character("o")], "F6 o", .switchContact, "put this contact aside and go to the other one you hold"),
        Binding([.escape], "Esc", .back, "back to the floor; the caller stays on the line (n comes back)"),
    ] + floor.only([.togglePause, .faster, .slower, .acknowledge, .command, .supervisor, .help]))

    /// Typing into the call's form.
    public static let form = KeyTable(id: "form", "The incident form", others: .typed("typed into the field (grade: 1-4; vulnerable: 1-8 toggle the flags)"), [
        Binding([.tab], "Tab", .chooseOrNextField, "take the match for the place or type (again: the next match); else next field"),
        Binding([.enter], "Enter", .chooseAndNextField, "take the match and go to the next field"),
        Binding([.down], "↓", .nextField, "next field"),
        Binding([.up, .backTab], "↑ Shift-Tab", .previousField, "previous field"),
        Binding([.backspace, .delete], "Backspace", .rubOut, "rub out (a chosen match: back to what was typed)"),
        Binding([.function(2)], "F2", .createIncident, "create the incident from the form"),
        Binding([.function(3)], "F3", .createAndStay, "create the incident and stay on the line with the caller"),
        Binding([.function(6)], "F6", .switchContact, "put this contact aside (its form as it is) and go to the other one held"),
        Binding([.escape], "Esc", .stopEditing, "stop typing (the call's keys again)"),
        Binding([.function(1)], "F1", .help, "this help"),
    ])

    /// The supervisor's overview: scrolled where it is taller than the screen, the rest of the
    /// floor's keys.
    public static let supervisor = KeyTable(id: "supervisor", "The supervisor's overview", [
        Binding([.escape, .character("S")], "Esc S", .back, "back to the floor"),
    ] + detail.only([.down, .up, .pageDown, .pageUp, .top]) + floor.bindings.filter {
        ![.up, .down, .pageUp, .pageDown, .top, .bottom, .open, .back, .nextPane, .previousPane, .zoom, .supervisor].contains($0.action)
    })

    /// The help and the debrief: text to scroll.
    public static let help = KeyTable(id: "help", "The help", [
        Binding([.down, .character("j")], "j ↓", .down, "scroll down"),
        Binding([.up, .character("k")], "k ↑", .up, "scroll up"),
        Binding([.pageDown], "PgDn", .pageDown, "page down"),
        Binding([.pageUp], "PgUp", .pageUp, "page up"),
        Binding([.escape, .character("q"), .character("?"), .function(1), .enter], "Esc q ? F1 Enter", .back, "close the help"),
    ])

    public static let debrief = KeyTable(id: "debrief", "The debrief", help.only([.down, .up, .pageDown, .pageUp]) + [
        Binding([.escape, .character("q"), .character("D"), .enter], "Esc q D Enter", .back, "close the debrief"),
    ])

    /// Training: the instructor's menu of scripted events.
    public static let instructor = KeyTable(id: "instructor", "The instructor's menu", [
        Binding([.down, .character("j")], "j ↓", .down, "next event"),
        Binding([.up, .character("k")], "k ↑", .up, "previous event"),
        Binding([.enter], "Enter", .inject, "inject the selected event now"),
        Binding([.escape, .character("q"), .character("I")], "Esc q I", .back, "close the menu"),
    ] + floor.only([.togglePause, .faster, .slower]))

    /// Editing a line, as readline does: shared by the command and search lines.
    static let lineEditing: [Binding] = [
        Binding([.left, .control("b")], "← Ctrl-B", .cursorLeft, "cursor left"),
        Binding([.right, .control("f")], "→ Ctrl-F", .cursorRight, "cursor right"),
        Binding([.alt("b")], "Alt-B", .wordLeft, "back a word"),
        Binding([.alt("f")], "Alt-F", .wordRight, "on a word"),
        Binding([.home, .control("a")], "Home Ctrl-A", .lineStart, "start of the line"),
        Binding([.end, .control("e")], "End Ctrl-E", .lineEnd, "end of the line"),
        Binding([.backspace], "Backspace", .rubOut, "rub out the character before the cursor"),
        Binding([.delete, .control("d")], "Delete Ctrl-D", .deleteForward, "delete the character under the cursor"),
        Binding([.control("u")], "Ctrl-U", .cutToStart, "cut everything before the cursor"),
        Binding([.control("w")], "Ctrl-W", .cutWordBack, "cut the word before the cursor"),
        Binding([.control("k")], "Ctrl-K", .cutToEnd, "cut everything from the cursor"),
    ]

    /// A line typed on the bottom line: its own keys, then the editing keys and the help.
    static func typedLine(id: String, _ name: String, _ own: [Binding]) -> KeyTable {
        KeyTable(id: id, name, others: .typed("typed at the cursor"), own + lineEditing + [
            Binding([.function(1)], "F1", .help, "this help"),
        ])
    }

    /// Typing a command after ':'.
    public static let commandLine = typedLine(id: "command-line", "The command line", [
        Binding([.enter], "Enter", .run, "run the command"),
        Binding([.escape], "Esc", .cancel, "cancel"),
        Binding([.tab], "Tab", .complete, "complete the word; several matches: listed above, Tab again cycles"),
        Binding([.up], "↑", .earlier, "an earlier command"),
        Binding([.down], "↓", .later, "a later command"),
    ])

    /// Typing a search after '/'.
    public static let searchLine = typedLine(id: "search-line", "The search line", [
        Binding([.enter], "Enter", .run, "search (empty: clear the search)"),
        Binding([.escape], "Esc", .cancel, "cancel"),
        Binding([.up], "↑", .earlier, "the search in force (the line opens empty)"),
    ])

    /// Why a call is ended as it is: typed before a transfer, advice or a silent call closed.
    public static let reasonLine = typedLine(id: "reason", "The reason for ending a call", [
        Binding([.enter], "Enter", .run, "record the reason on the call and go ahead"),
        Binding([.escape], "Esc", .cancel, "keep the call: nothing is done"),
    ])

    /// A reply typed to the person on a live chat.
    public static let replyLine = typedLine(id: "reply", "A reply on a live chat", [
        Binding([.enter], "Enter", .run, "send the reply: it goes on the chat's record, and they answer"),
        Binding([.escape], "Esc", .cancel, "back to the chat (what is typed is kept for later)"),
    ])

    /// A question: a risky choice, or quitting.
    public static let question = KeyTable(id: "question", "A question", others: .anyKey(.cancel, "no: nothing is done"), [
        Binding([.character("y"), .character("Y")], "y", .goAhead, "yes: go ahead"),
    ])

    /// Every table's section of `docs/console.md`.
    public static var markdown: String { all.map(\.markdown).joined(separator: "\n") }

    /// Every table, in the order the help and `docs/console.md` list them.
    public static let all: [KeyTable] = [floor, board, map, detail, call, form, supervisor, help, debrief, instructor,
                                         commandLine, searchLine, reasonLine, replyLine, question]

    /// The built-in table in force in this state.
    public static func current(_ state: ConsoleState) -> KeyTable { state.keys.current(state) }
}
