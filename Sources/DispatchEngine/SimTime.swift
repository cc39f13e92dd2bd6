/// Simulated time in milliseconds since the scenario started. Integer so that runs are exact and
/// repeatable on every machine.
public typealias SimTime = Int64

public enum Clock {
    public static let second: SimTime = 1_000
    public static let minute: SimTime = 60_000
    public static let hour: SimTime = 3_600_000
    public static let day: SimTime = 86_400_000
    public static let week: SimTime = 7 * day
}

/// Where the scenario's first moment falls in the week, so demand follows the clock on the wall.
public struct CalendarStart: Sendable, Equatable {
    /// 0 = Monday ... 6 = Sunday.
    public var dayOfWeek: Int
    /// Milliseconds since local midnight.
    public var timeOfDay: SimTime
    /// Days since 1970-01-01 of the start date (for showing dates; 0 when unknown).
    public var epochDay: Int

    public init(dayOfWeek: Int, timeOfDay: SimTime, epochDay: Int = 0) {
        self.dayOfWeek = dayOfWeek
        self.timeOfDay = timeOfDay
        self.epochDay = epochDay
    }

    /// Milliseconds since the Monday midnight before the scenario started.
    @inlinable public func weekOffset(at time: SimTime) -> SimTime {
        (SimTime(dayOfWeek) * Clock.day + timeOfDay + time) % Clock.week
    }

    /// Milliseconds since local midnight at simulated time `time`.
    @inlinable public func timeOfDay(at time: SimTime) -> SimTime {
        (timeOfDay + time) % Clock.day
    }
}
