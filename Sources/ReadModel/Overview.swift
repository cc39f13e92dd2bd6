import DispatchEngine

/// The figures of the supervisor's overview, worked out in one place: the overview draws them,
/// and the audit checks them against the raw journal at every hour of a session.
public struct OverviewFigures: Sendable, Equatable {
    public struct Attendance: Sendable, Equatable {
        /// Attended within target, of those judged (attended, or past the target unattended).
        public var withinTargetPercent: Double?
        /// Mean time to the first unit at scene, of those attended.
        public var mean: SimTime?
    }

    /// 999 answered within 10 s, of every caller judged so far; and the answer-time bands.
    public var within10sPercent: Double?
    public var bands: (under10: Double?, to60: Double?, over60: Double?)
    public var mean101: SimTime?
    public var abandoned999Percent: Double?
    public var abandoned101Percent: Double?
    /// Grades 1-3.
    public var attendance: [Attendance]
    /// Open incidents, grades 1-4.
    public var openByGrade: [Int]
    /// Open, unattended past their target.
    public var overdue: [IncidentRow]

    public static func == (a: OverviewFigures, b: OverviewFigures) -> Bool {
        a.within10sPercent == b.within10sPercent && a.bands == b.bands && a.mean101 == b.mean101
            && a.abandoned999Percent == b.abandoned999Percent && a.abandoned101Percent == b.abandoned101Percent
            && a.attendance == b.attendance && a.openByGrade == b.openByGrade && a.overdue == b.overdue
    }

    static func percent(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : 100 * Double(part) / Double(whole) }

    public init(_ floor: Floor) {
        let stats = floor.simulation.statistics
        let world = floor.world
        let l999 = stats.lines[0], l101 = stats.lines[1]
        // Every caller so far: one ringing for 10 s or more has already missed the 10 seconds.
        let judged999 = l999.answered + l999.abandoned + world.ringingLonger(than: 10 * Clock.second, line: .emergency, now: floor.now)
        within10sPercent = Self.percent(l999.answeredWithin10s, judged999)
        bands = (Self.percent(l999.answeredWithin10s, l999.answered), Self.percent(l999.band10to60, l999.answered),
                 Self.percent(l999.bandOver60, l999.answered))
        mean101 = l101.answerTime.mean.map { SimTime($0) }
        abandoned999Percent = Self.percent(l999.abandoned, judged999)
        abandoned101Percent = Self.percent(l101.abandoned, l101.answered + l101.abandoned)
        let grades = stats.gradesNow(world: world)
        attendance = (0..<3).map { g in
            let grade = grades[g]
            return Attendance(withinTargetPercent: Self.percent(grade.attendedWithinTarget, grade.attended + grade.unattendedPastTarget),
                              mean: grade.attendance.mean.map { SimTime($0) })
        }
        let counts = floor.counts()
        openByGrade = counts.openByGrade
        overdue = floor.incidentRows(IncidentQuery()).filter(\.overdue)
    }
}
