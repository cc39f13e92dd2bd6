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
/// finds Birch Close), nearest first. The floor's places are searched by its index
/// (`Floor.placeIndex`); a short list (the types) is read through.
public enum Gazetteer {
    /// `vagueFrom`: names from there on are vague locations (a street, an area alone), offered
    /// after every address that matches.
    public static func matches(_ typed: String, in names: [String], limit: Int = 8, vagueFrom: Int = .max) -> [Int] {
        GazetteerIndex.linear(typed, in: names, limit: limit, vagueFrom: vagueFrom)
    }

    /// The floor's places matching `typed`. A place said by a landmark ("the flats by the
    /// Co-op", "outside the Crown") gives the landmark and then the places around it, nearest
    /// first, those whose names hold the words said before it ("flats") ahead.
    public static func places(_ typed: String, _ floor: Floor, limit: Int = 8) -> [Int] {
        let found = floor.placeIndex.matches(typed, limit: limit, vagueFrom: floor.config.addressCount)
        // A name that holds the words ("Newton by the Sea") is found as it is, before any reading
        // of them as a landmark.
        guard found.count < limit, let near = byLandmark(typed, floor, limit: limit) else { return found }
        return Array((found + near.filter { !found.contains($0) }).prefix(limit))
    }

    /// The words that put a place by a landmark, longest first (so "next to" is not read as "to").
    static let besides = [" next to the ", " opposite the ", " outside the ", " behind the ", " near the ", " by the ",
                          " next to ", " opposite ", " outside ", " behind ", " near ", " by "]
    /// How far round a landmark its neighbours are looked for (km).
    static let aroundLandmark = 0.2

    static func byLandmark(_ typed: String, _ floor: Floor, limit: Int) -> [Int]? {
        let padded = " " + typed.lowercased() + " "
        guard let said = besides.lazy.compactMap({ w in padded.range(of: w).map { (w, $0) } }).first else { return nil }
        let before = String(padded[..<said.1.lowerBound]).trimmingCharacters(in: .whitespaces)
        let landmarkWords = String(padded[said.1.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard landmarkWords.count >= 2 else { return nil }
        let places = floor.config.places, count = floor.config.addressCount
        guard let landmark = floor.placeIndex.matches(landmarkWords, limit: 1, vagueFrom: count).first, landmark < count else { return nil }
        let at = places[landmark].position
        let hints = before.split(separator: " ").map(String.init).filter { $0.count > 2 && !["the", "flat", "house"].contains($0) }
        let around = (0..<count).filter { $0 != landmark && places[$0].position.distance(to: at) <= aroundLandmark }
        let ranked = around.sorted { a, b in
            let ha = hints.contains { places[a].name.lowercased().contains($0) }, hb = hints.contains { places[b].name.lowercased().contains($0) }
            if ha != hb { return ha }
            let da = places[a].position.distance(to: at), db = places[b].position.distance(to: at)
            return da != db ? da < db : a < b
        }
        return Array(([landmark] + ranked).prefix(limit))
    }
}
