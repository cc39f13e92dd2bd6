import DispatchEngine

/// A person seated on a floor of many consoles, as the floor tells every console: for the
/// supervisor's workload by name and the status line's "who holds it".
public struct FloorPerson: Sendable, Equatable, Codable {
    public var name: String
    /// The seat in the room's words: "call handler", "dispatcher North", "supervisor".
    public var seat: String
    public var dispatches: Bool
    public var handlesCalls: Bool
    /// Their console is gone and the seat is kept for them (seconds of the 30 left); nil: here.
    public var awaySince: Double?

    public init(name: String, seat: String, dispatches: Bool, handlesCalls: Bool, awaySince: Double? = nil) {
        self.name = name; self.seat = seat; self.dispatches = dispatches; self.handlesCalls = handlesCalls
        self.awaySince = awaySince
    }
}

/// The floor's answer to an action a console sent it.
public enum FloorAnswer: Sendable, Equatable {
    /// Performed and journalled: acknowledged.
    case done
    /// The engine refused it (changing nothing), as it would at a console of its own.
    case refused(CommandRefusal)
    /// Not taken, said in the floor's words (the seat may not; the floor is not answering).
    case notTaken(String)
    /// Not done yet: the floor asks first (the incident or unit is another dispatcher's).
    case asks(String)
}
