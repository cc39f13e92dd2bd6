/// How demand varies over the week: a factor for each hour of the day and one for each day.
/// The rate at a moment is base rate x hour factor x day factor. The hour factor for the small
/// hours after a Friday or Saturday can be raised with `lateNightFactor` (domain.md: 00-04 on
/// Saturday and Sunday mornings runs about twice other days).
public struct DemandProfile: Sendable, Equatable {
    /// 24 factors, hour 0 first. Their mean need not be 1: the base rate is the rate at factor 1.
    public var hours: [Double]
    /// 7 factors, Monday first.
    public var days: [Double]
    /// Multiplies hours 00-04 on Saturday and Sunday mornings.
    public var weekendNightFactor: Double

    public init(hours: [Double], days: [Double], weekendNightFactor: Double) {
        self.hours = hours
        self.days = days
        self.weekendNightFactor = weekendNightFactor
    }

    /// Flat: the same rate every hour of every day (queueing models).
    public static let flat = DemandProfile(hours: Array(repeating: 1, count: 24),
                                           days: Array(repeating: 1, count: 7),
                                           weekendNightFactor: 1)

    /// Factor for hour-of-week 0..<168 (Monday 00:00 is 0).
    public func factor(hourOfWeek: Int) -> Double {
        let day = hourOfWeek / 24, hour = hourOfWeek % 24
        var f = hours[hour] * days[day]
        if hour < 4 && (day == 5 || day == 6) { f *= weekendNightFactor }
        return f
    }
}
