/// The night's calls: arrival times on each line as a non-homogeneous Poisson process (a rate
/// that is constant within each hour of the week), and what each call is about. Each line's
/// arrivals have their own random stream and each call its own, so the calls never depend on
/// what operators do.
struct Demand {
    private var streams: [RandomStream]
    /// What each call is about is drawn from a stream of this and its number.
    private var callSeed: UInt64
    /// Calls per millisecond for each hour of the week, line after line (168 a line): one flat
    /// table, so drawing an arrival retains nothing.
    private let ratePerMs: [Double]
    /// The calendar: where the run's first moment falls in the week.
    private let calendar: CalendarStart
    /// Whether each line rings at all in the week (looked up on every call, not rescanned).
    private let rings: [Bool]
    private let typeWeights: WeightedChoice
    private let placeWeights: WeightedChoice?
    /// Grade choice per type, per line.
    private let gradeChoice: [[WeightedChoice]]
    private let typeHandling: [Sampler]
    /// What each line's calls draw from: copied out of its `LineConfig` (which holds arrays) so
    /// that a call touches no reference-counted field.
    private let lineDraws: [LineDraw]
    private struct LineDraw {
        var patience: Sampler?
        var handling: Sampler
        var silentShare: Double
        var silentHandling: Sampler
        var silentIncidentShare: Double
        var duplicateShare: Double
        var incidentShare: Double
        var adviceShare: Double
        var transferShare: Double
        var crimeReportShare: Double
        init(_ line: LineConfig) {
            patience = line.patience.map(Sampler.init); handling = Sampler(line.handling)
            silentShare = line.silentShare; silentHandling = Sampler(line.silentHandling)
            silentIncidentShare = line.silentIncidentShare; duplicateShare = line.duplicateShare
            incidentShare = line.incidentShare; adviceShare = line.adviceShare
            transferShare = line.transferShare; crimeReportShare = line.crimeReportShare
        }
    }
    private let relations = WeightedChoice(Caller.weights)
    /// A scripted surge multiplies every rate while it lasts.
    var surge: Double = 1

    init(config: WorldConfig) {
        streams = Line.allCases.map { RandomStream(seed: config.seed, stream: UInt64(1 + $0.rawValue)) }
        callSeed = config.seed ^ 0x00C0_FFEE_D15A_7C4
        calendar = config.calendar
        let rates = config.lines.map { line in
            // A line may have hours of its own (chat and e-mail peak in the evening).
            var profile = config.profile
            if let hours = line.hours { profile.hours = hours }
            return (0..<168).map { line.callsPerHour * profile.factor(hourOfWeek: $0) / Double(Clock.hour) }
        }
        rings = rates.map { $0.contains { $0 > 0 } }
        ratePerMs = rates.flatMap { $0 }
        typeWeights = WeightedChoice(config.incidentTypes.map(\.share))
        placeWeights = config.places.isEmpty ? nil : WeightedChoice(config.places.map(\.weight))
        gradeChoice = config.incidentTypes.map { type in type.grades.map { WeightedChoice($0) } }
        typeHandling = config.incidentTypes.map { Sampler($0.handling) }
        lineDraws = config.lines.map(LineDraw.init)
    }

    /// The same demand drawn from `seed` from now on (a fork's future of its own).
    mutating func reseed(_ seed: UInt64) {
        streams = Line.allCases.map { RandomStream(seed: seed, stream: UInt64(1 + $0.rawValue)) }
        callSeed = seed ^ 0x00C0_FFEE_D15A_7C4
    }

    /// The first arrival on `line` after `time`, or nil if the line never rings.
    mutating func nextArrival(on line: Line, after time: SimTime) -> SimTime? {
        guard rings[line.rawValue] else { return nil }
        let first = 168 * line.rawValue
        // Exact for piecewise-constant rates: spend one unit-exponential of "work" across the
        // hours until it is used up.
        var work = -_log(streams[line.rawValue].openUnit())
        var t = time
        while true {
            let weekOffset = calendar.weekOffset(at: t)
            let hour = Int(weekOffset / Clock.hour)
            let hourEnd = t + (Clock.hour - weekOffset % Clock.hour)
            let rate = ratePerMs[first + hour] * surge
            if rate > 0 {
                let needed = work / rate
                if Double(t) + needed < Double(hourEnd) {
                    // Round up so that an arrival is never at the same moment it was drawn from.
                    // (Rounded up by hand: a call into the C library otherwise, on every call.)
                    let whole = SimTime(needed)
                    return max(t + whole + (Double(whole) < needed ? 1 : 0), time + 1)
                }
                work -= rate * Double(hourEnd - t)
            }
            t = hourEnd
        }
    }

