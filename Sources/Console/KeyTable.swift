import ReadModel

/// What a key does. One enum for every mode; each mode's table says which keys mean which.
public enum Action: String, Sendable, Equatable, CaseIterable {
    // The floor
    case up, down, pageUp, pageDown, top, bottom
    case open, back, nextPane, previousPane, zoom
    case search, command, togglePause, faster, slower
    case help, quit, cycleOrder, acknowledge, supervisor, answer, ringBackAbandoned, takeContact, toggleMap
    // The map
    case panUp, panDown, panLeft, panRight, zoomIn, zoomOut, followSelected, fitMap, togglePlaces
    case seekBack, seekForward, instructor, debrief, undo
    // The resource board
    case bookState, welfareCheck
    // An incident's record
    case sendRecommended, linkIncident
    // On a call
    case editForm, createIncident, linkDuplicate, resolveOnPhone, transferToAmbulance, transferToFire
    case ringBack, keepLine, closeSilent, createAndStay, reassureCaller, noteFromCaller
    case crimeByPhone, signpost, rightCare, switchContact, replyToChat
    // The call's form
    case chooseOrNextField, chooseAndNextField, nextField, previousField, rubOut, stopEditing
    // Prompts, overlays and questions
    case run, cancel, earlier, later, complete, inject, goAhead
    // Editing a line
    case deleteForward, cursorLeft, cursorRight, lineStart, lineEnd, wordLeft, wordRight
    case cutToStart, cutWordBack, cutToEnd
    /// Ctrl-C, on every screen.
    case quitNow
}

/// Keys, what the help calls them, and what they do.
public struct Binding: Sendable, Equatable {
    public var keys: [Key]
    /// How the help shows the keys ("j ↓").
    public var label: String
    public var action: Action
    public var description: String
}

/// The keys one mode answers. `Update` dispatches on the table of the mode it is in and the help
/// is generated from the same table, so the help can never fall out of step with the keys.
public struct KeyTable: Sendable, Equatable {
    /// The name a site's config file knows it by ("floor", "board", "command-line").
    public let id: String
    public let name: String
    public let bindings: [Binding]
    /// What the keys not bound here do: nothing (nil), typed as text (printable characters), or
    /// one answer for any key at all (a question's "no").
    public let others: Others?

    public enum Others: Sendable, Equatable {
        /// Printable characters are typed.
        case typed(String)
        /// Any other key answers with this action.
        case anyKey(Action, String)

        /// How the help says it.
        public var description: String {
            switch self {
            case .typed(let what): return what
            case .anyKey(_, let what): return what
            }
        }
    }

    init(id: String, _ name: String, others: Others? = nil, _ bindings: [Binding]) {
        self.id = id; self.name = name; self.others = others; self.bindings = bindings
    }

    public func action(for key: Key) -> Action? {
        if let bound = bindings.first(where: { $0.keys.contains(key) }) { return bound.action }
        if case .anyKey(let action, _)? = others { return action }
        return nil
    }

    /// Whether the mode reacts to the key at all (bound, typed as text, or any key answers).
    public func answers(_ key: Key) -> Bool {
        if action(for: key) != nil { return true }
        if case .typed? = others, case .character = key { return true }
        return false
    }

    /// The table's lines for the help: each binding, then what other keys do.
    public var helpLines: [(label: String, description: String)] {
        bindings.map { ($0.label, $0.description) } + (others.map { others in
            switch others {
            case .typed: return [("letters", others.description)]
            case .anyKey: return [("other keys", others.description)]
            }
        } ?? [])
    }

    /// The table for `docs/console.md` (a test keeps the file equal to it).
    public var markdown: String {
        var out = "### \(name)\n\n| key | does |\n|---|---|\n"
        for binding in bindings {
            out += "| \(binding.label.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")) | \(binding.description) |\n"
        }
        // What other keys do is said in words, not as keys.
        for (label, description) in helpLines.dropFirst(bindings.count) { out += "| \(label) | \(description) |\n" }
        return out
    }

    /// This table's bindings for these actions, in the table's order: what another mode shares.
    func only(_ actions: [Action]) -> [Binding] {
        bindings.filter { actions.contains($0.action) }
    }
}

extension Binding {
    init(_ keys: [Key], _ label: String, _ action: Action, _ description: String) {
        self.init(keys: keys, label: label, action: action, description: description)
    }

    /// Keys for the digits in `digits` ("1"..."9").
    static func digits(_ digits: ClosedRange<Character>) -> [Key] {
        (digits.lowerBound.asciiValue!...digits.upperBound.asciiValue!).map { .character(Character(Unicode.Scalar($0))) }
    }
}
