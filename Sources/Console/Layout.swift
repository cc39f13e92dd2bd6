import ReadModel
/// A rectangle of the screen.
public struct Rect: Sendable, Equatable {
    public var row: Int, column: Int, width: Int, height: Int
    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row; self.column = column; self.width = max(width, 0); self.height = max(height, 0)
    }
    public static let empty = Rect(row: 0, column: 0, width: 0, height: 0)
}

/// Where everything goes for a terminal size. From 180 columns the incident list and the
/// resource board sit side by side over the radio log (the list still has 100 columns and more);
/// narrower, the incident list takes the whole width at the top, where its type, location and
/// units have room, and the board and radio share the bottom. A zoomed pane takes the whole middle.
public struct Layout: Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let width: Int
    public let height: Int
    public let statusBar: Rect
    public let bottomLine: Rect
    public let main: Rect
    private let panes: [Pane: Rect]
    /// The panes this seat shows, in Tab order.
    public let visible: [Pane]

    public static func panes(for role: Role) -> [Pane] {
        switch role {
        case .callHandler: return [.calls, .incidents, .radio]
        case .all: return [.calls, .incidents, .resources, .radio]
        case .dispatcher, .supervisor: return [.incidents, .resources, .radio]
        }
    }

    /// The panes shown, in Tab order: the map in the radio log's place while it is shown.
    public static func panes(for state: ConsoleState) -> [Pane] {
        panes(for: state.role).map { $0 == .radio && state.showMap ? .map : $0 }
    }

    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    /// From this width the incident list and the board sit side by side.
    public static let sideBySide = 180

    /// The emergency alarm's rows under the status bar: the panes are laid out below it, so
    /// it never covers the top of the incident list.
    public let alarm: Rect

    /// Rows the alarm takes for this many emergencies pending (none: 0).
    public static func alarmRows(_ pending: Int) -> Int { pending == 0 ? 0 : min(1 + pending, 4) }

    public init(width: Int, height: Int, state: ConsoleState, alarmRows: Int = 0) {
        self.width = width
        self.height = height
        statusBar = Rect(row: 0, column: 0, width: width, height: 1)
        bottomLine = Rect(row: max(height - 1, 0), column: 0, width: width, height: 1)
        alarm = Rect(row: 1, column: 0, width: width, height: alarmRows)
        main = Rect(row: 1 + alarmRows, column: 0, width: width, height: height - 2 - alarmRows)
        var panes: [Pane: Rect] = [:]
        // The map takes the radio log's place while it is shown.
        visible = Self.panes(for: state)
        if state.zoomed {
            panes[visible.contains(state.focus) ? state.focus : .incidents] = main
        } else {
            var body = main
            if state.role == .all {
                // Both seats: the ringing calls take a strip across the top.
                let strip = min(7, main.height / 4)
                panes[.calls] = Rect(row: main.row, column: 0, width: width, height: strip)
                body = Rect(row: main.row + strip, column: 0, width: width, height: main.height - strip)
            }
            // A call handler has the ringing calls where a dispatcher has the resource board.
            let side: Pane = state.role == .callHandler ? .calls : .resources
            if width >= Self.sideBySide {
                let top = body.height * 62 / 100
                let left = width * 58 / 100
                panes[.incidents] = Rect(row: body.row, column: 0, width: left, height: top)
                panes[side] = Rect(row: body.row, column: left, width: width - left, height: top)
                panes[.radio] = Rect(row: body.row + top, column: 0, width: width, height: body.height - top)
            } else {
                let top = body.height * 45 / 100
                // The board gets what its columns and skills need, the radio log the rest.
                let left = width >= 120 ? min(width / 2, 72) : width / 2
                panes[.incidents] = Rect(row: body.row, column: 0, width: width, height: top)
                panes[side] = Rect(row: body.row + top, column: 0, width: left, height: body.height - top)
                panes[.radio] = Rect(row: body.row + top, column: left, width: width - left, height: body.height - top)
            }
        }
        if state.showMap, let radio = panes.removeValue(forKey: .radio) { panes[.map] = radio }
        self.panes = panes
    }

    /// The pane's rectangle; empty when another pane is zoomed.
    public func rect(of pane: Pane) -> Rect { panes[pane] ?? .empty }
}
