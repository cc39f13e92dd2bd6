import DispatchEngine

/// The valid word closest to a mistyped one, for "did you mean" hints.
enum Suggestion {
    static func nearest(to word: String, in candidates: [String]) -> String? {
        EditDistance.nearest(to: word, in: candidates) { max(2, $0.count / 3) }
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
