/// What the engine knows about a call from the moment it rings. The hidden truth (type, grade,
/// where it really is) is drawn when the call arrives, so the night's calls do not depend on what
/// the operators do.
public struct CallDraw: Sendable, Equatable, Codable {
    public var type: Int32
    public var grade: Grade
    public var place: Int32
    /// How long the caller will wait for an answer; SimTime.max: for ever.
    public var patience: SimTime
    public var handling: SimTime
    /// What handling will lead to if it is left to the automated call handler.
    public var outcome: CallOutcome
    public var silent: Bool
    /// Chooses which open incident a duplicate caller is reporting.
    public var duplicatePick: Double
    public var caller: Caller
    /// A silent caller pressed 55 when the operator asked (the Silent Solution).
    public var pressed55: Bool
    /// Someone answers when the call handler rings the number back.
    public var answersCallBack: Bool
    /// A scripted call: its index in the scenario's script (-1: generated), and which part of it
    /// rings (0: the call itself, 1: the caller ringing back, 2: ringing back as it escalates).
    public var script: Int32 = -1
    public var scriptPart: Int32 = 0
    // The caller's line (CallerPhone) is not kept here: it follows from the call's number and
    // draw (`CallerPhone.of`), and a larger draw makes every event larger to copy.
    public init(type: Int32, grade: Grade, place: Int32, patience: SimTime, handling: SimTime,
                outcome: CallOutcome, silent: Bool, duplicatePick: Double, caller: Caller,
                pressed55: Bool = false, answersCallBack: Bool = false) {
        self.type = type; self.grade = grade; self.place = place; self.patience = patience
        self.handling = handling; self.outcome = outcome; self.silent = silent
        self.duplicatePick = duplicatePick; self.caller = caller
        self.pressed55 = pressed55; self.answersCallBack = answersCallBack
    }
}

/// Who is ringing. `identity` is a stable number the console turns into a name and a phone
/// number, so the same call shows the same caller in every run of a scenario and seed.
public struct Caller: Sendable, Equatable, Codable {
    public enum Relation: Int, Sendable, CaseIterable, Codable {
        /// The person it is happening to.
        case victim
        /// Saw or heard it.
        case witness
        /// A relative, neighbour or friend worried about someone.
        case concerned
        /// A shop, security guard, licensee or alarm company.
        case business
        /// Ambulance, fire, or another agency passing it on.
        case agency
    }
    public var relation: Relation
    public var identity: UInt32
    public init(relation: Relation, identity: UInt32) { self.relation = relation; self.identity = identity }

    /// Victims and witnesses make most calls; agencies a few.
    static let weights: [Double] = [0.40, 0.30, 0.18, 0.08, 0.04]
}

public enum CallState: Sendable, Equatable {
    case waiting
    case inHandling(HandlerIndex)
}

public struct Call: Sendable {
    public var number: Int64
    public var line: Line
    public var arrivedAt: SimTime
    public var answeredAt: SimTime = -1
    public var draw: CallDraw
    public var state: CallState = .waiting
    /// A silent call: the handler chose to keep listening.
    public var lineKept = false
    /// A silent call rung back: nil until it is; then whether anyone answered.
    public var calledBack: Bool?
    public var calledBackAt: SimTime = -1
    /// The handler rang an abandoned 999 call back: this is that call, made outwards; when its
    /// caller had hung up.
    public var ringBack = false
    public var abandonedAt: SimTime = -1
}

/// A call whose incident is created while the handler stays on the line with the caller: kept
/// beside the calls (World.onTheLine), not in every call, which is copied on every look.
public struct OnTheLine: Sendable, Equatable {
    public var incident: IncidentID
    public var since: SimTime
    /// When the handler told the caller help is on the way (-1: not yet).
    public var reassuredAt: SimTime = -1
}

/// An abandoned 999 call waiting to be rung back: UK control rooms ring every one, as the caller
/// may be unable to talk, or cut off.
public struct Callback: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var rangAt: SimTime
    public var abandonedAt: SimTime
    public var draw: CallDraw
}

