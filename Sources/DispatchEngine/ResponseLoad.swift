/// What a scenario's demand asks of its patrol (response, neighbourhood and PCSO units) against
/// what its roster puts on: an estimate from the scenario's figures, not a run, so that a roster
/// can be sized to a demand before a night is played (the district importer) and a trainer told
/// when a demand outgrows the roster (`validate`).
///
/// As the engine works a job: each unit sent (by the type's grade) is busy for its journey
/// (`journey`) and the mean time at scene; each may call a backup unit, busy as long; the job may
/// end in an arrest, and one unit then takes the prisoner to custody for the mean time there,
/// after the job. Each incident is taken to arrive in the middle of its hour; a unit is counted
/// busy in each hour by the part of the hour it spends on the job. Types only specialists attend
/// (a plan of roads or armed units alone) ask nothing of the patrol.
public struct ResponseLoad: Sendable {
    /// Patrol units busy on average in each hour of the week (Monday 00:00 first), the week
    /// after week it settles to: what a standing roster is sized for.
    public let busy: [Double]
    /// Patrol units on duty in the middle of each hour of the week.
    public let onDuty: [Int]
    /// The scenario as it plays, hour by hour from its start (two weeks at most): it starts with
    /// every unit free, so the first hours are quieter than the week it settles to. Its patrol
    /// on duty counts, in the hour after a turn ends, the units going off (finishing their jobs).
    public let played: [(hourOfWeek: Int, busy: Double, onDuty: Int)]

    /// Getting to a job, on average (a unit is free again where it clears).
    public static let journey: SimTime = 12 * Clock.minute
    /// The share of the patrol's time a roster is sized to keep busy at the busiest hour, so that
    /// a grade 1 usually finds someone free.
    public static let busyShareSizedFor = 0.6

    /// A stretch of work an incident brings: `units` busy from `after` hours after it arrives,
    /// for `hours`.
    struct Part { var units: Double; var after: Double; var hours: Double }

    public init(_ config: WorldConfig) {
        let lines = Self.work(config)
        busy = Self.load(lines, hours: 168, hourOfWeek: { $0 }, wrapping: true)
        let onDuty = (0..<168).map { hour in config.units.filter { $0.kind.patrols && $0.onDuty(hourOfWeek: hour) }.count }
        self.onDuty = onDuty
        let hours = max(1, Int((min(config.duration, 2 * Clock.week) + Clock.hour - 1) / Clock.hour))
        let first = Int(config.calendar.weekOffset(at: 0) / Clock.hour)
        let run = Self.load(lines, hours: hours, hourOfWeek: { (first + $0) % 168 }, wrapping: false)
        // A unit whose turn ends finishes the job it is on: in the hour after a turn ends, those
        // going off are counted still there, so a handover is not taken for a shortage.
        played = (0..<hours).map { k in
            let h = (first + k) % 168
            return (h, run[k], k == 0 ? onDuty[h] : max(onDuty[h], onDuty[(h + 167) % 168]))
        }
    }

    /// The hour of the scenario as it plays where the patrol is busiest for its numbers on duty
    /// (the first of equals): where incidents stack first.
    public var tightest: (hourOfWeek: Int, busy: Double, onDuty: Int) {
        func share(_ p: (hourOfWeek: Int, busy: Double, onDuty: Int)) -> Double { p.busy / max(Double(p.onDuty), 1e-9) }
        return played.reduce(played[0]) { share($1) > share($0) ? $1 : $0 }
    }

    /// Patrol units to have on duty for `busy` at the share sized for.
    public static func needed(for busy: Double) -> Int { max(1, Int((busy / busyShareSizedFor).rounded(.up))) }

