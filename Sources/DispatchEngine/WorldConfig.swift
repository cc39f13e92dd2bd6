/// Everything the engine needs to know about a world before it starts. The Scenario module builds
/// it from a file; tests build it directly. Indices (place, area, station, incident type) are
/// positions in these arrays.
public struct WorldConfig: Sendable {
    public var name: String
    public var calendar: CalendarStart
    public var duration: SimTime
    public var seed: UInt64

    public var lines: [LineConfig]          // indexed by Line.rawValue
    public var profile: DemandProfile
    public var incidentTypes: [IncidentTypeSpec]

    public var areas: [AreaSpec]
    public var stations: [Station]
    public var places: [Place]
    /// Where the kilometre grid sits on the Earth (WGS84 of its 0, 0), when the scenario says:
    /// what turns an AML message's latitude and longitude into a point on the map.
    public var origin: GeoOrigin?
    /// The district's roads, when it has them (an imported district): journeys follow them.
    public var roads: RoadNetwork?
    /// The places that are addresses and landmarks (the first ones); vague locations (a street, an
    /// area) follow them and are never where a call is, or a caller's phone.
    public var addressCount: Int

    public var units: [UnitSpec]
    public var callHandlers: [HandlerShift]

    public var targets: AttendanceTargets
    public var travel: TravelModel
    public var dispatch: DispatchPolicy
    /// How long a unit with a prisoner is tied up in custody.
    public var custody: Distribution
    /// Whether units on shifts take refreshment breaks (Police Regulations).
    public var refreshments: Bool
    /// Abandoned 999 calls go on the callback list and are rung back (off: a caller who hangs up
    /// is gone, as in a textbook queue).
    public var ringBackAbandoned = true
    /// A duplicate caller reports an incident opened within this window before the call.
    public var duplicateWindow: SimTime
    /// How often units at scene are checked on.
    public var welfare = WelfarePolicy()
    /// Scripted events on top of (or instead of) the generated demand.
    public var script = Script()
    /// Answer times the report gives the share of callers answered within (at most four).
    public var serviceLevels: [SimTime] = [10 * Clock.second]
    /// Left out of the figures: the start-up of the run, before the floor is in its stride.
    public var warmUp: SimTime = 0
    /// How many chats, e-mails and online reports one handler on the digital desk holds at once
    /// (a person's seat: besides one phone call).
    public var contactsAtOnce = 3
    /// An alert when an area's coverage (its demand a free unit reaches within the grade-1
    /// target) falls below this share (nil: none).
    public var coverageAlert: Double?

    public init(name: String, calendar: CalendarStart = CalendarStart(dayOfWeek: 0, timeOfDay: 0),
                duration: SimTime, seed: UInt64, lines: [LineConfig], profile: DemandProfile = .flat,
                incidentTypes: [IncidentTypeSpec], areas: [AreaSpec] = [AreaSpec(name: "Area", rural: false)],
                stations: [Station] = [], places: [Place] = [], units: [UnitSpec],
                callHandlers: [HandlerShift], targets: AttendanceTargets = .national,
                travel: TravelModel, dispatch: DispatchPolicy = DispatchPolicy(),
                custody: Distribution = .lognormal(median: 3 * Clock.hour, p90: 6 * Clock.hour),
                refreshments: Bool = true, duplicateWindow: SimTime = 30 * Clock.minute) {
        self.name = name; self.calendar = calendar; self.duration = duration; self.seed = seed
        // A config that names only the phones has digital lines that never ring.
        self.lines = lines + Array(repeating: .silent, count: max(0, Line.allCases.count - lines.count)); self.profile = profile; self.incidentTypes = incidentTypes
        self.areas = areas; self.stations = stations; self.places = places; self.addressCount = places.count
        self.units = units; self.callHandlers = callHandlers; self.targets = targets
        self.travel = travel; self.dispatch = dispatch; self.custody = custody
        self.refreshments = refreshments; self.duplicateWindow = duplicateWindow
    }
}

