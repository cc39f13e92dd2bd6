import DispatchEngine
import ReadModel

/// What tells the dispatcher that something urgent happened: a new grade 1, a grade 1 still with
/// no unit a minute on, an incident passing its target unattended, an officer's emergency
/// button. Each is raised once: a bell (unless `:alerts quiet`), a line that stands out on the
/// status bar until seen (Esc, or opening `:alerts`), and an entry in the alert list with its time.
public struct Alert: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case newGradeOne = "new grade 1", gradeOneNoUnit = "grade 1 with no unit", pastTarget = "past its target"
        case emergency = "emergency button"
    }
    public var kind: Kind
    public var text: String
    public var at: SimTime
}

public struct AlertDesk: Sendable, Equatable {
    public private(set) var list: [Alert] = []
    /// The newest alert not yet seen: on the status bar.
    public var unseen: Alert?
    /// No bell (the alerts are still raised and listed).
    public var quiet = false
    /// A bell is due: the live console rings it and clears this.
    public var ring = false
    /// What has been raised already ("kind reference" or "kind callsign since"), and whether
    /// the floor as the console opened on it has been taken as known (no alarm for the past).
    private var raised: Set<String> = []
    private var primed = false
    /// How long a grade 1 may wait for a unit before it is an alert of its own.
    public static let gradeOneWait: SimTime = 60 * Clock.second

    public init() {}

    /// Looks at the floor and raises what is new.
    public mutating func look(_ floor: Floor) {
        var found: [(String, Alert)] = []
        for row in floor.incidentRows(IncidentQuery()) {
            let ref = Floor.reference(row.reference)
            let what = "\(ref) \(floor.type(of: row)) at \(floor.place(of: row))"
            if row.grade == .immediate {
                found.append(("new \(ref)", Alert(kind: .newGradeOne, text: "New grade 1: " + what, at: row.createdAt)))
                if row.units.isEmpty && row.age >= Self.gradeOneWait {
                    found.append(("nounit \(ref)", Alert(kind: .gradeOneNoUnit, text: "Grade 1 \(what) has no unit after \(RoomClock.elapsed(row.age))",
                                                         at: row.createdAt + Self.gradeOneWait)))
                }
            }
            if row.overdue, let target = row.targetAt {
                found.append(("late \(ref)", Alert(kind: .pastTarget, text: "Past its target, no unit at scene: G\(row.grade.rawValue) " + what, at: target)))
            }
        }
        for e in floor.world.pendingEmergencies {
            found.append(("sos \(e.unit) \(e.since)", Alert(kind: .emergency, text: "URGENT ASSISTANCE: \(floor.callsign(e.unit)) pressed the emergency button", at: e.since)))
        }
        for (key, alert) in found where !raised.contains(key) {
            raised.insert(key)
            guard primed else { continue }
            list.append(alert)
            unseen = alert
            ring = true
        }
        primed = true
    }

    /// How many of each kind were raised.
    public func count(_ kind: Alert.Kind) -> Int { list.filter { $0.kind == kind }.count }
}
