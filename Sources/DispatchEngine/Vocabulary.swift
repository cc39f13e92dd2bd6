/// The fixed words of the domain: lines, grades, unit kinds, skills, status codes and results.
/// Scenario files name them; the console words them; the engine only compares them.

/// The lines into the room: the two telephone lines, and digital contact (live chat, the
/// force's e-mail inbox and online reports), each with its own queue, demand and standard.
public enum Line: Int, Sendable, CaseIterable, Codable {
    case emergency = 0   // 999
    case nonEmergency = 1 // 101
    case chat = 2
    case email = 3
    case onlineReport = 4

    /// The line's name in scenario files and exports.
    public var number: String {
        switch self {
        case .emergency: "999"
        case .nonEmergency: "101"
        case .chat: "chat"
        case .email: "email"
        case .onlineReport: "online"
        }
    }
    /// One contact on the line, as a person says it ("999 call", "chat", "online report").
    public var contact: String {
        switch self {
        case .emergency: "999 call"
        case .nonEmergency: "101 call"
        case .chat: "chat"
        case .email: "e-mail"
        case .onlineReport: "online report"
        }
    }
    /// A telephone line (999, 101), as opposed to digital contact.
    @inlinable public var isPhone: Bool { rawValue < 2 }
    public static let phones: [Line] = [.emergency, .nonEmergency]
    public static let digital: [Line] = [.chat, .email, .onlineReport]
}

/// Where a call handler works: the phones, or the digital desk (live chat and the inbox), where
/// one person holds several contacts at once.
public enum Desk: Int, Sendable, CaseIterable, Codable {
    case phones, digital
}

/// How urgent an incident is (national call-handling standards).
public enum Grade: Int, Sendable, CaseIterable, Comparable, Codable {
    case immediate = 1, priority = 2, scheduled = 3, resolution = 4

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
    /// Grades 1-3 send officers; grade 4 is resolved without deployment.
    public var deploys: Bool { self != .resolution }
    /// Blue lights and sirens.
    public var isEmergencyResponse: Bool { self == .immediate }
}

public enum UnitKind: String, Sendable, CaseIterable, Codable {
    case response, neighbourhood, pcso, roads, armed, dog

    /// Powers of arrest and training for violence: a PCSO has neither.
    public var attendsViolence: Bool { self != .pcso }
    /// On patrol, taking the calls that come: not the specialists kept for their own jobs.
    public var patrols: Bool { self == .response || self == .neighbourhood || self == .pcso }
}

/// Skills as a bit set: a unit has several, an incident type may require several.
public struct SkillSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let advancedDriver = SkillSet(rawValue: 1 << 0)
    public static let taser = SkillSet(rawValue: 1 << 1)
    public static let firearms = SkillSet(rawValue: 1 << 2)
    public static let publicOrder = SkillSet(rawValue: 1 << 3)
    public static let firstAid = SkillSet(rawValue: 1 << 4)
    public static let dogHandler = SkillSet(rawValue: 1 << 5)
    public static let roadsPolicing = SkillSet(rawValue: 1 << 6)

    /// The names scenario files use, in a fixed order.
    public static let named: [(name: String, skill: SkillSet)] = [
        ("advanced_driver", .advancedDriver), ("taser", .taser), ("firearms", .firearms),
        ("public_order", .publicOrder), ("first_aid", .firstAid), ("dog_handler", .dogHandler),
        ("roads_policing", .roadsPolicing),
    ]

    public var names: [String] { Self.named.filter { contains($0.skill) }.map(\.name) }
}

/// Status codes (one force's published list; domain.md).
public enum UnitStatus: Int, Sendable, CaseIterable, Codable {
    case emergency = 0, onDuty = 1, onPatrol = 2, atStation = 3, refreshments = 4
    case enRoute = 5, atScene = 6, committedDeployable = 7, committedNotDeployable = 8
    case prisonerEscort = 9, atCourt = 10, offDuty = 11

    /// Free for a new job.
    @inlinable public var isAvailable: Bool {
        switch self {
        case .onDuty, .onPatrol, .atStation: true
        default: false
        }
    }
    /// On a job (could be diverted if the job is lower grade).
    @inlinable public var isOnIncident: Bool {
        switch self {
        case .enRoute, .atScene, .committedDeployable: true
        default: false
        }
    }
}

/// What a unit reports at the end of a job.
public enum JobResult: Int, Sendable, CaseIterable, Codable {
    case oneDetained, noTrace, adviceGiven, reportTaken, dealtWith, falseAlarm
    /// Closed as a duplicate of another incident: that one is judged, this one is not.
    case duplicate

    public static let named: [(name: String, result: JobResult)] = [
        ("one_detained", .oneDetained), ("no_trace", .noTrace), ("advice_given", .adviceGiven),
        ("report_taken", .reportTaken), ("dealt_with", .dealtWith), ("false_alarm", .falseAlarm),
        ("duplicate", .duplicate),
    ]
}

/// How a handled call ended for the call handler.
public enum CallOutcome: Int, Sendable, CaseIterable, Codable {
    /// A new incident was created (any grade; grade 4 is closed without deployment).
    case incident
    /// Linked to an incident that was already open (several callers, one incident).
    case duplicate
    /// Advice given on the phone: no incident, no deployment.
    case advice
    /// Passed to ambulance, fire or another agency.
    case transfer
    /// A silent 999 call that led nowhere.
    case silentNoResponse
    /// An abandoned 999 call rung back: nobody answered (voicemail left).
    case noAnswer
    /// An abandoned 999 call rung back: it was made by accident, all is well.
    case accidental
    /// A crime recorded on the phone (a crime number, no deployment).
    case crimeReport
    /// Signposted to a partner agency (council, NHS 111, Action Fraud, ...).
    case signposted
    /// A mental-health or welfare concern with no crime and no real and immediate risk to life:
    /// health services lead (Right Care, Right Person).
    case rightCare
}
