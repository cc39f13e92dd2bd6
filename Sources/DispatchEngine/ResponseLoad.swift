/// What a scenario's demand asks of its patrol (response, neighbourhood and PCSO units) against
/// what its roster puts on: an estimate from the scenario's figures, not a run, so that a roster
/// can be sized to a demand before a night is played (the district importer) and a trainer told
/// when a demand outgrows the roster (`validate`).
///
/// An incident that deploys keeps its units for their journey (`journey`) and their mean time at
/// scene, a prisoner's unit for the mean time in custody, and a backup unit likewise. Each
/// incident is taken to arrive in the middle of its hour; its units are counted busy in each hour
/// by the part of the hour they spend on it.
public struct ResponseLoad: Sendable {
    /// Patrol units busy on average in each hour of the week (Monday 00:00 first), the week
    /// after week it settles to: what a standing roster is sized for.
    public let busy: [Double]
    /// Patrol units on duty in the middle of each hour of the week.
    public let onDuty: [Int]
    /// The scenario as it plays, hour by hour from its start (two weeks at most): it starts with
    /// every unit free, so the first hours are quieter than the week it settles to.
    public let played: [(hourOfWeek: Int, busy: Double, onDuty: Int)]

    /// Getting to a job, on average (a unit is free again where it clears).
    public static let journey: SimTime = 12 * Clock.minute
    /// The share of the patrol's time a roster is sized to keep busy at the busiest hour, so that
    /// a grade 1 usually finds someone free.
    public static let busyShareSizedFor = 0.6

    public init(_ config: WorldConfig) {
        let work = Self.work(config)
        var week = [Double](repeating: 0, count: 168)
        for (hour, units, length) in work {
            Self.spread(units, from: Double(hour) + 0.5, over: length, into: &week, wrapping: true)
        }
        busy = week
        let onDuty = (0..<168).map { hour in config.units.filter { $0.kind.patrols && $0.onDuty(hourOfWeek: hour) }.count }
        self.onDuty = onDuty
        let hours = max(1, Int((min(config.duration, 2 * Clock.week) + Clock.hour - 1) / Clock.hour))
        let first = Int(config.calendar.weekOffset(at: 0) / Clock.hour)
        var run = [Double](repeating: 0, count: hours)
        for k in 0..<hours {
            for (hour, units, length) in work where hour == (first + k) % 168 {
                Self.spread(units, from: Double(k) + 0.5, over: length, into: &run, wrapping: false)
            }
        }
        played = (0..<hours).map { k in ((first + k) % 168, run[k], onDuty[(first + k) % 168]) }
    }

    /// The busiest hour of the week it settles to, and its figures.
    public var peak: (hourOfWeek: Int, busy: Double, onDuty: Int) {
        let h = busy.indices.max { busy[$0] < busy[$1] } ?? 0
        return (h, busy[h], onDuty[h])
    }

    /// The hour of the scenario as it plays where the patrol is busiest for its numbers on duty
    /// (the first of equals): where incidents stack first.
    public var tightest: (hourOfWeek: Int, busy: Double, onDuty: Int) {
        func share(_ p: (hourOfWeek: Int, busy: Double, onDuty: Int)) -> Double { p.busy / max(Double(p.onDuty), 1e-9) }
        return played.reduce(played[0]) { share($1) > share($0) ? $1 : $0 }
    }

    /// Patrol units to have on duty for `busy` at the share sized for.
    public static func needed(for busy: Double) -> Int { max(1, Int((busy / busyShareSizedFor).rounded(.up))) }

    /// The unit-hours the incidents arriving in each hour of the week ask for, each line's with
    /// how long its jobs last.
    static func work(_ config: WorldConfig) -> [(hour: Int, units: Double, length: Double)] {
        var out: [(hour: Int, units: Double, length: Double)] = []
        let types = config.incidentTypes
        let typeTotal = types.reduce(0) { $0 + max($1.share, 0) }
        guard typeTotal > 0 else { return out }
        let custody = config.custody.mean / Double(Clock.hour)
        for line in Line.allCases where line.rawValue < config.lines.count {
            let spec = config.lines[line.rawValue]
            // As a call is drawn (Demand.drawCall): silent first, then a duplicate, then the outcome.
            let incidents = spec.silentShare * spec.silentIncidentShare
                + (1 - spec.silentShare) * (1 - spec.duplicateShare) * spec.incidentShare
            guard spec.callsPerHour > 0, incidents > 0 else { continue }
            // Unit-hours a call on this line asks of the patrol, by the type and grade it turns out.
            var unitHours = 0.0, jobHours = 0.0, deploying = 0.0
            for type in types where type.share > 0 {
                let weights = type.grades[line.isPhone ? line.rawValue : 1]
                let total = weights.reduce(0, +)
                guard total > 0 else { continue }
                let rules = TypeRules(type)
                let job = (Double(journey) + type.onScene.mean) / Double(Clock.hour)
                for grade in Grade.allCases where grade.deploys && grade.rawValue - 1 < weights.count {
                    let share = type.share / typeTotal * weights[grade.rawValue - 1] / total
                    let units = Double(rules.unitsNeeded(grade))
                    unitHours += share * (units * (job + type.prisonerShare * custody) + type.backupShare * job)
                    jobHours += share * job
                    deploying += share
                }
            }
            guard deploying > 0 else { continue }
            // How long a call's load lasts: the mean job's length, journey and scene.
            let length = max(jobHours / deploying, 0.05)
            var profile = config.profile
            if let hours = spec.hours { profile.hours = hours }
            for hour in 0..<168 {
                let units = spec.callsPerHour * profile.factor(hourOfWeek: hour) * incidents * unitHours
                if units > 0 { out.append((hour, units, length)) }
            }
        }
        return out
    }

    /// `work` unit-hours as a constant load over `length` hours from `start`; past the end it
    /// wraps (a week) or is left out (a run that ends).
    private static func spread(_ work: Double, from start: Double, over length: Double, into load: inout [Double], wrapping: Bool) {
        let rate = work / length
        var t = start
        let end = start + length
        while t < end {
            let hourEnd = t.rounded(.down) + 1
            let k = Int(t.rounded(.down))
            guard wrapping || k < load.count else { return }
            load[k % load.count] += rate * min(hourEnd, end) - rate * t
            t = hourEnd
        }
    }
}

extension UnitKind {
    /// On patrol, taking the calls that come: not the specialists kept for their own jobs.
    public var patrols: Bool { self == .response || self == .neighbourhood || self == .pcso }
}

extension UnitSpec {
    /// On duty in the middle of the hour of the week (a unit without a shift always is).
    func onDuty(hourOfWeek: Int) -> Bool {
        guard let shift else { return true }
        let middle = SimTime(hourOfWeek % 24) * Clock.hour + 30 * Clock.minute
        let since = (middle - shift.start + Clock.day) % Clock.day
        return since < shift.length
    }
}
