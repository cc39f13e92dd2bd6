import DispatchEngine
import Foundation
import Scenario

/// How many response cars an imported district's roster puts on, and where: sized to the
/// demand it is written with (`ResponseLoad`), not to its number of stations.
extension DistrictWriter {
    /// The turns for the demand an import writes (the built-in night's), worked out once.
    static let builtInTurns = Turns(busy: ResponseLoad(Scenario.builtInDefault().config).busy)

    /// Each station's cars on each turn: the turns' cars shared by the stations' demand.
    static func stationCars(_ d: District) -> (day: [Int], late: [Int], evening: [Int], night: [Int]) {
        let turns = builtInTurns, weights = stationWeights(d)
        return (shares(turns.day, weights), shares(turns.late, weights), shares(turns.evening, weights), shares(turns.night, weights))
    }

    /// The roster written, in a line for the import's summary.
    public static func rosterSummary(_ d: District) -> String {
        let turns = builtInTurns, cars = stationCars(d)
        let withCars = d.stations.indices.filter { cars.day[$0] + cars.late[$0] + cars.evening[$0] + cars.night[$0] > 0 }.count
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

        /// Each turn's hours on the 24-hour clock (an end past 24 is the next morning).
        static let hours = (day: 7..<17, late: 14..<24, evening: 18..<28, night: 22..<31)
        /// A turn's hours as a scenario's `shift:` gives them ("22:00-07:00").
        static func shift(_ hours: Range<Int>) -> String { String(format: "%02d:00-%02d:00", hours.lowerBound, hours.upperBound % 24) }
        static func covers(_ hours: Range<Int>, _ h: Int) -> Bool { hours.contains(h) || hours.contains(h + 24) }

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
            let hours = Self.hours
            return (0..<24).map { h in
                (Self.covers(hours.day, h) ? day : 0) + (Self.covers(hours.late, h) ? late : 0)
                    + (Self.covers(hours.evening, h) ? evening : 0) + (Self.covers(hours.night, h) ? night : 0)
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
