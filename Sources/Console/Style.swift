import ReadModel
/// What a piece of text *is*; the terminal decides how that looks (colour in a 256- or 8-colour
/// theme, bold/reverse/underline in monochrome). Every distinction that matters also has a text
/// marker, so nothing depends on colour alone.
public enum Ink: Int, Sendable, CaseIterable {
    case normal, dim, heading, border, focusedBorder, selected
    case grade1, grade2, grade3, grade4
    case overdue, nearTarget
    case available, committed, refreshments, offDuty, emergency
    case fromControl, toControl
    case statusBar, message, error, input, help, banner
}

public struct CellStyle: Sendable, Equatable, Hashable {
    public var ink: Ink
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ ink: Ink = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.ink = ink; self.bold = bold; self.reverse = reverse; self.underline = underline
    }

    public static let normal = CellStyle()
    public func with(reverse: Bool) -> CellStyle { var s = self; s.reverse = reverse; return s }
    public func with(bold: Bool) -> CellStyle { var s = self; s.bold = bold; return s }
}