    /// Each call line's incidents an hour, hour by hour of the week, and the work an incident on
    /// it brings the patrol (weighted by how likely each type and grade is).
    static func work(_ config: WorldConfig) -> [(rate: [Double], parts: [Part])] {
        let types = config.incidentTypes
        let typeTotal = types.reduce(0) { $0 + max($1.share, 0) }
        guard typeTotal > 0 else { return [] }
        let custody = config.custody.mean / Double(Clock.hour)
        var out: [(rate: [Double], parts: [Part])] = []
        for line in Line.allCases where line.rawValue < config.lines.count {
            let spec = config.lines[line.rawValue]
            // As a call is drawn (Demand.drawCall): silent first, then a duplicate, then the outcome.
            let incidents = spec.silentShare * spec.silentIncidentShare
                + (1 - spec.silentShare) * (1 - spec.duplicateShare) * spec.incidentShare
            guard spec.callsPerHour > 0, incidents > 0 else { continue }
            var parts: [Part] = []
            for type in types where type.share > 0 && !type.plan.attend.intersection(.generalists).isEmpty {
                let weights = type.grades[line.isPhone ? line.rawValue : 1]
                let total = weights.reduce(0, +)
                guard total > 0 else { continue }
                let rules = TypeRules(type)
                let job = (Double(journey) + type.onScene.mean) / Double(Clock.hour)
                for grade in Grade.allCases where grade.deploys && grade.rawValue - 1 < weights.count && weights[grade.rawValue - 1] > 0 {
                    let share = type.share / typeTotal * weights[grade.rawValue - 1] / total
                    let units = Double(rules.unitsNeeded(grade))
                    parts.append(Part(units: share * units * (1 + type.backupShare), after: 0, hours: job))
                    if type.prisonerShare > 0 {
                        parts.append(Part(units: share * type.prisonerShare, after: job, hours: custody))
                    }
                }
            }
            guard !parts.isEmpty else { continue }
            var profile = config.profile
            if let hours = spec.hours { profile.hours = hours }
            out.append(((0..<168).map { spec.callsPerHour * profile.factor(hourOfWeek: $0) * incidents }, parts))
        }
        return out
    }

    /// Units busy in each of `hours` hours, the incidents of hour `k` (of the week
    /// `hourOfWeek(k)`) arriving in its middle; past the last hour the work wraps (a week) or is
    /// left out (a run that ends).
    private static func load(_ lines: [(rate: [Double], parts: [Part])], hours: Int, hourOfWeek: (Int) -> Int, wrapping: Bool) -> [Double] {
        var load = [Double](repeating: 0, count: hours)
        for (rate, parts) in lines {
            for k in 0..<hours where rate[hourOfWeek(k)] > 0 {
                for part in parts {
                    spread(rate[hourOfWeek(k)] * part.units, from: Double(k) + 0.5 + part.after, over: part.hours, into: &load, wrapping: wrapping)
                }
            }
        }
        return load
    }

    /// `units` busy for `length` hours from `start`, counted into each hour by the part of it
    /// they cover; past the end it wraps (a week) or is left out (a run that ends).
    static func spread(_ units: Double, from start: Double, over length: Double, into load: inout [Double], wrapping: Bool) {
        guard units > 0, length > 0, start.isFinite, length.isFinite, wrapping || start < Double(load.count) else { return }
        var start = start, length = length
        if wrapping, length >= Double(load.count) {
            // Whole weeks at once: every hour of each (a schema-valid time at scene may be years).
            let weeks = (length / Double(load.count)).rounded(.down)
            for h in load.indices { load[h] += units * weeks }
            // What is left of a week, exactly (subtracting the weeks loses it to rounding).
            length = length.truncatingRemainder(dividingBy: Double(load.count))
        }
        if wrapping { start = start.truncatingRemainder(dividingBy: Double(load.count)) }
        var t = start
        let end = start + length
        while t < end {
            let k = Int(t.rounded(.down))
            guard wrapping || k < load.count else { return }
            let hourEnd = Double(k) + 1
            load[k % load.count] += units * (min(hourEnd, end) - t)
            t = hourEnd
        }
    }
}
