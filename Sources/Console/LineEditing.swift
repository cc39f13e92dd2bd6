/// The command and search lines' editing, as readline users expect: the cursor moves by
/// character and by word, and Ctrl-U/W/K cut before, the word before, and after it.
public struct EditedLine: Sendable, Equatable {
    public private(set) var text = ""
    /// Where the cursor is, in characters from the start (0...text.count).
    public private(set) var cursor = 0
    /// The most a line holds.
    public static let limit = 200

    public init(_ text: String = "") {
        self.text = String(text.prefix(Self.limit))
        cursor = self.text.count
    }

    public var isEmpty: Bool { text.isEmpty }

    /// Types text at the cursor (what does not fit is left out).
    public mutating func insert(_ typed: String) {
        let room = max(0, Self.limit - text.count)
        guard room > 0, !typed.isEmpty else { return }
        let fitting = String(typed.prefix(room))
        text.insert(contentsOf: fitting, at: index(cursor))
        cursor += fitting.count
    }

    /// Carries out an editing action; false if the action is not one that edits.
    public mutating func edit(_ action: Action) -> Bool {
        switch action {
        case .rubOut: if cursor > 0 { remove(cursor - 1..<cursor) }
        case .deleteForward: if cursor < text.count { remove(cursor..<cursor + 1) }
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(text.count, cursor + 1)
        case .lineStart: cursor = 0
        case .lineEnd: cursor = text.count
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight: cursor = wordEnd(after: cursor)
        case .cutToStart: remove(0..<cursor)
        case .cutWordBack: remove(wordStart(before: cursor)..<cursor)
        case .cutToEnd: remove(cursor..<text.count)
        default: return false
        }
        return true
    }

    /// The text before the cursor and after it.
    public var beforeCursor: String { String(text[..<index(cursor)]) }
    public var afterCursor: String { String(text[index(cursor)...]) }

    private func index(_ offset: Int) -> String.Index { text.index(text.startIndex, offsetBy: offset) }

    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        text.removeSubrange(index(range.lowerBound)..<index(range.upperBound))
        cursor = range.lowerBound
    }

    /// Back over spaces, then over the word.
    private func wordStart(before offset: Int) -> Int {
        let characters = Array(text)
        var i = offset
        while i > 0 && characters[i - 1] == " " { i -= 1 }
        while i > 0 && characters[i - 1] != " " { i -= 1 }
        return i
    }

    /// On over spaces, then over the word.
    private func wordEnd(after offset: Int) -> Int {
        let characters = Array(text)
        var i = offset
        while i < characters.count && characters[i] == " " { i += 1 }
        while i < characters.count && characters[i] != " " { i += 1 }
        return i
    }
}