public struct LineConfig: Sendable {
    /// Calls an hour at demand factor 1.
    public var callsPerHour: Double
    /// How long a caller waits before hanging up; nil: callers never hang up.
    public var patience: Distribution?
    /// Handling time for calls that do not make an incident (advice, transfer).
    public var handling: Distribution
    public var silentShare: Double
    /// Handling time of a silent call (the Silent Solution message and drop take ~45 s).
    public var silentHandling: Distribution
    /// Of silent calls, the share that leads to an incident (55 pressed, or cues heard).
    public var silentIncidentShare: Double
    /// Of non-silent calls, the share that report an incident that is already open.
    public var duplicateShare: Double
    /// Of the rest: shares that become an incident, are resolved with advice, are transferred,
    /// or are recorded as a crime report (the rest after incident, advice and transfer).
    public var incidentShare: Double
    public var adviceShare: Double
    public var transferShare: Double
    public var crimeReportShare: Double = 0
    /// The line's answer standard: 999 within 10 s; the first reply to a chat within 2 minutes,
    /// to an e-mail within 30 and to an online report within 24 hours (nil: the line's usual
    /// one; SimTime.max: none).
    public var standard: SimTime?
    /// The weekly profile's hours for this line alone (nil: the scenario's profile); digital
    /// contact peaks in the evening, not with the phones.
    public var hours: [Double]?

    public init(callsPerHour: Double, patience: Distribution?, handling: Distribution,
                silentShare: Double = 0, silentHandling: Distribution = .fixed(45 * Clock.second),
                silentIncidentShare: Double = 0, duplicateShare: Double = 0,
                incidentShare: Double, adviceShare: Double, transferShare: Double = 0) {
        self.callsPerHour = callsPerHour; self.patience = patience; self.handling = handling
        self.silentShare = silentShare; self.silentHandling = silentHandling
        self.silentIncidentShare = silentIncidentShare; self.duplicateShare = duplicateShare
        self.incidentShare = incidentShare; self.adviceShare = adviceShare; self.transferShare = transferShare
    }
}

extension WorldConfig {
    /// The standard a contact on `line` is answered (first replied to) within: the scenario's,
    /// else the line's usual one (domain.md: 999 in 10 s; chat 2 min, e-mail 30 min, online
    /// reports within 24 h, inferred).
    public func standard(for line: Line) -> SimTime? {
        if let set = lines[line.rawValue].standard { return set == .max ? nil : set }
        switch line {
        case .emergency: return 10 * Clock.second
        case .nonEmergency: return nil
        case .chat: return 2 * Clock.minute
        case .email: return 30 * Clock.minute
        case .onlineReport: return 24 * Clock.hour
        }
    }
}

extension LineConfig {
    /// A line that never rings (a scenario without that line, or only scripted calls).
    public static let silent = LineConfig(callsPerHour: 0, patience: nil, handling: .fixed(0), incidentShare: 0, adviceShare: 1)
}

public struct IncidentTypeSpec: Sendable {
    public var name: String
    /// Weight of this type in the mix of incidents.
    public var share: Double
    /// Shares of grades 1...4, per line (index Line.rawValue). Each sums to 1.
    public var grades: [[Double]]
    /// Call handling time when a call about this type is taken.
    public var handling: Distribution
    /// Time at scene per attending unit.
    public var onScene: Distribution
    public var requires: SkillSet
    /// Violence used or threatened: PCSOs are never sent.
    public var violent: Bool
    /// Units sent at first, by grade (index grade - 1).
    public var unitsNeeded: [Int]
    /// Chance an attending unit leaves with a prisoner.
    public var prisonerShare: Double
    /// Chance an attending unit asks for backup.
    public var backupShare: Double
    /// Chance an attending officer presses the emergency button.
    public var emergencyShare: Double
    /// Weights of the results units report (index JobResult.rawValue), other than detention.
    public var results: [Double]
    /// Chance the incident closes as a different type than it opened as.
    public var reclassifyShare: Double
    /// The run card the scenario states; nil: UK practice for its skills and violence.
    public var statedPlan: ResponsePlan?
    /// Who attends and who goes first.
    public var plan: ResponsePlan { statedPlan ?? .standard(requires: requires, violent: violent) }

    public init(name: String, share: Double, grades: [[Double]], handling: Distribution,
                onScene: Distribution, requires: SkillSet = [], violent: Bool = false,
                unitsNeeded: [Int] = [1, 1, 1, 0], prisonerShare: Double = 0, backupShare: Double = 0,
                emergencyShare: Double = 0, results: [Double] = IncidentTypeSpec.defaultResults,
                reclassifyShare: Double = 0, plan: ResponsePlan? = nil) {
        self.name = name; self.share = share; self.grades = grades; self.handling = handling
        self.onScene = onScene; self.requires = requires; self.violent = violent
        self.unitsNeeded = unitsNeeded; self.prisonerShare = prisonerShare
        self.backupShare = backupShare; self.emergencyShare = emergencyShare
        self.results = results; self.reclassifyShare = reclassifyShare
        self.statedPlan = plan
    }

    /// no trace, advice given, report taken, dealt with, false alarm (detention comes from
    /// prisonerShare).
    public static let defaultResults: [Double] = [0, 0.25, 0.3, 0.2, 0.2, 0.05]
}

