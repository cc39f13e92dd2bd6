import DispatchEngine

/// A call waiting to be answered, as the ringing queue shows it.
public struct RingingCall: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var waited: SimTime
}

/// A chat, e-mail or online report waiting for its first reply.
public struct WaitingContact: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var waited: SimTime
    /// Time left to the line's standard (negative: past it); nil: the line has none.
    public var due: SimTime?
}

/// A contact a person holds aside while another is in front of them.
public struct HeldContact: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var since: SimTime
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

    /// Chats, e-mails and online reports waiting for a first reply, the one whose standard runs
    /// out first at the top (the order they are taken in); `due` is the time left (negative: past).
    public func waitingContacts() -> [WaitingContact] {
        var out: [WaitingContact] = []
        for line in Line.digital where world.waitingCount[line.rawValue] > 0 {
            let standard = config.standard(for: line)
            for id in world.waiting[line.rawValue] {
                guard let call = world.call(id), call.state == .waiting else { continue }
                out.append(WaitingContact(number: call.number, line: line, waited: now - call.arrivedAt,
                                          due: standard.map { call.arrivedAt + $0 - now }))
            }
        }
        return out.sorted { ($0.due ?? .max, $0.number) < ($1.due ?? .max, $1.number) }
    }

    /// What the person at `seat` holds besides the contact in front of them, in the order they
    /// come forward: each contact's line, number and how long since it was answered.
    public func heldContacts(at seat: HandlerIndex?) -> [HeldContact] {
        guard let seat, world.handlers.indices.contains(Int(seat)) else { return [] }
        return world.handlers[Int(seat)].held.compactMap { id in
            world.call(id).map { HeldContact(number: $0.number, line: $0.line, since: now - $0.answeredAt) }
        }
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

    /// What the person at `seat` has typed on the live chat in front of them, with when.
    public func chatReplies(at seat: HandlerIndex?) -> [(at: SimTime, text: String)] {
        guard let seat, world.handlers.indices.contains(Int(seat)), let id = world.handlers[Int(seat)].call else { return [] }
        return world.chatReplies[id] ?? []
    }

    public func likelyDuplicates(place: Int32, type: Int32?) -> [LikelyDuplicate] {
        simulation.likelyDuplicates(place: place, type: type)
    }
}