/// What a call handler records about a new incident beyond its type, grade and place: the
/// THRIVE assessment, who is vulnerable, who rang, and what they said.
public struct Assessment: Sendable, Equatable, Codable {
    /// Threat, harm, risk, investigation, vulnerability, engagement: one line each ("" if none).
    public var thrive: [String]
    public var vulnerability: Vulnerability
    public var caller: String
    public var narrative: String
    public init(thrive: [String] = [], vulnerability: Vulnerability = [], caller: String = "", narrative: String = "") {
        self.thrive = thrive; self.vulnerability = vulnerability; self.caller = caller; self.narrative = narrative
    }
    public static let none = Assessment()
    public var isEmpty: Bool { thrive.allSatisfy(\.isEmpty) && vulnerability.isEmpty && caller.isEmpty && narrative.isEmpty }
}

/// Who is vulnerable, as flagged on the incident.
public struct Vulnerability: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let child = Vulnerability(rawValue: 1 << 0)
    public static let elderly = Vulnerability(rawValue: 1 << 1)
    public static let mentalHealth = Vulnerability(rawValue: 1 << 2)
    public static let disability = Vulnerability(rawValue: 1 << 3)
    public static let domesticAbuse = Vulnerability(rawValue: 1 << 4)
    public static let repeatVictim = Vulnerability(rawValue: 1 << 5)
    public static let alone = Vulnerability(rawValue: 1 << 6)
    public static let intoxicated = Vulnerability(rawValue: 1 << 7)
    /// In the order a form lists them.
    public static let all: [Vulnerability] = [.child, .elderly, .mentalHealth, .disability, .domesticAbuse,
                                              .repeatVictim, .alone, .intoxicated]
}

/// Where a call is transferred when it is not for the police.
public enum Agency: Int, Sendable, CaseIterable, Equatable, Codable {
    case ambulance, fire
}

/// Where a caller is signposted when the police are not who they need (a call record, no incident).
public enum Partner: Int, Sendable, CaseIterable, Equatable, Codable {
    /// NHS 111 and the mental-health crisis line (Right Care, Right Person hands to them).
    case nhs111, mentalHealthCrisis, council, actionFraud, victimSupport, citizensAdvice
    public static let named: [(name: String, partner: Partner)] = [
        ("nhs111", .nhs111), ("mental-health", .mentalHealthCrisis), ("council", .council),
        ("action-fraud", .actionFraud), ("victim-support", .victimSupport), ("citizens-advice", .citizensAdvice),
    ]
}

/// What an incident is opened with.
public struct IncidentOpening: Sendable, Equatable, Codable {
    public var reference: Int64
    public var type: Int32
    public var grade: Grade
    public var place: Int32
    public var line: Line
    public var callNumber: Int64
    /// Units to send at first.
    public var unitsNeeded: Int32
    /// Urgent assistance: the officer who pressed the emergency button, and the job they were on.
    public var assisting: UnitIndex?
    public var linkedTo: IncidentID?
    /// Where it really is (the caller's truth); `place` is where the handler put it.
    public var truePlace: Int32
    public init(reference: Int64, type: Int32, grade: Grade, place: Int32, line: Line,
                callNumber: Int64, unitsNeeded: Int32, assisting: UnitIndex? = nil, linkedTo: IncidentID? = nil,
                truePlace: Int32? = nil) {
        self.reference = reference; self.type = type; self.grade = grade; self.place = place
        self.line = line; self.callNumber = callNumber; self.unitsNeeded = unitsNeeded
        self.assisting = assisting; self.linkedTo = linkedTo; self.truePlace = truePlace ?? place
    }
}

extension Incident {
    /// How an arrival now is judged: under the grade it missed under, if it was re-graded after
    /// missing; else its grade, met if by its target.
    public func judgement(arrivingAt now: SimTime) -> (grade: UInt8, met: Bool) {
        if missedUnder != 0 { return (missedUnder, false) }
        return (UInt8(grade.rawValue), Attendance.met(target: targetAt, firstArrival: now, now: now) == true)
    }

