import DispatchEngine

/// What tells the dispatcher that something urgent happened: a new grade 1, a grade 1 still with
/// no unit a minute on, an incident passing its target unattended, an officer's emergency
/// button, a welfare check overdue on a unit at scene. Each is raised once: a bell (unless `:alerts quiet`), a line that stands out on the
/// status bar until seen (Esc, or opening `:alerts`), and an entry in the alert list with its time.
public struct Alert: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case newGradeOne = "new grade 1", gradeOneNoUnit = "grade 1 with no unit", pastTarget = "past its target"
        case emergency = "emergency button", welfareOverdue = "welfare check overdue", backFromLater = "back from later"
        case thinCoverage = "coverage thin"
    }
    public var kind: Kind
    public var text: String
    public var at: SimTime
    /// For a welfare alert: the unit's callsign and area, so one area's overdue checks are one line.
    public var callsign: String?
    public var area: String?

    /// How much it matters, most first: an officer's emergency, then a grade 1, then a job past
    /// its target, then the rest, then welfare checks. A lower one never hides a higher one.
    public var risk: Int {
        switch kind {
        case .emergency: 0
        case .newGradeOne, .gradeOneNoUnit: 1
        case .pastTarget: 2
        case .backFromLater: 3
        case .thinCoverage: 4
        case .welfareOverdue: 5
        }
    }
}

public struct AlertDesk: Sendable, Equatable {
    public internal(set) var list: [Alert] = []
    /// How many of `list` the person has seen (Esc, or `:alerts`).
    var seen = 0
    /// The alerts raised since the person last saw them.
    public var pending: ArraySlice<Alert> { list[min(seen, list.count)...] }
    /// What the status bar shows until seen: the highest-risk unseen alert (the newest of its
    /// rank); welfare checks overdue in one area as one line. Set to nil when seen.
    public var unseen: Alert? {
        get {
            guard var top = pending.min(by: { ($0.risk, -$0.at) < ($1.risk, -$1.at) }) else { return nil }
            guard top.kind == .welfareOverdue else {
                // Others wait behind it: said, so nothing lower is lost from sight.
                if pending.count > 1 { top.text += " (+\(pending.count - 1) more: :alerts)" }
                return top
            }
            let area = pending.filter { $0.kind == .welfareOverdue && $0.area == top.area }
            guard area.count > 1 else { return top }
            var grouped = top
            grouped.text = "Welfare checks overdue" + (top.area.map { " in \($0)" } ?? "") + ": "
                + area.compactMap(\.callsign).joined(separator: ", ") + " (:wc all checks every overdue unit)"
            return grouped
        }
        set { if newValue == nil { seen = list.count } }
    }
    /// No bell (the alerts are still raised and listed).
    public var quiet = false
    /// A bell is due: the live console rings it and clears this.
    public var ring = false
    /// What has been raised already, and whether the floor as the console opened on it has been
    /// taken as known (no alarm for the past).
    private var raised: Set<Raised> = []
    private var primed = false
    /// How long a grade 1 may wait for a unit before it is an alert of its own.
    public static let gradeOneWait: SimTime = 60 * Clock.second

    /// One alert's identity: its kind and what it is about (an incident's reference, or a unit
    /// and when it pressed).
    private struct Raised: Hashable {
        var kind: Alert.Kind
        var subject: Int64
        var since: SimTime = 0
    }

    public init() {}

    /// Looks at the floor and raises what is new. Runs on every tick: an alert's words are made
    /// only when it is raised, not for every row every time.
    public mutating func look(_ floor: Floor) {
        for row in floor.incidentRows(IncidentQuery()) where row.grade == .immediate || row.overdue || row.status == .back {
            func what() -> String { "\(Floor.reference(row.reference)) \(floor.type(of: row)) at \(floor.place(of: row))" }
            if row.grade == .immediate {
                // An officer's emergency has an alert of its own.
                if row.assisting == nil { raise(Raised(kind: .newGradeOne, subject: row.reference), at: row.createdAt) { "New grade 1: " + what() } }
                if row.units.isEmpty && row.age >= Self.gradeOneWait {
                    raise(Raised(kind: .gradeOneNoUnit, subject: row.reference), at: row.createdAt + Self.gradeOneWait) {
                        "Grade 1 \(what()) has no unit after \(RoomClock.elapsed(row.age))"
                    }
                }
            }
            if row.status == .back {
                raise(Raised(kind: .backFromLater, subject: row.reference), at: floor.now) { "Back from later: " + what() }
            }
            if row.overdue, let target = row.targetAt {
                raise(Raised(kind: .pastTarget, subject: row.reference), at: target) {
                    "Past its target, no unit at scene: G\(row.grade.rawValue) " + what()
                }
            }
        }
        for unit in floor.world.welfareOverdue {
            let due = floor.world.units[Int(unit)].welfareDueAt ?? 0
            raise(Raised(kind: .welfareOverdue, subject: Int64(unit), since: due), at: due,
                  callsign: floor.callsign(unit), area: floor.areaName(floor.config.units[Int(unit)].area)) {
                "Welfare check overdue: \(floor.callsign(unit)) at scene, due \(floor.clock.time(due))"
            }
        }
        // An area whose coverage fell below the scenario's threshold: once an hour while it stays so.
        if let threshold = floor.config.coverageAlert {
            for c in floor.coverage() {
                guard let share = c.share, share < threshold else { continue }
                let hour = floor.now / Clock.hour
                raise(Raised(kind: .thinCoverage, subject: Int64(c.area), since: hour), at: floor.now) {
                    "Coverage thin: \(floor.areaName(c.area)) \(Int((share * 100).rounded()))% within the grade-1 target (alert below \(Int((threshold * 100).rounded()))%)"
                }
            }
        }
        for e in floor.world.pendingEmergencies {
            raise(Raised(kind: .emergency, subject: Int64(e.unit), since: e.since), at: e.since) {
                "URGENT ASSISTANCE: \(floor.callsign(e.unit)) pressed the emergency button"
            }
        }
        primed = true
    }

    private mutating func raise(_ key: Raised, at time: SimTime, callsign: String? = nil, area: String? = nil, _ text: () -> String) {
        guard raised.insert(key).inserted, primed else { return }
        let alert = Alert(kind: key.kind, text: text(), at: time, callsign: callsign, area: area)
        list.append(alert)
        ring = true
    }

    /// How many of each kind were raised.
    public func count(_ kind: Alert.Kind) -> Int { list.filter { $0.kind == kind }.count }
}
