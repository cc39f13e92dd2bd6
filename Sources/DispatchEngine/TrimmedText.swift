extension String {
    /// Without leading and trailing white space (the engine does without Foundation).
    public var trimmedOfSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
