import ReadModel
/// Box drawing and symbols: Unicode where the locale is UTF-8, ASCII otherwise.
public struct Glyphs: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var teeLeft, teeRight: String
    public var toControl, fromControl, play, pause, warning, ellipsis, up, down: String

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                       bottomLeft: "└", bottomRight: "┘", teeLeft: "├", teeRight: "┤",
                                       toControl: "→", fromControl: "←", play: "▶", pause: "⏸",
                                       warning: "⚠", ellipsis: "…", up: "↑", down: "↓")
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                     bottomLeft: "+", bottomRight: "+", teeLeft: "+", teeRight: "+",
                                     toControl: ">", fromControl: "<", play: ">", pause: "||",
                                     warning: "!", ellipsis: "~", up: "^", down: "v")
}
