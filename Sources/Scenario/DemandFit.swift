import DispatchEngine
import Foundation

/// A scenario's demand fitted from a force's incident history: the hour-of-week profile (hours,
/// days and weekend nights, as the scenario format has it), the type mix, grades by type and line,
/// time at scene by type as a lognormal, and where incidents happen; with how well each fits (the
/// profile's chi-square, each duration's Kolmogorov-Smirnov statistic).
public struct DemandFit: Sendable {
    public struct OnScene: Sendable, Equatable {
        public var median: Double, p90: Double   // minutes
        public var count: Int
        /// Kolmogorov-Smirnov: the largest gap between the durations and the fitted lognormal.
        public var ks: Double
    }

    public struct TypeFit: Sendable {
        public var name: String
        public var count: Int
        /// Percent of all incidents.
        public var share: Double
        /// Percent of grades 1-4, on 999 and on 101 (the type's own mix where a line has none).
        public var grades999: [Double], grades101: [Double]
        public var onScene: OnScene?
    }

    public var incidents: Int
    /// Hours from the first incident to the last.
    public var hours: Double
    public var perHour: Double
    public var perHour999: Double, perHour101: Double
    public var profile: DemandProfile
    /// The incidents the profile is fitted on (999 and 101 where the history gives the line).
    public var profileIncidents: Int
    public var chiSquare: Double, degrees: Int, pValue: Double
    public var types: [TypeFit]
    /// Places by how many incidents were there, most first, with their share in percent.
    public var places: [(name: String, share: Double)]

    public init(_ history: IncidentHistory) {
        let all = history.incidents
        incidents = all.count
        let first = all.map(\.created).min() ?? 0, last = all.map(\.created).max() ?? 0
        let firstHour = Int((first / 60).rounded(.down)), lastHour = Int((last / 60).rounded(.down))
        hours = Double(lastHour - firstHour + 1)
        perHour = Double(all.count) / hours
        perHour999 = Double(all.filter { $0.line == .emergency }.count) / hours
        perHour101 = Double(all.filter { $0.line == .nonEmergency }.count) / hours

        // Each hour of the week: how often it came round in the history, and its incidents.
        var exposure = Array(repeating: 0.0, count: 168), observed = Array(repeating: 0.0, count: 168)
        let firstDay = Int((first / 1440).rounded(.down))
        let firstHourOfWeek = ((firstDay + 3) % 7 + 7) % 7 * 24 + (firstHour - firstDay * 24)
        for k in 0..<(lastHour - firstHour + 1) { exposure[(firstHourOfWeek + k) % 168] += 1 }
        // The profile shapes the phone lines (chat, e-mail and online have hours of their own, and
        // their incidents are made when the desk gets to them): fitted on 999 and 101 incidents
        // where the history says the line.
        let phone = all.contains { $0.line != nil } ? all.filter { $0.line == .emergency || $0.line == .nonEmergency } : all
        profileIncidents = phone.count
        for i in phone { observed[i.hourOfWeek] += 1 }
        let fitted = Self.profile(observed: observed, exposure: exposure)
        profile = fitted.profile
        (chiSquare, degrees, pValue) = Self.chiSquare(observed: observed, expected: fitted.expected)

        // The mix, most common first.
        var byType: [String: [IncidentHistory.Incident]] = [:]
        for i in all { byType[i.type, default: []].append(i) }
        let names = byType.keys.sorted { (byType[$0]!.count, $1) > (byType[$1]!.count, $0) }
        let shares = Self.percents(names.map { Double(byType[$0]!.count) })
        types = names.enumerated().map { k, name in
            let rows = byType[name]!
            func mix(_ line: Line?) -> [Double] {
                let on = line.map { l in rows.filter { $0.line == l } } ?? rows
                let from = on.isEmpty ? rows : on
                return Self.percents((1...4).map { g in Double(from.filter { $0.grade.rawValue == g }.count) })
            }
            let durations = rows.compactMap(\.onScene).map { max($0, 0.5) }
            return TypeFit(name: name, count: rows.count, share: shares[k], grades999: mix(.emergency), grades101: mix(.nonEmergency),
                           onScene: durations.count >= 5 ? Self.lognormal(durations) : nil)
        }
        var byPlace: [String: Int] = [:]
        for i in all { if let p = i.place { byPlace[p, default: 0] += 1 } }
        let placed = byPlace.values.reduce(0, +)
        places = byPlace.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { ($0.key, 100 * Double($0.value) / Double(max(placed, 1))) }
    }

