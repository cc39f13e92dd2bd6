import DispatchEngine

/// A seat on the floor, as `join --seat` names it.
public enum FloorSeat: Equatable, Hashable, Sendable {
    case callHandler
    /// One area's dispatcher (nil: every area, when the floor has one dispatcher).
    case dispatcher(area: Int?)
    case supervisor
    case instructor
    case watch

    /// Reads "call-handler", "dispatcher", "dispatcher:North", "supervisor", "instructor",
    /// "watch"; areas by name, any case. Says what is wrong otherwise.
    public static func parse(_ text: String, areas: [String]) -> Result<FloorSeat, SeatProblem> {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = parts.first?.lowercased() ?? ""
        switch kind {
        case "call-handler" where parts.count == 1: return .success(.callHandler)
        case "supervisor" where parts.count == 1: return .success(.supervisor)
        case "instructor" where parts.count == 1: return .success(.instructor)
        case "watch" where parts.count == 1: return .success(.watch)
        case "dispatcher":
            guard parts.count == 2 else { return .success(.dispatcher(area: nil)) }
            guard let i = areas.firstIndex(where: { $0.lowercased() == parts[1].lowercased() }) else {
                return .failure(SeatProblem("no area '\(parts[1])' on this floor; its areas: " + areas.joined(separator: ", ")))
            }
            return .success(.dispatcher(area: i))
        default:
            return .failure(SeatProblem("no seat '\(text)'; the seats: call-handler, dispatcher, dispatcher:AREA, supervisor, instructor, watch"))
        }
    }

    /// The seat as `--seat` takes it, and as the journal records it.
    public func text(areas: [String]) -> String {
        switch self {
        case .callHandler: "call-handler"
        case .dispatcher(nil): "dispatcher"
        case .dispatcher(let a?): "dispatcher:" + (areas.indices.contains(a) ? areas[a] : String(a))
        case .supervisor: "supervisor"
        case .instructor: "instructor"
        case .watch: "watch"
        }
    }

    /// The seat in the room's words, for the supervisor's workload.
    public func words(areas: [String]) -> String {
        switch self {
        case .callHandler: "call handler"
        case .dispatcher(nil): "dispatcher, every area"
        case .dispatcher(let a?): "dispatcher " + (areas.indices.contains(a) ? areas[a] : String(a))
        case .supervisor: "supervisor"
        case .instructor: "instructor"
        case .watch: "watching"
        }
    }

    /// Only one person at a time: a dispatcher's area (or every area), the instructor.
    var isOnlyOne: Bool {
        switch self {
        case .dispatcher, .instructor: true
        case .callHandler, .supervisor, .watch: false
        }
    }

    /// Whether the two seats cannot both be held: the same single seat, or one area's dispatcher
    /// beside the dispatcher of every area.
    func clashes(with other: FloorSeat) -> Bool {
        switch (self, other) {
        case (.dispatcher(nil), .dispatcher), (.dispatcher, .dispatcher(nil)): true
        default: isOnlyOne && self == other
        }
    }
}

public struct SeatProblem: Error, Equatable, Sendable {
    public var words: String
    public init(_ words: String) { self.words = words }
}
