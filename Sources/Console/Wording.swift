import DispatchEngine

/// How the console words the engine's facts: status codes, radio traffic in voice procedure,
/// results, unit kinds. The engine never formats text; this is where it is done.
public enum Wording {
    public static func status(_ s: UnitStatus) -> String {
        switch s {
        case .emergency: return "EMERGENCY"
        case .onDuty: return "on duty"
        case .onPatrol: return "on patrol"
        case .atStation: return "at station"
        case .refreshments: return "refreshments"
        case .enRoute: return "en route"
        case .atScene: return "at scene"
        case .committedDeployable: return "committed, deployable"
        case .committedNotDeployable: return "committed"
        case .prisonerEscort: return "prisoner escort"
        case .atCourt: return "at court"
        case .offDuty: return "off duty"
        }
    }

    /// One-letter marker for the board, so categories read without colour.
    public static func marker(_ s: UnitStatus) -> String {
        switch s {
        case .emergency: return "!"
        case .onDuty, .onPatrol, .atStation: return "+"
        case .refreshments: return "R"
        case .offDuty: return "-"
        default: return ">"
        }
    }

    public static func ink(_ s: UnitStatus) -> Ink {
        switch s {
        case .emergency: return .emergency
        case .onDuty, .onPatrol, .atStation: return .available
        case .refreshments: return .refreshments
        case .offDuty: return .offDuty
        default: return .committed
        }
    }

    public static func kind(_ k: UnitKind) -> String {
        switch k {
        case .response: return "response"
        case .neighbourhood: return "neighbourhood"
        case .pcso: return "PCSO"
        case .roads: return "roads policing"
        case .armed: return "ARV"
        case .dog: return "dog unit"
        }
    }

    public static func shortKind(_ k: UnitKind) -> String {
        switch k {
        case .response: return "resp"
        case .neighbourhood: return "nbhd"
        case .pcso: return "PCSO"
        case .roads: return "roads"
        case .armed: return "ARV"
        case .dog: return "dog"
        }
    }

    public static func result(_ r: JobResult) -> String {
        switch r {
        case .oneDetained: return "one detained"
        case .noTrace: return "no trace"
        case .adviceGiven: return "advice given"
        case .reportTaken: return "report taken"
        case .dealtWith: return "dealt with"
        case .falseAlarm: return "false alarm"
        }
    }

    public static func grade(_ g: Grade) -> String {
        switch g {
        case .immediate: return "immediate"
        case .priority: return "priority"
        case .scheduled: return "scheduled"
        case .resolution: return "resolution without deployment"
        }
    }

    /// Why the engine refused a command, for the status line.
    public static func refusal(_ r: CommandRefusal) -> String {
        switch r {
        case .noSuchUnit: return "no such unit"
        case .noSuchCue: return "the scenario has no such scripted event"
        case .cueAlreadyFired: return "that scripted call has already rung"
        case .incidentNotOpen: return "that incident is not open"
        case .unitOffDuty: return "that unit is off duty"
        case .unitNotAvailable(let s): return "that unit is not available (state \(s.rawValue) \(status(s)))"
        case .unitAlreadyOnIncident: return "that unit is already on the incident"
        case .incidentNeedsNoUnits: return "grade 4: resolved without deployment"
        case .pcsoToViolence: return "a PCSO is not sent to violence"
        case .lacksSkills(let missing): return "that unit lacks " + missing.names.joined(separator: ", ")
        case .notLowerGrade: return "its current job is not lower grade: it cannot be diverted"
        case .notOnAJob: return "that unit is not on a job to divert from"
        case .unitNotOnIncident: return "that unit is not on the incident"
        case .unitsStillAttached: return "units are still on it: stand them down or wait for their results"
        case .sameGrade: return "it already has that grade"
        case .noSuchIncidentType: return "no such closing type"
        case .noWarnings: return "no warning markers on the address"
        case .noUnitsOnIncident: return "no unit is on the incident"
        case .badText: return "the text is empty or longer than 500 characters"
        case .noEmergency: return "no emergency to acknowledge"
        case .notOnRefreshments: return "that unit is not on refreshments"
        case .noRefreshmentsOwed: return "that unit has had its refreshment break"
        case .gradeFourIsAClosure: return "grade 4 is no deployment: close the incident instead"
        case .notAtScene: return "welfare checks are for units at scene"
        case let .statusNotAllowed(from, to): return "state \(to.rawValue) cannot follow state \(from.rawValue) \(status(from))"
        case .notAPersonsSeat: return "that is not a person's call-handling seat"
        case .noCallWaiting: return "no call is waiting"
        case .handlerBusy: return "you are already on a call"
        case .handlerHasNoCall: return "you are not on a call"
        case .noSuchPlace: return "no such place in the gazetteer"
        case .notASilentCall: return "the caller is talking: that is for silent calls"
        case .alreadyCalledBack: return "you have already called this number back"
        }
    }

    public static func stackReason(_ r: StackReason) -> String {
        switch r {
        case .noUnitAvailable: return "no suitable unit free"
        case .awaitingSpecialist: return "awaiting a specialist unit"
        case .callerRequestedLater: return "caller asked for a later time"
        case .other: return "held"
        }
    }

