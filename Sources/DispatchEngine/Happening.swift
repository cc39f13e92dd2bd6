/// Something due to happen at a future moment: a timer in the discrete-event simulation, not yet a
/// fact. Ordered by (time, sequence) so that ties always resolve the same way.
struct Happening: Comparable {
    /// What is due, with what it is for. A unit's step carries the unit's plan (`Unit.timer`) as
    /// it was when the step was set: a different plan now means the step is stale.
    enum Due {
        case callerHangsUp(CallID)
        /// A call has rung at a person's seat for `Simulation.personRingLimit` unanswered: the
        /// engine's handlers may take it.
        case personRingEnds(CallID)
        case handlingEnds(CallID)
        /// An abandoned 999 call has been on the callback list for the person's two minutes.
        case callbackLeftToPerson
        case unitStep(UnitStep, UnitIndex, plan: UInt32)
        case refreshmentsDue(UnitIndex)
        case unitReplies(UnitIndex)
        case unitAllInOrder(UnitIndex)
        case automatedAcknowledge(UnitIndex)
        case dispatcherDecides(IncidentID)
        case unitShiftStarts(UnitIndex)
        /// Called in before its next shift (a fork's what-if): on duty now until that shift ends.
        case unitCalledIn(UnitIndex)
        case unitShiftEnds(UnitIndex)
        case handlerShiftStarts(HandlerIndex)
        case handlerShiftEnds(HandlerIndex)
        /// The script's cue with this index.
        case scriptCue(Int32)
        /// A scripted caller rings back (or, escalating, things get worse).
        case scriptFollowUp(call: Int32, escalating: Bool)
        /// The surge with this index is over.
        case surgeEnds(Int32)
        /// A deferred incident's time has come.
        case deferralEnds(IncidentID)
    }

    /// The steps of a unit's job, each valid only for the plan it was set in.
    enum UnitStep: UInt8 {
        case arrives, clears, custodyEnds, refreshmentsEnd, backupCall, emergencyPress, emergencyOver
        case welfareDue, backInService, streetSearched
    }

    /// The time and the sequence as one number, so the timer queue orders by one comparison.
    /// The time's sign bit is flipped so that the unsigned order is the signed one.
    let key: UInt128
    var due: Due

    init(time: SimTime, sequence: UInt64, due: Due) {
        key = UInt128(UInt64(bitPattern: time) ^ (1 << 63)) << 64 | UInt128(sequence)
        self.due = due
    }

    init(key: UInt128, due: Due) {
        self.key = key
        self.due = due
    }

    var time: SimTime { Happening.time(of: key) }

    static func time(of key: UInt128) -> SimTime { SimTime(bitPattern: UInt64(truncatingIfNeeded: key >> 64) ^ (1 << 63)) }

    static func < (a: Happening, b: Happening) -> Bool { a.key < b.key }
    static func == (a: Happening, b: Happening) -> Bool { a.key == b.key }
}
