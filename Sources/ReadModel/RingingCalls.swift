import DispatchEngine

/// A call waiting to be answered, as the ringing queue shows it.
public struct RingingCall: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var waited: SimTime
}

/// An abandoned 999 call on the callback list, as the call handler's pane shows it.
public struct WaitingCallback: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    /// The number to ring (nil: withheld, which a 999 call never is).
    public var cli: String?
    public var rang: SimTime
    public var sinceHangUp: SimTime
    public var rangFor: SimTime
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

    /// Abandoned 999 calls waiting to be rung back, oldest first: the number, when the caller hung
    /// up and how long they had rung.
    public func callbackList() -> [WaitingCallback] {
        world.callbacks.map { c in
            WaitingCallback(number: c.number, line: c.line, cli: CallerDetails.number(c.draw, line: CallerPhone.of(number: c.number, line: c.line, draw: c.draw, config: config), config),
                            rang: c.rangAt, sinceHangUp: now - c.abandonedAt, rangFor: c.abandonedAt - c.rangAt)
        }
    }

    /// The call the person at `seat` is staying on after creating its incident.
    public func onTheLine(at seat: HandlerIndex?) -> OnTheLine? {
        guard let seat, world.handlers.indices.contains(Int(seat)), let id = world.handlers[Int(seat)].call else { return nil }
        return world.onTheLine[id]
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
