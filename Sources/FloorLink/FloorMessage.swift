import DispatchEngine
import ReadModel

/// What a console says to the floor. Each is one frame (`FrameCodec`): a length, then JSON.
public enum ConsoleMessage: Codable, Sendable, Equatable {
    /// The first message: who joins, in which seat ("call-handler", "dispatcher:North", ...).
    /// On a floor with a roster both may be empty: the floor knows the account's person, and
    /// their seat when the roster gives them one.
    case hello(name: String, seat: String, version: Int)
    /// An action of the person's, answered by `ack` with the same `id` once journalled (or by
    /// `ask` when it is another dispatcher's area's).
    case act(id: UInt64, action: OperatorAction)
    /// The same action after the person was asked (it is another area's) and said yes: the
    /// floor does it and tells that area's dispatcher.
    case actAcross(id: UInt64, action: OperatorAction)
    /// The instructor's clock: pause or run, and the speed (a factor of real time).
    case clock(id: UInt64, paused: Bool, speed: Int)
    /// The person's own debrief, as text this wide (training).
    case debrief(id: UInt64, width: Int)
    /// `:foresee`: the floor looks ahead now, and every console gets the look.
    case foresee(id: UInt64)
    /// Leaving on purpose: the seat is free at once.
    case bye
    /// `controlroom floor stop`: the session ends (whoever can open the socket may).
    case stop
}

/// One action as the floor performed it, sent to every console in the order performed: a
/// console's replica runs to `mark` and performs it as `person`, so every replica stays the floor.
public struct FloorAction: Codable, Sendable, Equatable {
    public var mark: RunMark
    public var action: OperatorAction
    public var person: String?
    public var refused: Bool

    public init(mark: RunMark, action: OperatorAction, person: String?, refused: Bool) {
        self.mark = mark; self.action = action; self.person = person; self.refused = refused
    }
}

/// What a console needs to build the floor's world from nothing: the scenario as journalled,
/// the seed, and every action so far with its mark; then it follows `run` and `acted`.
public struct FloorWelcome: Codable, Sendable, Equatable {
    public var scenarioName: String
    public var scenarioFile: String
    public var scenarioSource: String
    public var seed: UInt64
    public var history: [FloorAction]
    public var mark: RunMark
    public var paused: Bool
    public var speed: Int
    public var people: [FloorPerson]
    public var journal: String
    public var training: Bool
    /// The floor's latest look ahead (the same for every console), if it has made one.
    public var foresight: Foresight?
    /// Set when this person is back in a seat they held (rejoined within 30 s, or after the
    /// floor was resumed): the console takes up where it was.
    public var rejoined: Bool
    /// Who the floor seated this console as, and in which seat (`--seat`'s words): on a floor
    /// with a roster, the account's person, whatever name the console gave.
    public var you: String
    public var seat: String
    /// The engine the floor runs (`SessionHeader.engineRevision`): a replica runs the same one.
    public var engine: Int
}

/// What the floor says to a console.
public enum FloorMessage: Codable, Sendable, Equatable {
    case welcome(FloorWelcome)
    /// The join was refused (the seat is taken, by whom; a name or seat not understood). The
    /// connection is closed after it.
    case refused(String)
    /// The floor's clock has run to here: the replica runs to the same mark.
    case run(RunMark)
    case acted(FloorAction)
    /// The answer to `act`: done, or refused with the engine's reason, or not acknowledged
    /// because the journal could not be written (`problem`).
    case ack(id: UInt64, refusal: CommandRefusal?, problem: String?)
    /// The answer to `act` when the incident or unit is another dispatcher's area's: nothing is
    /// done until the person says yes (`actAcross`).
    case ask(id: UInt64, question: String)
    /// The answer to `clock` or `debrief` when refused (not the instructor; no debrief).
    case answer(id: UInt64, refusal: String?, lines: [String])
    case clock(paused: Bool, speed: Int)
    /// Someone seated, back, or away: their entry as it now is (the welcome carries everyone).
    case person(FloorPerson)
    /// Someone's seat was freed.
    case personLeft(String)
    /// A look ahead the floor made: every supervisor sees the same one.
    case foresight(Foresight)
    /// Something every console should say on its status line (who joined, a seat freed).
    case notice(String)
    /// The floor's journal cannot be written: every action is refused until it can (nil: again).
    case journalProblem(String?)
    case ended
}

/// The protocol's version: a console of another is refused with both numbers.
public enum FloorProtocol {
    public static let version = 3
}