    /// What call number `number`, just rung on `line`, is about. Each call draws from a stream of
    /// its own (seeded by the scenario seed and the call number), so what one call turns out to be
    /// never shifts the next call's draws, and only what is used is drawn.
    mutating func drawCall(number: Int64, on line: Line) -> CallDraw {
        var rng = RandomStream(seed: callSeed, stream: UInt64(bitPattern: number))
        let spec = lineDraws[line.rawValue]
        let type = typeWeights.pick(rng.unit())
        // Digital contact is graded as 101 calls are (a scenario gives grade shares per phone line).
        let grade = Grade(rawValue: 1 + gradeChoice[type][line.isPhone ? line.rawValue : 1].pick(rng.unit()))!
        let place = placeWeights?.pick(rng.unit()) ?? 0
        let patience = spec.patience?.sample(&rng) ?? .max
        let silent = spec.silentShare > 0 && rng.chance(spec.silentShare)
        let duplicate = spec.duplicateShare > 0 && rng.chance(spec.duplicateShare)
        let outcomeRoll = rng.unit()

        let outcome: CallOutcome
        let handling: SimTime
        if silent {
            outcome = outcomeRoll < spec.silentIncidentShare ? .incident : .silentNoResponse
            handling = spec.silentHandling.sample(&rng)
        } else if duplicate {
            outcome = .duplicate
            handling = spec.handling.sample(&rng)
        } else if outcomeRoll < spec.incidentShare {
            outcome = .incident
            handling = typeHandling[type].sample(&rng)
        } else {
            let advice = spec.incidentShare + spec.adviceShare
            outcome = outcomeRoll < advice ? .advice
                : outcomeRoll < advice + spec.transferShare || spec.crimeReportShare == 0 ? .transfer : .crimeReport
            handling = spec.handling.sample(&rng)
        }
        let caller = Caller(relation: Caller.Relation(rawValue: relations.pick(rng.unit()))!,
                            identity: UInt32(truncatingIfNeeded: rng.next()))
        let duplicatePick = duplicate ? rng.unit() : 0
        // Drawn last, so they shift none of the draws above. Most silent calls are made by
        // accident; of those that are real, most callers press 55 and a few can answer a call back.
        var pressed55 = false, answersCallBack = false
        if silent {
            let real = outcome == .incident
            pressed55 = rng.chance(real ? 0.7 : 0.05)
            answersCallBack = rng.chance(real ? 0.35 : 0.6)
        } else {
            // Rung back after hanging up: most who needed help pick up; fewer who rang by mistake.
            answersCallBack = rng.chance(outcome == .incident || outcome == .duplicate ? 0.75 : 0.55)
        }
        return CallDraw(type: Int32(type), grade: grade, place: Int32(place), patience: patience,
                        handling: max(handling, 0), outcome: outcome, silent: silent,
                        duplicatePick: duplicatePick, caller: caller,
                        pressed55: pressed55, answersCallBack: answersCallBack)
    }
}

/// Picks an index with probability proportional to its weight, from a uniform draw.
struct WeightedChoice {
    private let cumulative: [Double]
    /// Where the search starts and ends for a draw in each of `buckets` equal parts of [0, 1):
    /// guide[b] is the first weight above the least target that part can give. Read first, it
    /// leaves one or two weights to compare instead of a search through all (places number
    /// hundreds, and four choices are made for every call); the choice is the search's own.
    private let guide: [Int32]
    private let buckets: Double

    init(_ weights: [Double]) {
        var total = 0.0
        let cumulative = weights.map { total += max($0, 0); return total }
        self.cumulative = cumulative
        // A power of two, so that a part's least draw (b / buckets) and its target are exact.
        var buckets = 16
        while buckets < 2 * cumulative.count && buckets < 1 << 16 { buckets *= 2 }
        self.buckets = Double(buckets)
        // The parts' least targets rise with the part, so one walk along the weights finds them all.
        var first = 0
        guide = (0...buckets).map { b in
            let least = Double(b) / Double(buckets) * total
            while first < cumulative.count && cumulative[first] <= least { first += 1 }
            return Int32(first)
        }
    }

    /// The first weight whose cumulative share is above `u` (the last if none is).
    func pick(_ u: Double) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let target = u * total
        let part = min(Int(u * buckets), guide.count - 2)
        // Between the part's bounds, halving without a branch (which half cannot be predicted).
        return cumulative.withUnsafeBufferPointer { c in
            var base = Int(guide[part]), n = Int(guide[part + 1]) - base + 1
            while n > 1 {
                let half = n / 2
                base = c[base + half - 1] <= target ? base + half : base
                n -= half
            }
            return min(base, c.count - 1)
        }
    }
}
