import ReadModel
/// A key press, as the terminal reports it.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Ctrl with a letter ("c" for Ctrl-C).
    case control(Character)
    /// The terminal changed size.
    case resize
}
