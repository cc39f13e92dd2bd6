import DispatchEngine

/// The gazetteer at a force's scale (a hundred thousand addresses): an index of every place's
/// words, so a keystroke in the call form's location looks up the few words that match rather
/// than reading every name. It finds exactly what `linear` finds, in the same order: whole-name
/// prefixes first, then names whose words each typed word starts, then names holding each typed
/// word, then names each typed word nearly starts (a typo forgiven), nearest first.
public final class GazetteerIndex: @unchecked Sendable {
    let names: [String]
    let lower: [String]
    /// Whether each name holds a combining mark (a character of more than one scalar).
    let hasMark: [Bool]
    /// Each name's words (letters and digits), as indexes into `vocabulary`.
    let nameWords: [[Int32]]
    /// Every word of every name, sorted; and the names holding each.
    let vocabulary: [String]
    let vocabularyBytes: [[UInt8]]
    let postings: [[Int32]]
    /// Names by their lowercased text, for whole-name prefixes.
    let sortedNames: [Int32]
    // Scratch, a bit per name: the names one typed word's set holds, and those all the sets hold.
    private var setBits: [UInt64]
    private var heldBits: [UInt64]
    /// Scratch marks, one per name: listed already by this search.
    private var takenBy: [Int32]
    private var mark: Int32 = 0

    /// How many distinct words the names have.
    public var vocabularySize: Int { vocabulary.count }

    public init(names: [String]) {
        self.names = names
        lower = names.map { $0.lowercased() }
        hasMark = lower.map { name in name.contains { $0.unicodeScalars.count > 1 } }
        var words: [String: Int32] = [:]
        var split: [[String]] = []
        split.reserveCapacity(names.count)
        for l in lower {
            let w = l.split { !$0.isLetter && !$0.isNumber }.map(String.init)
            split.append(w)
            for word in w where words[word] == nil { words[word] = 0 }
        }
        vocabulary = words.keys.sorted()
        vocabularyBytes = vocabulary.map { Array($0.utf8) }
        for (i, w) in vocabulary.enumerated() { words[w] = Int32(i) }
        var postings = Array(repeating: [Int32](), count: vocabulary.count)
        var nameWords: [[Int32]] = []
        nameWords.reserveCapacity(names.count)
        for (i, w) in split.enumerated() {
            let ids = w.map { words[$0]! }
            nameWords.append(ids)
            for id in Set(ids) { postings[Int(id)].append(Int32(i)) }
        }
        self.postings = postings
        self.nameWords = nameWords
        let lowered = lower
        sortedNames = lowered.indices.sorted { (lowered[$0], $0) < (lowered[$1], $1) }.map(Int32.init)
        setBits = Array(repeating: 0, count: (names.count + 63) / 64)
        heldBits = Array(repeating: 0, count: (names.count + 63) / 64)
        takenBy = Array(repeating: 0, count: names.count)
    }

    /// The vocabulary's words starting with `prefix` (a range of the sorted list).
    func words(startingWith prefix: String) -> Range<Int> {
        var lo = 0, hi = vocabulary.count
        while lo < hi { let mid = (lo + hi) / 2; if vocabulary[mid] < prefix { lo = mid + 1 } else { hi = mid } }
        var end = lo
        while end < vocabulary.count && vocabulary[end].hasPrefix(prefix) { end += 1 }
        return lo..<end
    }

