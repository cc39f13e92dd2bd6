/// Abandoned 999 calls rung back: every one lands on the callback list (World.callbacks); a free
/// handler rings the oldest back when no call waits (a person's seat first: the engine's handlers
/// leave it to them for two minutes). Rung back, the call is on the handler's line again, answered
/// or not as its draw says, and is handled as any call: genuine, made by accident, or no answer.
extension Simulation {
    /// How long the engine's handlers leave an abandoned 999 call for a person's seat to ring back.
    public static let personCallbackLimit: SimTime = 2 * Clock.minute

    /// A caller hung up before an answer: a 999 call goes on the callback list.
    func callerHangsUp(_ id: CallID) {
        // A caller answered once and back in the queue (their handler's console was lost) holds on.
        guard let call = world.call(id), call.state == .waiting, call.answeredAt < 0 else { return }
        emit(.callAbandoned(id))
        guard call.line == .emergency, config.ringBackAbandoned else { return }
        if !world.personSeats.isEmpty { schedule(.callbackLeftToPerson, at: now + Self.personCallbackLimit) }
        ringBackAbandoned()
    }

    /// Rings `callback` back from `handler`'s seat.
    @discardableResult
    func ringBack(_ callback: Callback, from handler: HandlerIndex) -> CallID {
        let handle = world.calls.nextHandle()
        let id = CallID(slot: handle.slot, generation: handle.generation)
        emit(.rungBack(id, number: callback.number, handler: handler, answered: callback.draw.answersCallBack))
        return id
    }

    /// The engine's free handlers ring abandoned 999 calls back while no call is waiting: those a
    /// person's seat has had two minutes to take, or all of them with no person seated.
    func ringBackAbandoned() {
        guard !world.callbacks.isEmpty else { return }
        let before = actor
        defer { actor = before }
        let seated = !world.personSeats.isEmpty
        while world.callsWaiting == 0, let handler = world.freeHandlers.last,
              let callback = world.callbacks.first(where: { !seated || now - $0.abandonedAt >= Self.personCallbackLimit }) {
            actor = .automatedHandler(handler)
            let id = ringBack(callback, from: handler)
            let draw = callback.draw
            let handling = !draw.answersCallBack ? 30 * Clock.second : draw.isGenuine ? draw.handling : Clock.minute
            schedule(.handlingEnds(id), at: now + handling)
        }
    }

    /// An automated handler's ring back is over: no answer, a call made by accident, or (genuine)
    /// decided as the call's truth says. Returns false for the genuine, left to the usual handling.
    func endRingBack(_ id: CallID, _ call: Call) -> Bool {
        guard call.ringBack else { return false }
        if call.calledBack != true {
            emit(.callHandled(id, outcome: .noAnswer, incident: nil))
        } else if !call.draw.isGenuine {
            emit(.callHandled(id, outcome: .accidental, incident: nil))
        } else {
            return false
        }
        answerWaitingCalls()
        return true
    }

    /// A person rings back an abandoned 999 call: the oldest, or the one they chose.
    func personRingsBack(_ handler: HandlerIndex, number: Int64?) throws(CommandRefusal) {
        guard try !personsSeat(handler, onDuty: true).onPhone else { throw .handlerBusy }
        guard let callback = number.map({ n in world.callbacks.first { $0.number == n } }) ?? world.callbacks.first else {
            throw .noCallbackWaiting
        }
        ringBack(callback, from: handler)
        answerWaitingCalls()
    }
}

extension CallDraw {
    /// Someone really needed the police (not a call made by accident).
    public var isGenuine: Bool { outcome == .incident || outcome == .duplicate }
}
