/// A rectangle of the screen.
public struct Rect: Sendable, Equatable {
    public var row: Int, column: Int, width: Int, height: Int
    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row; self.column = column; self.width = max(width, 0); self.height = max(height, 0)
    }
    public static let empty = Rect(row: 0, column: 0, width: 0, height: 0)
}

/// Where everything goes for a terminal size. From 120 columns the incident list and the
/// resource board sit side by side over the radio log; narrower, the incident list takes the
/// top and the board and radio share the bottom. A zoomed pane takes the whole middle.
public struct Layout: Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let width: Int
    public let height: Int
    public let statusBar: Rect
    public let bottomLine: Rect
    public let main: Rect
    private let panes: [Pane: Rect]

    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    public init(width: Int, height: Int, state: ConsoleState) {
        self.width = width
        self.height = height
        statusBar = Rect(row: 0, column: 0, width: width, height: 1)
        bottomLine = Rect(row: max(height - 1, 0), column: 0, width: width, height: 1)
        main = Rect(row: 1, column: 0, width: width, height: height - 2)
        var panes: [Pane: Rect] = [:]
        if state.zoomed {
            panes[state.focus] = main
        } else if width >= 120 {
            let top = main.height * 62 / 100
            let left = width * 58 / 100
            panes[.incidents] = Rect(row: main.row, column: 0, width: left, height: top)
            panes[.resources] = Rect(row: main.row, column: left, width: width - left, height: top)
            panes[.radio] = Rect(row: main.row + top, column: 0, width: width, height: main.height - top)
        } else {
            let top = main.height * 45 / 100
            let left = width / 2
            panes[.incidents] = Rect(row: main.row, column: 0, width: width, height: top)
            panes[.resources] = Rect(row: main.row + top, column: 0, width: left, height: main.height - top)
            panes[.radio] = Rect(row: main.row + top, column: left, width: width - left, height: main.height - top)
        }
        self.panes = panes
    }

    /// The pane's rectangle; empty when another pane is zoomed.
    public func rect(of pane: Pane) -> Rect { panes[pane] ?? .empty }
}