    /// Missed with nobody there: re-graded after its target passed, or past it now.
    public func missedUnattended(now: SimTime) -> Bool {
        guard assisting == nil, !reopened, firstArrivedAt < 0 else { return false }
        if missedUnder != 0 { return true }
        guard let targetAt else { return false }
        return now > targetAt
    }

    /// The grade its figures are counted under while it is unattended.
    public var judgedWaitingGrade: Int { missedUnder != 0 ? Int(missedUnder) : grade.rawValue }
}

/// Whether an incident met its attendance target, the one definition every screen, report,
/// export and debrief reads: a first unit at scene by the target's time is met (at that very
/// millisecond too); still unattended once it has passed is missed; no target, or not attended
/// and not yet late, is nil.
public enum Attendance {
    public static func met(target: SimTime?, firstArrival: SimTime?, now: SimTime) -> Bool? {
        guard let target else { return nil }
        if let firstArrival { return firstArrival <= target }
        return now > target ? false : nil
    }
}

public struct Incident: Sendable {
    public var reference: Int64
    public var type: Int32
    public var grade: Grade
    public var place: Int32
    public var line: Line
    public var createdAt: SimTime
    /// Deadline for the first unit at scene (absolute); nil: no target.
    public var targetAt: SimTime?
    public var firstAssignedAt: SimTime = -1
    public var firstArrivedAt: SimTime = -1
    /// Units still to be sent.
    public var unitsWanted: Int32
    /// Units on it now (en route or at scene).
    public var unitsAttached: Int32 = 0
    public var duplicateCalls: Int32 = 0
    /// Where it really is; given a place more than `wrongPlace` from it, units sent find nothing.
    /// (Fields in size order: an incident is copied on every look, and padding is copied too.)
    public var truePlace: Int32 = 0
    public var stacked = false
    /// Why it was last stacked (`StackReason`'s raw value + 1; 0: never stacked).
    public var stackReasonCode: UInt8 = 0
    public var stackReason: StackReason? { stackReasonCode == 0 ? nil : StackReason(rawValue: Int(stackReasonCode) - 1) }
    /// The most significant result reported so far.
    public var result: JobResult?
    public var hasWarnings: Bool
    /// The address's warnings have been passed to the units on it.
    public var warningsPassed = false
    public var misplaced = false
    /// Placed on a street (the house not known) that it is on: officers search the street.
    public var onVagueStreet = false
    /// The services told about it (by `Agency` bit): police attend, ambulance or fire informed.
    public var informed: UInt8 = 0
    /// Re-graded after its target passed with nobody there: the grade it missed under (0: none).
    /// It stays missed there, whatever the new grade's target says.
    public var missedUnder: UInt8 = 0
    /// The grade its first arrival was judged under, and whether it met its target then (0: not
    /// attended): what a withdrawn arrival takes back.
    public var judgedGrade: UInt8 = 0
    public var judgedMet = false
    // The rarer facts are kept with sentinels (-1: none) rather than optionals: an incident is
    // copied on every look at it, and optionals would make it a third larger.
    var assistingRaw: Int32 = -1
    var linkedSlot: Int32 = -1
    var linkedGeneration: UInt32 = 0
    var deferredRaw: SimTime = -1
    var backRaw: SimTime = -1
    /// Opened again after closing: its attendance was counted the first time.
    public var reopened = false
    /// An address is exact: further than this from it, officers are in the wrong street.
    public static let wrongPlace: Double = 100