    /// Hours, days and the weekend-night factor that best explain the counts of each hour of the
    /// week (Poisson, by iterating each factor in turn), and the counts they expect. The hours and
    /// the days average 1.
    static func profile(observed: [Double], exposure: [Double]) -> (profile: DemandProfile, expected: [Double]) {
        var h = Array(repeating: 1.0, count: 24), d = Array(repeating: 1.0, count: 7), w = 1.0
        func weekend(_ c: Int) -> Bool { c % 24 < 4 && (c / 24 == 5 || c / 24 == 6) }
        func factor(_ c: Int) -> Double { h[c % 24] * d[c / 24] * (weekend(c) ? w : 1) }
        for _ in 0..<60 {
            for hour in 0..<24 {
                let cells = (0..<7).map { $0 * 24 + hour }
                let e = cells.reduce(0.0) { $0 + exposure[$1] * d[$1 / 24] * (weekend($1) ? w : 1) }
                if e > 0 { h[hour] = cells.reduce(0.0) { $0 + observed[$1] } / e }
            }
            for day in 0..<7 {
                let cells = (0..<24).map { day * 24 + $0 }
                let e = cells.reduce(0.0) { $0 + exposure[$1] * h[$1 % 24] * (weekend($1) ? w : 1) }
                if e > 0 { d[day] = cells.reduce(0.0) { $0 + observed[$1] } / e }
            }
            let nights = (0..<168).filter(weekend)
            let e = nights.reduce(0.0) { $0 + exposure[$1] * h[$1 % 24] * d[$1 / 24] }
            let o = nights.reduce(0.0) { $0 + observed[$1] }
            if e > 0, o > 0 { w = o / e }
        }
        let expected = (0..<168).map { exposure[$0] * factor($0) }
        // Averaging 1: the base rate carries the level.
        let hMean = h.reduce(0, +) / 24, dMean = d.reduce(0, +) / 7
        return (DemandProfile(hours: h.map { $0 / max(hMean, 1e-12) }, days: d.map { $0 / max(dMean, 1e-12) }, weekendNightFactor: w), expected)
    }

    /// Pearson's chi-square of the counts against the fitted profile, its degrees of freedom (the
    /// cells less the 30 factors fitted and the total), and the chance of one as large by luck
    /// (Wilson-Hilferty's approximation).
    static func chiSquare(observed: [Double], expected: [Double]) -> (Double, Int, Double) {
        var x = 0.0, cells = 0
        for c in 0..<168 where expected[c] > 0 {
            x += (observed[c] - expected[c]) * (observed[c] - expected[c]) / expected[c]
            cells += 1
        }
        let df = max(cells - 1 - 30, 1)
        let k = Double(df)
        let z = (pow(x / k, 1.0 / 3) - (1 - 2 / (9 * k))) / (2 / (9 * k)).squareRoot()
        return (x, df, 0.5 * erfc(z / 2.0.squareRoot()))
    }

    /// The lognormal of durations (minutes): its median and 90th percentile, and its KS statistic.
    static func lognormal(_ minutes: [Double]) -> OnScene {
        let logs = minutes.map { log($0) }
        let n = Double(logs.count)
        let mu = logs.reduce(0, +) / n
        let sigma = max((logs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / max(n - 1, 1)).squareRoot(), 1e-9)
        var ks = 0.0
        for (i, x) in logs.sorted().enumerated() {
            let f = 0.5 * erfc(-(x - mu) / sigma / 2.0.squareRoot())
            ks = max(ks, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return OnScene(median: exp(mu), p90: exp(mu + 1.2815516 * sigma), count: logs.count, ks: ks)
    }

    /// Counts as percents to one decimal that add up to exactly 100.
    static func percents(_ counts: [Double]) -> [Double] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var out = counts.map { ($0 / total * 1000).rounded() / 10 }
        if let big = out.indices.max(by: { out[$0] < out[$1] }) {
            out[big] = ((out[big] + 100 - out.reduce(0, +)) * 10).rounded() / 10
        }
        return out
    }
}
