import DispatchEngine

/// A call waiting to be answered, as the ringing queue shows it.
public struct RingingCall: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var waited: SimTime
}

extension Floor {
    /// Calls ringing: 999 above 101, each oldest first (the order they are answered in).
    public func ringingCalls() -> [RingingCall] {
        var out: [RingingCall] = []
        for line in 0..<2 {
            for id in world.waiting[line] {
                guard let call = world.call(id), call.state == .waiting else { continue }
                out.append(RingingCall(number: call.number, line: call.line, waited: now - call.arrivedAt))
            }
        }
        return out
    }

    /// The call the person at `seat` is on.
    public func call(at seat: HandlerIndex?) -> Call? {
        guard let seat, world.handlers.indices.contains(Int(seat)), let id = world.handlers[Int(seat)].call else { return nil }
        return world.call(id)
    }

    public func likelyDuplicates(place: Int32, type: Int32?) -> [LikelyDuplicate] {
        simulation.likelyDuplicates(place: place, type: type)
    }
}