    /// The names every one of `sets` holds (each set a list of vocabulary words), ascending: a
    /// bit per name for each set, the sets' bits and-ed, read out in order (no counting or sort:
    /// a short word's set holds most of the force).
    private func namesHolding(_ sets: [[Int]]) -> [Int] {
        guard !sets.isEmpty else { return [] }
        let words = (names.count + 63) / 64
        for (k, set) in sets.enumerated() {
            for i in 0..<words { setBits[i] = 0 }
            for w in set {
                for n in postings[w] { setBits[Int(n) >> 6] |= 1 << UInt64(n & 63) }
            }
            if k == 0 {
                for i in 0..<words { heldBits[i] = setBits[i] }
            } else {
                for i in 0..<words { heldBits[i] &= setBits[i] }
            }
        }
        var out: [Int] = []
        for i in 0..<words {
            var word = heldBits[i]
            while word != 0 {
                out.append(i << 6 | word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        return out
    }

    public func matches(_ typed: String, limit: Int = 8, vagueFrom: Int = .max) -> [Int] {
        let query = typed.lowercased()
        let words = query.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        // Whole-name prefixes.
        var lo = 0, hi = sortedNames.count
        while lo < hi { let mid = (lo + hi) / 2; if lower[Int(sortedNames[mid])] < query { lo = mid + 1 } else { hi = mid } }
        // The names it starts are together in that order: where they end is found the same way,
        // not by reading each (a first letter or digit starts thousands).
        var end = lo
        hi = sortedNames.count
        while end < hi {
            let mid = (end + hi) / 2
            if lower[Int(sortedNames[mid])].hasPrefix(query) { end = mid + 1 } else { hi = mid }
        }
        // A name with a combining mark may sort among those the query starts without being
        // started by it (the full read never lists it): only those are checked again.
        var starts = sortedNames[lo..<end].map { Int($0) }.filter { !hasMark[$0] || lower[$0].hasPrefix(query) }
        starts.sort()
        // Enough whole matches already: what follows would not be shown (the vague ones go
        // last whatever they are), so it is not looked for.
        func enough(_ lists: [[Int]]) -> Bool { lists.reduce(0) { $0 + $1.filter { $0 < vagueFrom }.count } >= limit }
        if enough([starts]) { return Self.ranked([starts], limit: limit, vagueFrom: vagueFrom) }
        // What is already listed, marked (this search's mark: no clearing between searches).
        mark &+= 1
        if mark == Int32.max { takenBy = Array(repeating: 0, count: names.count); mark = 1 }
        for i in starts { takenBy[i] = mark }
        // Each typed word starts a word of the name.
        let wordStarts = namesHolding(words.map { Array(self.words(startingWith: $0)) }).filter { takenBy[$0] != mark }
        for i in wordStarts { takenBy[i] = mark }
        if enough([starts, wordStarts]) { return Self.ranked([starts, wordStarts], limit: limit, vagueFrom: vagueFrom) }
        // Each typed word is in the name: inside one of its words, or (with other marks) read off the name.
        var inside: [Int]
        let typedBytes = words.map { Array($0.utf8) }
        if words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber } }) {
            inside = namesHolding(typedBytes.map { w in vocabularyBytes.indices.filter { Self.contains(vocabularyBytes[$0], w) } })
        } else {
            inside = lower.indices.filter { i in words.allSatisfy { lower[i].contains($0) } }
        }
        inside = inside.filter { takenBy[$0] != mark }
        for i in inside { takenBy[i] = mark }
        if enough([starts, wordStarts, inside]) { return Self.ranked([starts, wordStarts, inside], limit: limit, vagueFrom: vagueFrom) }
        // A typo forgiven: each typed word within its allowance of a word's start.
        var best: [[Int: Int]] = []
        var scratch = OSA()
        for (k, w) in words.enumerated() {
            let allowance = w.count < 4 ? 0 : w.count <= 6 ? 1 : 2
            let wb = typedBytes[k]
            var near: [Int: Int] = [:]
            if allowance == 0 {
                for v in self.words(startingWith: w) { near[v] = 0 }
            } else {
                for (v, n) in vocabularyBytes.enumerated() where wb.count - n.count <= allowance {
                    if let e = scratch.startEdits(wb, n, allowance: allowance) { near[v] = e }
                }
            }
            best.append(near)
        }
        let candidates = namesHolding(best.map { Array($0.keys) }).filter { takenBy[$0] != mark }
        var forgiven: [(index: Int, edits: Int)] = []
        for i in candidates {
            var total = 0
            for near in best { total += nameWords[i].compactMap { near[Int($0)] }.min() ?? 0 }
            forgiven.append((i, total))
        }
        let near = forgiven.sorted { ($0.edits, $0.index) < ($1.edits, $1.index) }.map(\.index)
        return Self.ranked([starts, wordStarts, inside, near], limit: limit, vagueFrom: vagueFrom)
    }

