/// Something due to happen at a future moment: a timer in the discrete-event simulation, not yet a
/// fact. Ordered by (time, sequence) so that ties always resolve the same way.
struct Happening: Comparable {
    /// What is due, with what it is for. A unit's step carries the unit's plan (`Unit.timer`) as
    /// it was when the step was set: a different plan now means the step is stale.
    enum Due {
        case callerHangsUp(CallID)
        case handlingEnds(CallID)
        case unitStep(UnitStep, UnitIndex, plan: UInt32)
        case refreshmentsDue(UnitIndex)
        case unitReplies(UnitIndex)
        case unitAllInOrder(UnitIndex)
        case automatedAcknowledge(UnitIndex)
        case dispatcherDecides(IncidentID)
        case unitShiftStarts(UnitIndex)
        case unitShiftEnds(UnitIndex)
        case handlerShiftStarts(HandlerIndex)
        case handlerShiftEnds(HandlerIndex)
        /// The script's cue with this index.
        case scriptCue(Int32)
        /// A scripted caller rings back (or, escalating, things get worse).
        case scriptFollowUp(call: Int32, escalating: Bool)
        /// The surge with this index is over.
        case surgeEnds(Int32)
    }

    /// The steps of a unit's job, each valid only for the plan it was set in.
    enum UnitStep: UInt8 {
        case arrives, clears, custodyEnds, refreshmentsEnd, backupCall, emergencyPress, emergencyOver
        case welfareDue, backInService
    }

    var time: SimTime
    var sequence: UInt64
    var due: Due

    static func < (a: Happening, b: Happening) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }
    static func == (a: Happening, b: Happening) -> Bool {
        a.time == b.time && a.sequence == b.sequence
    }
}
