/// Something due to happen at a future moment: a timer in the discrete-event simulation, not yet a
/// fact. Ordered by (time, sequence) so that ties always resolve the same way.
struct Happening: Comparable {
    enum Kind: UInt8 {
        case callerHangsUp, handlingEnds
        case unitArrives, unitClears, custodyEnds, refreshmentsDue, refreshmentsEnd
        case backupCall, emergencyPress, emergencyOver, dispatcherDecides, unitReplies, automatedAcknowledge, welfareDue, unitAllInOrder
        case unitShiftStarts, unitShiftEnds, handlerShiftStarts, handlerShiftEnds
        case scriptCue, scriptFollowUp, backInService, surgeEnds
    }

    var time: SimTime
    var sequence: UInt64
    var kind: Kind
    /// The line, call slot, unit or handler the timer is for.
    var subject: Int32
    /// The generation (calls) or plan (units) it was set for; a mismatch means it is stale.
    var tag: UInt32

    static func < (a: Happening, b: Happening) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }
    static func == (a: Happening, b: Happening) -> Bool {
        a.time == b.time && a.sequence == b.sequence
    }
}