    /// Urgent assistance for this officer (above every grade), raised from the job `linkedTo`.
    public var assisting: UnitIndex? {
        get { assistingRaw < 0 ? nil : assistingRaw }
        set { assistingRaw = newValue ?? -1 }
    }
    public var linkedTo: IncidentID? {
        get { linkedSlot < 0 ? nil : IncidentID(slot: linkedSlot, generation: linkedGeneration) }
        set { linkedSlot = newValue?.slot ?? -1; linkedGeneration = newValue?.generation ?? 0 }
    }
    /// Left alone until then (the caller asked for later); nil: not deferred.
    public var deferredUntil: SimTime? {
        get { deferredRaw < 0 ? nil : deferredRaw }
        set { deferredRaw = newValue ?? -1 }
    }
    /// When it came back from being left until later (the console shows it raised).
    public var backFromLaterAt: SimTime? {
        get { backRaw < 0 ? nil : backRaw }
        set { backRaw = newValue ?? -1 }
    }
}

/// One unit sent to an incident, kept while the incident is open.
public struct Visit: Sendable, Equatable {
    public var unit: UnitIndex
    public var sentAt: SimTime
    /// When it got there (-1: not yet), and how that arrival was judged: the grade and whether
    /// it met the target then.
    public var arrivedAt: SimTime = -1
    public var arrivedGrade: UInt8 = 0
    public var arrivedMet = false
    /// The send took one of the units the incident still wanted.
    public var tookWant: Bool
    /// Diverted here from this job.
    public var divertedFrom: IncidentID?
    /// Who sent it (set by the simulation as the send is applied).
    public var by: Actor = .world
    public init(unit: UnitIndex, sentAt: SimTime, arrivedAt: SimTime = -1, tookWant: Bool, divertedFrom: IncidentID? = nil) {
        self.unit = unit; self.sentAt = sentAt; self.arrivedAt = arrivedAt; self.tookWant = tookWant; self.divertedFrom = divertedFrom
    }
}

/// A unit's moment-to-moment state. Its fixed description is WorldConfig.units[index].
public struct Unit: Sendable {
    public var status: UnitStatus
    public var statusSince: SimTime = 0
    public var incident: IncidentID?
    /// Where it was when it last set off, where it is going, and when.
    public var origin: Position
    public var destination: Position
    public var departedAt: SimTime = 0
    public var arrivesAt: SimTime = 0
    public var onDuty = false
    public var shiftEndsAt: SimTime = .max
    /// Refreshment break owed and not yet taken.
    public var refsOwed: SimTime = 0
    /// Refreshments are taken from the third hour of the shift (Police Regulations: ideally
    /// between the 3rd and 6th hour).
    public var refsFrom: SimTime = 0
    /// Bumped whenever the unit's plan changes, so stale timers are ignored.
    public var timer: UInt32 = 0
    /// Position in World.available, or -1.
    public var availableSlot: Int32 = -1
    /// When the unit at scene is next due a welfare check; nil when not at scene.
    public var welfareDueAt: SimTime?

    /// Where the unit is at `time`: along the roads when the district has them.
    public func position(at time: SimTime, roads: RoadNetwork?) -> Position {
        guard let roads, time < arrivesAt, arrivesAt > departedAt else { return position(at: time) }
        return roads.position(from: origin, to: destination, share: Double(time - departedAt) / Double(arrivesAt - departedAt))
    }

    /// Where the unit is at `time`, moving in a straight line while en route.
    public func position(at time: SimTime) -> Position {
        guard time < arrivesAt, arrivesAt > departedAt else { return destination }
        let f = Double(time - departedAt) / Double(arrivesAt - departedAt)
        return Position(x: origin.x + (destination.x - origin.x) * f,
                        y: origin.y + (destination.y - origin.y) * f)
    }
}

public struct CallHandler: Sendable {
    /// A person's seat: calls reach it only when the person answers them.
    public var isPerson = false
    public var shift: DailyShift?
    public var onDuty = false
    /// The contact in front of the handler (a person's seat: the one on the screen).
    public var call: CallID?
    /// Contacts held besides it: chats, e-mails and online reports in progress (and at a person's
    /// seat, a phone call put aside while they reply to a chat).
    public var held: [CallID] = []
    /// Whether a phone call is among the contacts (a handler takes one phone call at a time).
    public var onPhone = false
    public var desk: Desk = .phones
    public var shiftEndsAt: SimTime = .max
    public var callsHandled = 0
}
