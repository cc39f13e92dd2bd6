/// What the person at the console did to the world: a command, or taking or handing back the
/// dispatcher's seat. The journal records each with the point in the run it was taken at, so
/// that replaying the actions at their marks rebuilds the same world, event for event.
public enum OperatorAction: Sendable, Equatable, Codable {
    case command(Command)
    /// The person dispatches these areas (empty: all of them), or hands dispatching back to the
    /// engine (nil).
    case dispatchSeat(areas: [Int]?)
    /// The instructor fires the script's cue with this index now (journalled like any action, so
    /// a replay injects it at the same point).
    case inject(cue: Int)
    /// The person has seen the first `count` alerts the console raised (journalled, so the
    /// record says who saw them and when; the world does not change).
    case alertsSeen(count: Int)
    /// On a floor of many consoles: the person took this seat ("dispatcher:North"), or gave it up
    /// (left, or their console was gone 30 s). The world does not change; the record says who
    /// sat where, and a floor resumed from its journal seats them again.
    case tookSeat(String)
    case leftSeat(String)
    /// On a floor: the instructor paused or ran the floor's clock, at this speed. The world does
    /// not change; the record says who did, and a floor resumed from its journal keeps it.
    case clock(paused: Bool, speed: Int)
    /// The instructor marks this moment with a note, for the group debrief. The world does not
    /// change; the debrief's timeline and the replay show it, with who marked it.
    case mark(String)
    /// On a floor: the roster in force from here (its path and SHA-256), journalled by the floor
    /// when it opens with one, so who may sit where is part of the record and a resume cannot
    /// quietly run without it. The world does not change.
    case roster(String)
    /// The console asked the person this question (a risky send, an action in another area) and
    /// they said yes; what they agreed to follows. The world does not change; the record shows a
    /// risky choice was put to them, not made blind.
    case askedFirst(String)
}

/// A point in a run: how many happenings had run, and the clock. The clock alone is not enough:
/// the live console may stop between two happenings due at the same millisecond.
public struct RunMark: Sendable, Equatable, Codable, Comparable {
    public var step: UInt64
    public var time: SimTime
    public init(step: UInt64, time: SimTime) { self.step = step; self.time = time }
    public static func < (a: RunMark, b: RunMark) -> Bool { (a.step, a.time) < (b.step, b.time) }
}