    public static func vulnerability(_ v: Vulnerability) -> String {
        switch v {
        case .child: return "child"
        case .elderly: return "elderly"
        case .mentalHealth: return "mental health"
        case .disability: return "disability"
        case .domesticAbuse: return "domestic abuse"
        case .repeatVictim: return "repeat victim"
        case .alone: return "lives alone"
        case .intoxicated: return "drink or drugs"
        default: return Vulnerability.all.filter { v.contains($0) }.map(vulnerability).joined(separator: ", ")
        }
    }

    public static let thrive = ["Threat", "Harm", "Risk", "Investigation", "Vulnerability", "Engagement"]

    public static func agency(_ a: Agency) -> String {
        switch a {
        case .ambulance: return "ambulance"
        case .fire: return "fire"
        }
    }

    public static func relation(_ r: Caller.Relation) -> String {
        switch r {
        case .victim: return "victim"
        case .witness: return "witness"
        case .concerned: return "concerned relative or neighbour"
        case .business: return "business or security"
        case .agency: return "other agency"
        }
    }

    /// A transmission in AirwaveSpeak style (who and which incident have columns of their own).
    public static func radio(_ message: RadioMessage) -> String {
        switch message {
        case .deployed(let grade): return "deploy, grade \(grade.rawValue)"
        case .diverted: return "divert from current job"
        case .stateUpdate(let s): return "state \(s.rawValue) \(status(s))"
        case .result(let r): return "result: \(result(r))"
        case .backupRequested: return "request backup"
        case .urgentAssistance: return "URGENT ASSISTANCE"
        case .urgentAssistanceCancelled: return "cancel urgent assistance, situation in hand"
        case .prisonerInCustody: return "at custody, prisoner booked in"
        case .onRefreshments: return "state 4 refreshments"
        case .bookingOn: return "booking on duty"
        case .bookingOff: return "state 11 booking off"
        case .standDown: return "stand down"
        case .warnings: return "warnings on the address passed"
        case .text(let words): return SafeText.clean(words)
        case .received: return "received"
        case .emergencyAcknowledged: return "emergency acknowledged, units on the way"
        case .welfareCheck: return "welfare check: all OK?"
        case .allInOrder: return "all in order"
        }
    }
}

/// Simulated time as the room's clock shows it.
public struct RoomClock: Sendable {
    public let start: CalendarStart
    public init(start: CalendarStart) { self.start = start }

    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Fri 27 Nov 19:42:07"
    public func dateTime(_ t: SimTime) -> String {
        let (_, m, d) = civil(start.epochDay + dayOffset(t))
        return "\(weekday(t)) \(d) \(Self.months[m - 1]) \(time(t))"
    }

    /// "2026-11-27 19:42:07": for files a spreadsheet reads.
    public func stamp(_ t: SimTime) -> String {
        let (y, m, d) = civil(start.epochDay + dayOffset(t))
        return "\(y)-\(two(m))-\(two(d)) \(time(t))"
    }

    /// "Fri 19:42:07", where there is no room for the date.
    public func dayTime(_ t: SimTime) -> String { weekday(t) + " " + time(t) }

    private func dayOffset(_ t: SimTime) -> Int { Int((start.timeOfDay + t) / Clock.day) }
    private func weekday(_ t: SimTime) -> String { Self.days[(start.dayOfWeek + dayOffset(t)) % 7] }

    /// "19:42:07"
    public func time(_ t: SimTime) -> String {
        let s = (start.timeOfDay + t) % Clock.day / 1000
        return two(Int(s / 3600)) + ":" + two(Int(s / 60 % 60)) + ":" + two(Int(s % 60))
    }

    /// "19:42"
    public func shortTime(_ t: SimTime) -> String { String(time(t).prefix(5)) }

    /// An elapsed time: "4:07", "1:04:07", or "-0:30" before zero.
    public static func elapsed(_ ms: SimTime) -> String {
        let negative = ms < 0
        let s = abs(ms) / 1000
        let body = s >= 3600 ? "\(s / 3600):" + two(Int(s / 60 % 60)) + ":" + two(Int(s % 60))
                             : "\(s / 60):" + two(Int(s % 60))
        return negative ? "-" + body : body
    }

    private func two(_ n: Int) -> String { Self.two(n) }
    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// (year, month, day) from days since 1970-01-01.
    func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// A caller's name and number from the stable identity the engine draws, so a call shows the
/// same person in every run of a scenario and seed.
public enum CallerDetails {
    static let first = ["Sarah", "James", "Emma", "Mohammed", "Claire", "David", "Aisha", "Peter", "Joanne",
                        "Daniel", "Priya", "Gary", "Karen", "Tomasz", "Leanne", "Michael", "Chloe", "Paul",
                        "Hannah", "Robert", "Zainab", "Steven", "Louise", "Kwame"]
    static let last = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                       "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
                       "Green", "Hall", "Khan", "Lewis", "Nowak", "Clarke", "Jackson", "Hughes"]

    public static func name(_ caller: Caller) -> String {
        let id = Int(caller.identity)
        return first[id % first.count] + " " + last[(id / first.count) % last.count]
    }

    /// A UK mobile number in the Ofcom drama range (07700 900000-900999): never a real line.
    public static func phone(_ caller: Caller) -> String {
        let n = Int(caller.identity / 7) % 1000
        return "07700 900" + String(repeating: "0", count: 3 - String(n).count) + String(n)
    }
}
