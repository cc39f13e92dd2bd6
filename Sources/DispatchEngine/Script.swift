/// A scenario's timeline of scripted events, on top of (or instead of) the generated demand: the
/// calls a trainer wrote, what units say and do, and events that fire only if something has or
/// has not happened. Each scripted call carries what a trainee is expected to do with it.
public struct Script: Sendable {
    public var calls: [ScriptedCall] = []
    /// Everything on the timeline in the order written (a call's cue points into `calls`).
    public var cues: [ScriptCue] = []
    public init() {}
    public var isEmpty: Bool { cues.isEmpty }
}

/// One entry of the timeline: at a time, maybe only if a condition holds, something happens.
public struct ScriptCue: Sendable {
    public var at: SimTime
    public var condition: ScriptCondition?
    public var event: ScriptEvent
    /// How the instructor's inject menu names it ("19:42 call: overdose").
    public var label: String
    /// An emergency button's expectations: acknowledged within this long, and the first unit
    /// sent to the officer's urgent assistance within this long.
    public var acknowledgeWithin: SimTime?
    public var assistWithin: SimTime?
    public init(at: SimTime, condition: ScriptCondition? = nil, event: ScriptEvent, label: String) {
        self.at = at; self.condition = condition; self.event = event; self.label = label
    }
}

public enum ScriptEvent: Sendable, Equatable {
    /// The scripted call with this index rings.
    case call(Int)
    /// A unit says something on the radio.
    case radio(UnitIndex, String)
    /// A unit books a state (such as 6 at scene, or 7 committed).
    case status(UnitIndex, UnitStatus)
    /// An officer presses the emergency button (at scene: on the job they are at).
    case emergency(UnitIndex)
    /// A unit goes out of service (a breakdown) for a while, then books on again.
    case outOfService(UnitIndex, for: SimTime, reason: String)
    /// Shift change: these units book off (after the job they are on) and these book on.
    case bookOff([UnitIndex])
    case bookOn([UnitIndex])
    /// The generated demand runs at `factor` times its rate for a while.
    case surge(factor: Double, for: SimTime)
}

/// When a cue fires only if something has, or has not, happened by its time.
public enum ScriptCondition: Sendable, Equatable {
    /// No unit has arrived at the incident made from this scripted call.
    case noUnitAtScene(call: Int)
    case unitAtScene(call: Int)
    /// No unit has been sent to it.
    case notDispatched(call: Int)
    /// The call was never answered (the caller gave up, or still waits).
    case notAnswered(call: Int)
    /// The emergency button of this unit is still unacknowledged.
    case emergencyNotAcknowledged(UnitIndex)
}

/// A call written by the trainer: what it really is, what the caller says in turns, and what
/// happens if nobody acts.
public struct ScriptedCall: Sendable {
    public var name: String
    public var line: Line
    public var type: Int32
    public var grade: Grade
    public var place: Int32
    public var relation: Caller.Relation
    public var silent: Bool
    public var pressed55: Bool
    public var answersCallBack: Bool
    /// How long the caller waits for an answer; nil: for ever.
    public var patience: SimTime?
    /// What the caller says (or, on a silent line, what is heard), in turns.
    public var turns: [ScriptTurn]
    /// What they say when rung back (silent calls).
    public var callBackTurns: [ScriptTurn]
    /// A further caller about the incident made from another scripted call (index).
    public var duplicateOf: Int?
    /// If nobody is at scene this long after the call rang, the caller rings again.
    public var ringsBackAfter: SimTime?
    /// If nobody is at scene this long after the call rang, it gets worse: re-graded, and the
    /// caller rings again with these words.
    public var escalation: Escalation?
    /// What the caller says while the handler stays on the line after creating the incident
    /// (`after`: from the moment it was created).
    public var onTheLine: [ScriptTurn] = []
    /// The caller's name as the trainer wrote it, so it fits what the words say of them (a
    /// woman's voice under a woman's name); nil: one drawn for the caller.
    public var callerName: String?
    /// The caller's line as the trainer wrote it (nil: drawn as for any call of its line).
    public var phone: ScriptedPhone?
    public var expect: Expectations