public struct AreaSpec: Sendable {
    public var name: String
    /// Rural areas have the longer grade-1 target.
    public var rural: Bool
    /// Its boundary as rings of points in km (an imported beat's, simplified); empty: not known,
    /// and the map draws a box round its places.
    public var outline: [[Position]]
    public init(name: String, rural: Bool, outline: [[Position]] = []) { self.name = name; self.rural = rural; self.outline = outline }
}

/// A point on the scenario's map, in kilometres east and north of an origin.
public struct Position: Sendable, Equatable, Codable {
    public var x: Double, y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
    @inlinable public func distance(to other: Position) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}

public struct Station: Sendable {
    public var name: String
    public var position: Position
    public var area: Int
    public init(name: String, position: Position, area: Int) {
        self.name = name; self.position = position; self.area = area
    }
}

/// An address or landmark in the gazetteer. Calls come from places in proportion to weight.
public struct Place: Sendable {
    public var name: String
    public var position: Position
    public var area: Int
    public var weight: Double
    /// Warning markers on the address (e.g. "violent to police").
    public var markers: [String]
    /// An address or landmark, or a vague location: a street whose house is not known, or an
    /// area alone (entered when that is all a caller can say, to be narrowed later).
    public var vague: Vagueness = .exact
    /// A vague location's addresses: the places on that street, or in that area.
    public var covers: [Int32] = []
    public init(name: String, position: Position, area: Int, weight: Double = 1, markers: [String] = []) {
        self.name = name; self.position = position; self.area = area
        self.weight = weight; self.markers = markers
    }

    public enum Vagueness: UInt8, Sendable {
        case exact, street, area
    }
}

/// A shift that repeats every day: on at `start` (time of day), off `length` later.
public struct DailyShift: Sendable, Equatable {
    public var start: SimTime
    public var length: SimTime
    public init(start: SimTime, length: SimTime) { self.start = start; self.length = length }

    /// Refreshment break by Police Regulations: 45 min for 8-9 h, 50 for 9-10 h, 60 for 10 h+.
    /// Shorter shifts (under 6 h) get none here.
    public var refreshmentAllowance: SimTime {
        switch length {
        case ..<(6 * Clock.hour): return 0
        case ..<(9 * Clock.hour): return 45 * Clock.minute
        case ..<(10 * Clock.hour): return 50 * Clock.minute
        default: return 60 * Clock.minute
        }
    }
}

public struct UnitSpec: Sendable {
    public var callsign: String
    public var kind: UnitKind
    public var crew: Int
    public var skills: SkillSet
    public var station: Int?
    public var area: Int
    /// nil: on duty for the whole scenario.
    public var shift: DailyShift?
    public init(callsign: String, kind: UnitKind, crew: Int = 1, skills: SkillSet = [],
                station: Int? = nil, area: Int = 0, shift: DailyShift? = nil) {
        self.callsign = callsign; self.kind = kind; self.crew = crew; self.skills = skills
        self.station = station; self.area = area; self.shift = shift
    }
}

extension UnitSpec {
    /// On duty in the middle of the hour of the week (a unit without a shift always is).
    func onDuty(hourOfWeek: Int) -> Bool {
        guard let shift else { return true }
        let middle = SimTime(hourOfWeek % 24) * Clock.hour + 30 * Clock.minute
        return (middle - shift.start % Clock.day + Clock.day) % Clock.day < shift.length
    }
}

/// Call handlers on one shift pattern; nil shift: on duty throughout.
public struct HandlerShift: Sendable {
    public var count: Int
    public var shift: DailyShift?
    /// The phones, or the digital desk (chat, e-mail and online reports).
    public var desk: Desk
    public init(count: Int, shift: DailyShift? = nil, desk: Desk = .phones) {
        self.count = count; self.shift = shift; self.desk = desk
    }
}

/// Attendance targets per grade, in milliseconds; nil: no target.
public struct AttendanceTargets: Sendable, Equatable {
    public var immediateUrban: SimTime
    public var immediateRural: SimTime
    public var priority: SimTime
    public var scheduled: SimTime
    public init(immediateUrban: SimTime, immediateRural: SimTime, priority: SimTime, scheduled: SimTime) {
        self.immediateUrban = immediateUrban; self.immediateRural = immediateRural
        self.priority = priority; self.scheduled = scheduled
    }
    /// domain.md: 15 min urban / 20 rural, 60 min, 4 h.
    public static let national = AttendanceTargets(immediateUrban: 15 * Clock.minute,
                                                   immediateRural: 20 * Clock.minute,
                                                   priority: 60 * Clock.minute,
                                                   scheduled: 4 * Clock.hour)

