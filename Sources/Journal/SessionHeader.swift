import DispatchEngine

/// What a session was started with: enough to rebuild it from nothing but the journal (the
/// scenario's own text is kept, so a later edit of the file changes no replay).
public struct SessionHeader: Sendable, Equatable {
    public var scenarioName: String
    /// Where the scenario was read from, as given ("default" for the built-in night).
    public var scenarioFile: String
    public var scenarioSource: String
    public var seed: UInt64
    /// The seat taken: call-handler, dispatcher, supervisor or all.
    public var role: String
    /// The areas dispatched by the person (empty: all, when dispatching).
    public var areas: [Int]
    /// Set for a training session: the trainee's name.
    public var trainee: String?
    /// Who sat at the console (the trainee, or the login name).
    public var operatorName: String
    /// Wall time the session started, seconds since 1970.
    public var startedAt: Double
    public var program: String
    /// Which engine wrote it: 1 before dispatch margins and checked stack reasons, 2 since. A
    /// replay runs the engine the session ran on.
    public var engineRevision = SessionHeader.currentEngine
    public static let currentEngine = 2

    public init(scenarioName: String, scenarioFile: String, scenarioSource: String, seed: UInt64, role: String,
                areas: [Int], trainee: String?, operatorName: String, startedAt: Double, program: String) {
        self.scenarioName = scenarioName; self.scenarioFile = scenarioFile; self.scenarioSource = scenarioSource
        self.seed = seed; self.role = role; self.areas = areas; self.trainee = trainee
        self.operatorName = operatorName; self.startedAt = startedAt; self.program = program
    }
}

/// One of the person's actions as recorded: what, where in the run, and whether it was refused.
public struct RecordedAction: Sendable, Equatable {
    public var sequence: Int64
    public var action: OperatorAction
    public var mark: RunMark
    public var wallTime: Double
    /// Why the engine refused it (nil: carried out).
    public var refusal: CommandRefusal?
    /// Who took it, on a floor of many consoles (nil: the console's one person).
    public var person: String? = nil

    public init(sequence: Int64, action: OperatorAction, mark: RunMark, wallTime: Double, refusal: CommandRefusal?, person: String? = nil) {
        self.sequence = sequence; self.action = action; self.mark = mark; self.wallTime = wallTime
        self.refusal = refusal; self.person = person
    }
}

/// How far a session got: the last durable point, and whether it was ended by the operator.
public struct SessionProgress: Sendable, Equatable {
    public var mark: RunMark
    public var wallTime: Double
    public var ended: Bool
}
