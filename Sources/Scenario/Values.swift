import DispatchEngine
import Yams

/// Durations, distributions, times of day, shifts and dates as scenario files write them.
extension YAMLReader {
    static let durationExample = "a duration such as 90s, 4m, 1h30m or 2d"
    static let longestDuration: SimTime = 400 * Clock.day

    /// "90s", "4m", "1h30m", "2d", "250ms".
    func duration(_ node: Node, _ what: String, allowZero: Bool = true) -> SimTime? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(what) should be \(Self.durationExample), found \(node.kindDescription)")
            return nil
        }
        let text = scalar.string.trimmedOfSpaces
        guard let value = Self.parseDuration(text) else {
            fail(node, "\(what) '\(text.clipped)' is not a duration; expected \(Self.durationExample)")
            return nil
        }
        if value > Self.longestDuration {
            fail(node, "\(what) '\(text.clipped)' is too long; expected at most 400d")
            return nil
        }
        if value == 0 && !allowZero {
            fail(node, "\(what) is zero; expected a duration longer than 0s")
            return nil
        }
        return value
    }

    static func parseDuration(_ text: String) -> SimTime? {
        let units: [(String, Double)] = [("ms", 1), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000)]
        var rest = Substring(text.lowercased())
        var total = 0.0
        var parts = 0
        while !rest.isEmpty {
            var digits = ""
            while let c = rest.first, c.isASCII, c.isNumber || c == "." { digits.append(c); rest.removeFirst() }
            guard let amount = Double(digits), amount.isFinite else { return nil }
            guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest.removeFirst(unit.0.count)
            total += amount * unit.1
            parts += 1
            if total > 1e15 { return nil }
        }
        return parts == 0 ? nil : SimTime(total.rounded())
    }

    static let distributionExample =
        "a duration (fixed), or one of {exponential: MEAN}, {lognormal: {median: M, p90: P}}, {uniform: [LOW, HIGH]}"

    /// A fixed duration or a distribution of durations.
    func distribution(_ node: Node, _ what: String) -> Distribution? {
        switch node {
        case .scalar:
            guard let value = duration(node, what) else { return nil }
            return .fixed(value)
        case .mapping(let mapping):
            guard mapping.count == 1, let (key, value) = mapping.first.map({ ($0.key, $0.value) }),
                  let name = key.scalar?.string else {
                fail(node, "\(what) should name exactly one distribution; expected \(Self.distributionExample)")
                return nil
            }
            let kinds = ["exponential", "lognormal", "uniform", "fixed"]
            switch name {
            case "fixed":
                return duration(value, "\(what) fixed value").map { .fixed($0) }
            case "exponential":
                guard let mean = duration(value, "\(what) exponential mean", allowZero: false) else { return nil }
                return .exponential(mean: mean)
            case "lognormal":
                guard let f = fields(value, "\(what) lognormal", allowed: ["median", "p90"]),
                      let m = f.required("median", "the median duration"),
                      let p = f.required("p90", "the 90th percentile duration"),
                      let median = duration(m, "\(what) median", allowZero: false),
                      let p90 = duration(p, "\(what) p90", allowZero: false) else { return nil }
                guard p90 > median else {
                    fail(p, "\(what) p90 must be longer than its median; expected a 90th percentile above \(m.scalar?.string ?? "the median")")
                    return nil
                }
                return .lognormal(median: median, p90: p90)
            case "uniform":
                guard let items = sequence(value, "\(what) uniform") else { return nil }
                guard items.count == 2 else {
                    fail(value, "\(what) uniform should be [LOW, HIGH], found \(items.count) values")
                    return nil
                }
                guard let low = duration(items[0], "\(what) uniform low"),
                      let high = duration(items[1], "\(what) uniform high") else { return nil }
                guard high >= low else {
                    fail(items[1], "\(what) uniform high is below its low; expected HIGH at least LOW")
                    return nil
                }
                return .uniform(low: low, high: high)
            default:
                fail(key, "unknown distribution '\(name.clipped)' for \(what); expected \(kinds.joined(separator: ", "))"
                     + Suggestion.hint(for: name, in: kinds))
                return nil
            }
        default:
            fail(node, "\(what) should be \(Self.distributionExample), found \(node.kindDescription)")
            return nil
        }
    }

    /// "07:00" as milliseconds since midnight.
    func timeOfDay(_ text: String) -> SimTime? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return SimTime(h) * Clock.hour + SimTime(m) * Clock.minute
    }

    static let longestShift = 12 * Clock.hour

    /// "22:00-07:00": a daily shift, crossing midnight when the end is before the start.
    func shift(_ node: Node, _ what: String) -> DailyShift? {
        guard let text = string(node, what) else { return nil }
        let ends = text.split(separator: "-").map { String($0).trimmedOfSpaces }
        guard ends.count == 2, let start = timeOfDay(ends[0]), let end = timeOfDay(ends[1]) else {
            fail(node, "\(what) '\(text.clipped)' is not a shift; expected START-END in 24-hour time, such as 22:00-07:00")
            return nil
        }
        let length = ((end - start) % Clock.day + Clock.day) % Clock.day
        guard length > 0 else {
            fail(node, "\(what) '\(text.clipped)' ends when it starts; expected a shift of some length")
            return nil
        }
        guard length <= Self.longestShift else {
            fail(node, "\(what) '\(text.clipped)' would last \(length / Clock.hour)h\(length % Clock.hour / Clock.minute)m: it ends before it starts, or runs past 12 hours; expected a shift of at most 12h")
            return nil
        }
        return DailyShift(start: start, length: length)
    }

    /// "2026-11-27 18:00" (or with a T) as a day of the week and time of day.
    func start(_ node: Node, _ what: String) -> (CalendarStart, String)? {
        guard let text = string(node, what) else { return nil }
        let expectation = "a date and time such as 2026-11-27 18:00"
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard pieces.count == 2 else {
            fail(node, "\(what) '\(text.clipped)' is not a date and time; expected \(expectation)")
            return nil
        }
        let date = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, let y = Int(date[0]), let mo = Int(date[1]), let d = Int(date[2]),
              (1900...2999).contains(y), (1...12).contains(mo),
              (1...CivilDate.daysIn(month: mo, year: y)).contains(d) else {
            fail(node, "\(what) '\(text.clipped)' has no valid date; expected \(expectation)")
            return nil
        }
        guard let time = timeOfDay(pieces[1]) else {
            fail(node, "\(what) '\(text.clipped)' has no valid time; expected \(expectation)")
            return nil
        }
        return (CalendarStart(dayOfWeek: CivilDate.dayOfWeek(year: y, month: mo, day: d), timeOfDay: time,
                              epochDay: CivilDate.epochDay(year: y, month: mo, day: d)), text)
    }

    /// A percentage 0-100 as a fraction.
    func percent(_ node: Node, _ what: String) -> Double? {
        number(node, "\(what) (%)", range: 0...100).map { $0 / 100 }
    }
}
