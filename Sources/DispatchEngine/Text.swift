/// Small text helpers shared by the engine and everything above it (the engine does without
/// Foundation).
extension String {
    /// Without leading and trailing white space.
    public var trimmedOfSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// At least `width` characters, with zeros in front ("0042").
    public func zeroPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Levenshtein distance, for the "did you mean" hints of scenario files and typed commands.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Edits between two words where swapping two neighbouring letters is one edit ("brich" is
    /// one from "birch"): the optimal string alignment distance, for typed names.
    public static func withSwaps(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// The candidate nearest to `word`, ignoring case (the first of equals), if it is within
    /// `limit(candidate)` edits: only what is plausibly a typo of the word.
    public static func nearest(to word: String, in candidates: [String], within limit: (String) -> Int) -> String? {
        let lowered = word.lowercased()
        let length = lowered.count
        var best: (String, Int)?
        for candidate in candidates {
            // Lengths further apart than the limit are more edits apart than it: not worth
            // the work (a 200,000-character word took seconds against every name).
            guard abs(candidate.count - length) <= limit(candidate) else { continue }
            let d = between(lowered, candidate.lowercased())
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best, d <= limit(candidate) else { return nil }
        return candidate
    }
}
