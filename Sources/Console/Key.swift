import ReadModel
/// A key press, as the terminal reports it.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Ctrl with a letter ("c" for Ctrl-C).
    case control(Character)
    /// Alt (or Esc, then the key) with a character: its own key, never the bare character.
    case alt(Character)
    /// Text pasted into the terminal (bracketed paste): typed into the line being edited, never
    /// run as keys. Raw: control characters are removed where it lands.
    case paste(String)
    /// A key the terminal sent as a sequence the console does not know: dropped whole.
    case unknown
    /// The terminal changed size.
    case resize
}
