import DispatchEngine

/// Simulated time as the room's clock shows it.
public struct RoomClock: Sendable {
    public let start: CalendarStart
    public init(start: CalendarStart) { self.start = start }

    /// The days of the week as the clock shortens them, Monday first.
    public static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Fri 27 Nov 19:42:07"
    public func dateTime(_ t: SimTime) -> String {
        let (_, m, d) = civil(start.epochDay + dayOffset(t))
        return "\(weekday(t)) \(d) \(Self.months[m - 1]) \(time(t))"
    }

    /// "2026-11-27 19:42:07": for files a spreadsheet reads.
    public func stamp(_ t: SimTime) -> String {
        let (y, m, d) = civil(start.epochDay + dayOffset(t))
        return "\(y)-\(two(m))-\(two(d)) \(time(t))"
    }

    /// "Fri 19:42:07", where there is no room for the date.
    public func dayTime(_ t: SimTime) -> String { weekday(t) + " " + time(t) }

    /// A time a journal or a member could hold is within a century either way: beyond it the
    /// clock reads the century's edge rather than overflow (a crash on a hostile value).
    static let century: SimTime = 100 * 366 * Clock.day
    private func sane(_ t: SimTime) -> SimTime { min(max(t, -Self.century), Self.century) }
    private func dayOffset(_ t: SimTime) -> Int {
        let since = start.timeOfDay + sane(t)
        return Int(since >= 0 ? since / Clock.day : (since - Clock.day + 1) / Clock.day)
    }
    private func weekday(_ t: SimTime) -> String { Self.days[((start.dayOfWeek + dayOffset(t)) % 7 + 7) % 7] }

    /// The next moment after `now` the clock on the wall reads "HH:MM" (tomorrow's, if today's
    /// has passed); nil if the text is not such a time.
    public func next(timeOfDay text: String, after now: SimTime) -> SimTime? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let wanted = SimTime(h) * Clock.hour + SimTime(m) * Clock.minute
        let today = (start.timeOfDay + now) % Clock.day
        var ahead = (wanted - today + Clock.day) % Clock.day
        if ahead == 0 { ahead = Clock.day }
        return now + ahead
    }

    /// "19:42:07"
    public func time(_ t: SimTime) -> String {
        let s = ((start.timeOfDay + sane(t)) % Clock.day + Clock.day) % Clock.day / 1000
        return two(Int(s / 3600)) + ":" + two(Int(s / 60 % 60)) + ":" + two(Int(s % 60))
    }

    /// "19:42"
    public func shortTime(_ t: SimTime) -> String { String(time(t).prefix(5)) }

    /// An elapsed time: "4:07", "1:04:07", or "-0:30" before zero.
    public static func elapsed(_ ms: SimTime) -> String {
        let ms = min(max(ms, -century), century)
        let negative = ms < 0
        let s = abs(ms) / 1000
        let body = s >= 3600 ? "\(s / 3600):" + two(Int(s / 60 % 60)) + ":" + two(Int(s % 60))
                             : "\(s / 60):" + two(Int(s % 60))
        return negative ? "-" + body : body
    }

    private func two(_ n: Int) -> String { Self.two(n) }
    static func two(_ n: Int) -> String { String(n).zeroPadded(2) }

    private func civil(_ day: Int) -> (Int, Int, Int) {
        let d = CivilDate.date(epochDay: day)
        return (d.year, d.month, d.day)
    }
}
