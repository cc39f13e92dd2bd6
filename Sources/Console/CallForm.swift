import DispatchEngine
import ReadModel

/// The incident form a call handler fills in while on a call. Location and type are chosen from
/// the gazetteer and the scenario's types (typed, with completion); the rest is typed.
public struct CallForm: Sendable, Equatable {
    public enum Field: Int, Sendable, CaseIterable {
        case location, type, grade
        case threat, harm, risk, investigation, vulnerability, engagement
        case flags, caller, narrative

        public var label: String {
            switch self {
            case .location: return "Location"
            case .type: return "Type"
            case .grade: return "Grade"
            case .threat: return "T threat"
            case .harm: return "H harm"
            case .risk: return "R risk"
            case .investigation: return "I investig."
            case .vulnerability: return "V vulnerab."
            case .engagement: return "E engage"
            case .flags: return "Vulnerable"
            case .caller: return "Caller"
            case .narrative: return "Narrative"
            }
        }

        /// THRIVE: one line per element, in order.
        public static let thrive: [Field] = [.threat, .harm, .risk, .investigation, .vulnerability, .engagement]
    }

    /// The call this form is for.
    public var callNumber: Int64
    /// What the caller is describing, fixed when the call is answered.
    public var subject: CallerWords.Subject
    public var field: Field = .location
    /// Typing into the form (true) or using the call's action keys (false).
    public var editing = true
    public var text: [Field: String] = [:]
    /// What was typed before Tab completed it, so a further Tab cycles through its matches.
    public var typed: [Field: String] = [:]
    public var place: Int32?
    public var type: Int32?
    public var grade: Grade?
    /// A grade was just typed (the form moved on to Threat): the Enter a call handler presses
    /// after typing it is taken as done with the grade, not as skipping Threat.
    public var justGraded = false
    public var flags: Vulnerability = []
    /// The gazetteer or type match Tab would choose, cycling on repeated Tab.
    public var matchIndex = 0

    public init(callNumber: Int64, subject: CallerWords.Subject, caller: String) {
        self.callNumber = callNumber
        self.subject = subject
        text[.caller] = caller
    }

    public func value(_ field: Field) -> String { text[field] ?? "" }

    /// What the handler recorded, for the engine.
    public var assessment: Assessment {
        Assessment(thrive: Field.thrive.map { SafeText.clean(value($0)) }, vulnerability: flags,
                   caller: SafeText.clean(value(.caller)), narrative: SafeText.clean(value(.narrative)))
    }

    /// The first field still missing before an incident can be created, and what to say.
    public var missing: (Field, String)? {
        if place == nil { return (.location, "Choose the location from the gazetteer (type part of it, Tab completes)") }
        if type == nil { return (.type, "Choose the incident type (type part of it, Tab completes)") }
        if grade == nil { return (.grade, "Give the grade: 1 immediate, 2 priority, 3 scheduled, 4 resolution") }
        // A grade 1 or 2 sends officers on blue lights or within the hour: every THRIVE line is
        // considered first (a line may say "none", but not be left blank).
        if let grade, grade < .scheduled {
            let blank = Field.thrive.filter { value($0).trimmedOfSpaces.isEmpty }
            if let first = blank.first {
                let names = blank.map { String($0.label.dropFirst(2)) }.joined(separator: ", ")
                return (first, "A grade \(grade.rawValue) needs every THRIVE line considered: \(names) still blank (write 'none' if so)")
            }
        }
        return nil
    }
}

/// Finding places and incident types from what was typed: every word typed must start a word of
/// the name (or appear in it), whole-name prefixes first; then, forgiving a typo, names whose
/// words each typed word nearly starts (a letter wrong, missing, extra or two swapped: "brich"
/// finds Birch Close), nearest first.
public enum Gazetteer {
    /// `vagueFrom`: names from there on are vague locations (a street, an area alone), offered
    /// after every address that matches.
    public static func matches(_ typed: String, in names: [String], limit: Int = 8, vagueFrom: Int = .max) -> [Int] {
        let words = typed.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        var starts: [Int] = [], wordStarts: [Int] = [], inside: [Int] = []
        var near: [(index: Int, edits: Int)] = []
        for (i, name) in names.enumerated() {
            let lower = name.lowercased()
            if lower.hasPrefix(typed.lowercased()) { starts.append(i); continue }
            let nameWords = lower.split { !$0.isLetter && !$0.isNumber }.map(String.init)
            if words.allSatisfy({ w in nameWords.contains { $0.hasPrefix(w) } }) { wordStarts.append(i); continue }
            if words.allSatisfy({ lower.contains($0) }) { inside.append(i); continue }
            if let edits = typoEdits(words, nameWords) { near.append((i, edits)) }
        }
        let forgiven = near.sorted { ($0.edits, $0.index) < ($1.edits, $1.index) }.map(\.index)
        let ranked = starts + wordStarts + inside + forgiven
        return Array((ranked.filter { $0 < vagueFrom } + ranked.filter { $0 >= vagueFrom }).prefix(limit))
    }

    /// Edits to make each typed word start a word of the name (the fewest each), if every word
    /// is within its allowance: none under 4 letters, one up to 6, two from 7.
    static func typoEdits(_ words: [String], _ nameWords: [String]) -> Int? {
        var total = 0
        for w in words {
            let allowance = w.count < 4 ? 0 : w.count <= 6 ? 1 : 2
            var best = Int.max
            for n in nameWords {
                let start = String(n.prefix(w.count))
                best = min(best, EditDistance.withSwaps(w, start), EditDistance.withSwaps(w, n))
                // A letter missing or extra makes the start one shorter or longer.
                if n.count > w.count { best = min(best, EditDistance.withSwaps(w, String(n.prefix(w.count + 1)))) }
                if w.count > 1 { best = min(best, EditDistance.withSwaps(w, String(n.prefix(w.count - 1)))) }
            }
            guard best <= allowance else { return nil }
            total += best
        }
        return total
    }
}