    public func target(for grade: Grade, rural: Bool) -> SimTime? {
        switch grade {
        case .immediate: return rural ? immediateRural : immediateUrban
        case .priority: return priority
        case .scheduled: return scheduled
        case .resolution: return nil
        }
    }
}

/// How long units take to get to a job.
public enum TravelModel: Sendable {
    /// Distance on the map (straight line x road factor) at a speed by kind and urgency (km/h),
    /// with a random factor for traffic.
    case geographic(GeographicTravel)
    /// No map: travel time drawn from a distribution (queueing models).
    case drawn(Distribution)
}

public struct GeographicTravel: Sendable {
    public var roadFactor: Double
    /// km/h for routine and blue-light journeys, per kind (index in UnitKind.allCases).
    public var routineSpeed: [Double]
    public var blueLightSpeed: [Double]
    /// Time to get moving (leaving a station, finishing a conversation).
    public var turnout: SimTime
    /// Grades driven to on blue lights: grade 1 always; grade 2 where the force's policy allows
    /// (an imported district's scenario says so).
    public var blueLightsForPriority = false
    public init(roadFactor: Double = 1.3, routineSpeed: [Double] = GeographicTravel.defaultRoutine,
                blueLightSpeed: [Double] = GeographicTravel.defaultBlueLight,
                turnout: SimTime = 60 * Clock.second) {
        self.roadFactor = roadFactor; self.routineSpeed = routineSpeed
        self.blueLightSpeed = blueLightSpeed; self.turnout = turnout
    }
    /// response, neighbourhood, pcso, roads, armed, dog
    public static let defaultRoutine: [Double] = [40, 35, 25, 50, 45, 40]
    public static let defaultBlueLight: [Double] = [65, 55, 25, 80, 75, 65]
}

public struct DispatchPolicy: Sendable {
    /// Whether the automated dispatcher takes units off lower-grade jobs for a grade-1 incident
    /// when nobody suitable is free.
    public var divertForImmediate: Bool
    /// Units within this long of the end of their shift are not sent to grade 3.
    public var endOfShiftMargin: SimTime
    /// Free units held back from grade-3 (scheduled) jobs, for the emergency that will come.
    public var keepFree: Int
    /// How long the dispatcher takes to read a new incident and decide; backup and urgent
    /// assistance are answered at once.
    public var decisionTime: SimTime
    /// How much sooner a costly unit (taken off another job, off its break, or from another
    /// area) must arrive than a free suitable unit of the incident's own area to be ranked above
    /// it, by grade (1, 2, 3): a few seconds gained never costs a domestic its only unit.
    public var margins: [SimTime]
    /// The engine as it was before margins and checked stack reasons (engine revision 1): a
    /// journal written then is replayed as it ran, event for event.
    public var legacy = false
    public static let defaultMargins: [SimTime] = [3 * Clock.minute, 10 * Clock.minute, 30 * Clock.minute]

    public init(divertForImmediate: Bool = true, endOfShiftMargin: SimTime = 30 * Clock.minute,
                keepFree: Int = 0, decisionTime: SimTime = 0, margins: [SimTime] = DispatchPolicy.defaultMargins) {
        self.divertForImmediate = divertForImmediate; self.endOfShiftMargin = endOfShiftMargin
        self.keepFree = keepFree; self.decisionTime = decisionTime; self.margins = margins
    }

    /// The engine of revision 1 (before margins and checked stack reasons), for its journals.
    public mutating func asRevisionOne() {
        margins = [0, 0, 0]
        legacy = true
    }

    /// The margin for a grade (grade 4 sends nobody).
    public func margin(_ grade: Grade) -> SimTime {
        let i = Int(grade.rawValue) - 1
        return margins.indices.contains(i) ? margins[i] : margins.last ?? 0
    }
}

/// How often a dispatcher checks on units at scene: the interval, shorter for single-crewed
/// officers and for violent incident types (the shorter of the two applies).
public struct WelfarePolicy: Sendable, Equatable {
    /// Off for pure queueing models, which have no officers to check on.
    public var enabled = true
    public var interval: SimTime
    public var singleCrewed: SimTime
    public var violent: SimTime
    public init(interval: SimTime = 30 * Clock.minute, singleCrewed: SimTime = 20 * Clock.minute,
                violent: SimTime = 15 * Clock.minute) {
        self.interval = interval; self.singleCrewed = singleCrewed; self.violent = violent
    }
}