    static func ranked(_ lists: [[Int]], limit: Int, vagueFrom: Int) -> [Int] {
        let ranked = lists.flatMap { $0 }
        return Array((ranked.filter { $0 < vagueFrom } + ranked.filter { $0 >= vagueFrom }).prefix(limit))
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        if needle.isEmpty { return true }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Optimal string alignment distances of a typed word against the starts of a word, in one
    /// table: the typed word against the word's first len-1, len and len+1 letters and the whole word.
    struct OSA {
        var rows: [[Int]] = []

        mutating func startEdits(_ w: [UInt8], _ n: [UInt8], allowance: Int) -> Int? {
            let a = w.count, b = n.count
            if a == 0 || b == 0 { let e = max(a, b); return e <= allowance ? e : nil }
            if rows.count < a + 1 || rows[0].count < b + 1 { rows = Array(repeating: Array(repeating: 0, count: max(b + 1, 64)), count: max(a + 1, 32)) }
            for i in 0...a { rows[i][0] = i }
            for j in 0...b { rows[0][j] = j }
            for i in 1...a {
                for j in 1...b {
                    let cost = w[i - 1] == n[j - 1] ? 0 : 1
                    var d = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                    if i > 1 && j > 1 && w[i - 1] == n[j - 2] && w[i - 2] == n[j - 1] { d = min(d, rows[i - 2][j - 2] + 1) }
                    rows[i][j] = d
                }
            }
            // As the linear search tries them: the start as long as the typed word, the whole
            // word, a letter longer, a letter shorter.
            var e = min(rows[a][min(a, b)], rows[a][b])
            if b > a { e = min(e, rows[a][a + 1]) }
            if a > 1 { e = min(e, rows[a][min(a - 1, b)]) }
            return e <= allowance ? e : nil
        }
    }

    /// The same search reading every name: what the index must always agree with.
    public static func linear(_ typed: String, in names: [String], limit: Int = 8, vagueFrom: Int = .max) -> [Int] {
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

extension GazetteerIndex {
    /// A force-sized gazetteer for the benchmark and the tests: `count` addresses ("12 Birch
    /// Close, Hartley") on streets made of common English street words, and some landmarks.
    public static func syntheticAddresses(_ count: Int) -> [String] {
        let first = ["Birch", "Cedar", "Mill", "Orchard", "Station", "Church", "Market", "Victoria", "Albert", "Queens", "Kings",
                     "Park", "Green", "High", "North", "South", "West", "East", "Bridge", "River", "Meadow", "Oak", "Elm", "Ash",
                     "Willow", "Beech", "Hawthorn", "Holly", "Chapel", "School", "Manor", "Grange", "Hill", "Valley", "Forest",
                     "Castle", "Abbey", "Priory", "Windsor", "York", "Lancaster", "Chester", "Cromwell", "Nelson", "Wellington"]
        let second = ["Road", "Close", "Lane", "Street", "Way", "Avenue", "Gardens", "Crescent", "Drive", "Terrace", "Grove", "Place"]
        let towns = ["Hartley", "Northfield", "Ashby", "Fenwick", "Great Marsh", "Little Hartley", "Westgate", "Eastfield"]
        var out: [String] = []
        out.reserveCapacity(count)
        var street = 0
        while out.count < count {
            let name = first[street % first.count] + " " + second[(street / first.count) % second.count]
            let town = towns[(street / (first.count * second.count)) % towns.count]
            for number in 1...60 where out.count < count { out.append("\(number) \(name), \(town)") }
            street += 1
        }
        return out
    }
}
