import Foundation

/// A person's name as the floor takes it: what the journal, the exports and every console will
/// show as theirs, so it must be one readable line that cannot pass for someone else's.
public enum PersonName {
    /// At most this many characters as a reader counts them, and this many bytes.
    public static let longest = 40
    public static let longestBytes = 160

    /// The name in its one form (NFC, single spaces, trimmed), or why it is refused.
    public struct Problem: Error, Equatable { public var words: String }

    public static func check(_ raw: String) -> Result<String, Problem> {
        let name = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        let rule = "a name is needed: letters, digits, spaces and . ' - ( ) only, up to \(longest) letters: --name 'Alex Smith'"
        guard !name.isEmpty else { return .failure(Problem(words: rule)) }
        guard name.count <= longest, name.utf8.count <= longestBytes else { return .failure(Problem(words: rule)) }
        var lastWasSpace = false
        for s in name.unicodeScalars {
            let p = s.properties
            switch p.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter, .decimalNumber:
                lastWasSpace = false
            case .nonspacingMark, .spacingMark:
                lastWasSpace = false
            case .spaceSeparator where s == " ":
                if lastWasSpace { return .failure(Problem(words: "one space between words: " + rule)) }
                lastWasSpace = true
            case .dashPunctuation, .otherPunctuation where ".'’-‐".unicodeScalars.contains(s) || s == "-":
                lastWasSpace = false
            case .openPunctuation, .closePunctuation where s == "(" || s == ")":
                lastWasSpace = false
            default:
                return .failure(Problem(words: rule))
            }
        }
        // A letter carries a few marks at most (an accent or two), never a tower of them.
        guard name.allSatisfy({ $0.unicodeScalars.count <= 4 }) else { return .failure(Problem(words: rule)) }
        return .success(name)
    }

    /// A name as sent, for the floor's log: invisible and line-breaking characters as escapes,
    /// at most 60 characters and 12 marks on a letter, so a hostile name is seen for what it is.
    public static func shown(_ raw: String) -> String {
        var out = ""
        for c in raw.prefix(60) {
            for (i, s) in c.unicodeScalars.enumerated() where i < 12 {
                switch s.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                    out += "\\u{\(String(s.value, radix: 16, uppercase: true))}"
                case .spaceSeparator where s != " ":
                    out += "\\u{\(String(s.value, radix: 16, uppercase: true))}"
                default:
                    out.unicodeScalars.append(s)
                }
            }
        }
        return raw.count > 60 ? out + "..." : out
    }

    /// What the name looks like, whatever script its letters come from: two names with the
    /// same skeleton cannot be told apart on a screen.
    public static func skeleton(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.compactMap { s -> Unicode.Scalar? in
            if s.properties.generalCategory == .spaceSeparator || s == "." || s == "-" || s == "'" || s == "’" { return nil }
            return lookalikes[s] ?? s
        }))
    }

    /// Letters of other scripts that look like Latin ones (Cyrillic, Greek), and digits like letters.
    static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            ("аеорсухіјѕԁһԛԝӏ", "aeopcyxijsdhqwl"),   // Cyrillic
            ("αεοριτυνκχ", "aeopitvvkx"),            // Greek
            ("01", "ol"),
        ]
        var out: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (from, to) in pairs {
            for (a, b) in zip(from.unicodeScalars, to.unicodeScalars) { out[a] = b }
        }
        return out
    }()
}
