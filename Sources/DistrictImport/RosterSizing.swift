import DispatchEngine
import Scenario

/// How many response cars an imported district's roster puts on, and where: sized to the
/// demand it is written with (`ResponseLoad`), not to its number of stations.
extension DistrictWriter {
    /// The turns for the demand an import writes (the built-in night's), worked out once.
    static let builtInTurns = Turns(busy: ResponseLoad(Scenario.builtInDefault().config).busy)

    /// The roster written, in a line for the import's summary.
    public static func rosterSummary(_ d: District) -> String {
        let turns = builtInTurns, weights = stationWeights(d)
        let each = [turns.day, turns.late, turns.evening, turns.night].map { shares($0, weights) }
        let withCars = d.stations.indices.filter { i in each.contains { $0[i] > 0 } }.count
        return "roster: response cars on the day turn \(turns.day), late \(turns.late), evening cover \(turns.evening), night \(turns.night), "
            + "at \(withCars) of the \(d.stations.count) stations: sized to the built-in night's demand, at most "
            + "\(Int(ResponseLoad.busyShareSizedFor * 100)) % busy in any hour (controlroom validate says it again for your own demand)"
    }

    /// Response cars on each turn across the district, for the patrol units busy in each hour of
    /// the week (`ResponseLoad.busy`): the day turn (07-17) covers the mornings alone, the night
    /// (22-07) the small hours, the late (14-00) the late afternoon with the day, and evening
    /// cover (18-04) what the late and night turns leave of the evening's and the night's peak.
    struct Turns: Equatable {
        var day: Int, late: Int, evening: Int, night: Int

        init(busy: [Double]) {
            // Cars wanted at each hour of the day: the most any day of the week wants then.
            let wanted = (0..<24).map { h in stride(from: h, to: busy.count, by: 24).map { ResponseLoad.needed(for: busy[$0]) }.max() ?? 1 }
            func most(_ hours: [Int]) -> Int { hours.map { wanted[$0] }.max() ?? 0 }
            let night = max(1, most([4, 5, 6])), day = max(1, most(Array(7...13)))
            // The late turn and evening cover share the evening: the pair with the fewest hours
            // on duty between them (both turns are ten hours) that covers it.
            let fewestLate = max(1, most([17]), most([14, 15, 16]) - day)
            func cover(_ late: Int) -> Int {
                max(0, most([18, 19, 20, 21]) - late, most([0, 1, 2, 3]) - night, most([22, 23]) - late - night)
            }
            let late = (fewestLate...(fewestLate + wanted.max()!)).min { ($0 + cover($0), $0) < ($1 + cover($1), $1) }!
            self.day = day; self.late = late; self.evening = cover(late); self.night = night
        }

        /// Cars on duty in the middle of each hour of the day.
        var onDuty: [Int] {
            (0..<24).map { h in
                (h >= 7 && h < 17 ? day : 0) + (h >= 14 ? late : 0) + (h >= 18 || h < 4 ? evening : 0) + (h >= 22 || h < 7 ? night : 0)
            }
        }
    }

    /// Each station's share of the demand: its area's places' weights, shared among the area's
    /// stations (equal shares where there are no places).
    static func stationWeights(_ d: District) -> [Double] {
        var byArea: [Int: Double] = [:]
        for p in d.places { byArea[p.area, default: 0] += max(p.weight, 0) }
        let weights = d.stations.map { s in (byArea[s.area] ?? 0) / Double(max(1, d.stations.filter { $0.area == s.area }.count)) }
        return weights.reduce(0, +) > 0 ? weights : d.stations.map { _ in 1 }
    }

    /// `total` shared in proportion to `weights`, in whole numbers that add up to it (the largest
    /// remainders rounded up; ties to the first).
    static func shares(_ total: Int, _ weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard total > 0, sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(total) * $0 / sum }
        var out = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - Double(out[a]), rb = exact[b] - Double(out[b])
            return ra != rb ? ra > rb : a < b
        }
        for k in order.prefix(total - out.reduce(0, +)) { out[k] += 1 }
        return out
    }
}