    public init(name: String, line: Line, type: Int32, grade: Grade, place: Int32, relation: Caller.Relation = .witness,
                silent: Bool = false, pressed55: Bool = false, answersCallBack: Bool = false, patience: SimTime? = nil,
                turns: [ScriptTurn] = [], callBackTurns: [ScriptTurn] = [], duplicateOf: Int? = nil,
                ringsBackAfter: SimTime? = nil, escalation: Escalation? = nil, expect: Expectations = Expectations()) {
        self.name = name; self.line = line; self.type = type; self.grade = grade; self.place = place
        self.relation = relation; self.silent = silent; self.pressed55 = pressed55
        self.answersCallBack = answersCallBack; self.patience = patience; self.turns = turns
        self.callBackTurns = callBackTurns; self.duplicateOf = duplicateOf; self.ringsBackAfter = ringsBackAfter
        self.escalation = escalation; self.expect = expect
    }
}

/// A scripted caller's line: its kind, the number shown (nil: one for the caller's identity), a
/// landline's subscriber address, a mobile's AML fix (its radius, when it arrives, and where it is
/// centred: nil, near the truth) or none.
public struct ScriptedPhone: Sendable, Equatable {
    public var kind: CallerPhone.Kind
    public var number: String?
    public var subscriber: Int32?
    public var accuracy: Double?
    public var fixAfter: SimTime
    public var centre: Int32?
    /// The AML message as the SMS arrives (its own latitude, longitude and radius; a bad one
    /// reaches the handler as unreadable).
    public var aml: String?
    public init(kind: CallerPhone.Kind, number: String? = nil, subscriber: Int32? = nil, accuracy: Double? = nil,
                fixAfter: SimTime = 6 * Clock.second, centre: Int32? = nil, aml: String? = nil) {
        self.kind = kind; self.number = number; self.subscriber = subscriber; self.accuracy = accuracy
        self.fixAfter = fixAfter; self.centre = centre; self.aml = aml
    }
}

/// One thing said or heard on a scripted call, `after` seconds into it.
public struct ScriptTurn: Sendable, Equatable {
    public enum Voice: Sendable, Equatable { case caller, sound }
    public var after: SimTime
    public var voice: Voice
    public var text: String
    public init(after: SimTime, voice: Voice = .caller, text: String) { self.after = after; self.voice = voice; self.text = text }
}

/// It gets worse with nobody there: re-graded, and someone rings. Who rings is their own caller
/// (a neighbour who hears it through the wall is not the victim on her phone): their role, name
/// and line as the trainer wrote them, else drawn as a caller of their own.
public struct Escalation: Sendable, Equatable {
    public var after: SimTime
    public var grade: Grade
    public var turns: [ScriptTurn]
    /// Who rings as it gets worse (nil: the call's own caller rings again).
    public var relation: Caller.Relation?
    public var callerName: String?
    public var phone: ScriptedPhone?
    public init(after: SimTime, grade: Grade, turns: [ScriptTurn], relation: Caller.Relation? = nil) {
        self.after = after; self.grade = grade; self.turns = turns; self.relation = relation
    }
    /// Someone other than the call's own caller rings.
    public var isAnotherCaller: Bool { relation != nil }
}

/// What the trainer expects done with a scripted call's incident; each is checked in the debrief.
public struct Expectations: Sendable, Equatable {
    /// The grade it should be given.
    public var grade: Grade?
    /// Skills at least one attending unit must have.
    public var skills: SkillSet = []
    /// The first unit sent within this long of the call ringing.
    public var dispatchWithin: SimTime?
    /// The address's warning markers passed to the attending units.
    public var warningsPassed = false
    /// Further callers linked to the incident rather than made into new ones.
    public var duplicatesLinked = false
    /// Welfare checks on units at scene kept on time.
    public var welfareKept = false
    /// Resolved without sending anyone (grade 4, advice, or transferred).
    public var noDeployment = false
    /// Closed as this type (index), or with this result.
    public var closingType: Int32?
    public var result: JobResult?
    /// Emergency buttons on this incident acknowledged within this long.
    public var emergencyAcknowledgedWithin: SimTime?
    /// The call answered within this long of ringing.
    public var answeredWithin: SimTime?
    /// The incident placed within this many metres of where it really is.
    public var locatedWithin: Double?
    /// Every THRIVE line recorded when the incident was created.
    public var thriveRecorded = false
    /// The incident re-graded to this grade (a further caller told something graver).
    public var regradedTo: Grade?
    /// The call, abandoned, rung back within this long of the caller hanging up.
    public var rungBackWithin: SimTime?
    /// The handler stayed on the line until the first unit arrived.
    public var stayedOnLine = false
    /// These services told (police attend, and the ambulance or fire service is informed).
    public var informed: [Agency] = []
    public init() {}
    public var isEmpty: Bool { self == Expectations() }
}
