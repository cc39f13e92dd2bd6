/// A duration that is either fixed or drawn at random. Scenario files state every duration as one
/// of these, so the same engine runs a pure queueing model and a realistic force.
public enum Distribution: Sendable, Equatable {
    case fixed(SimTime)
    case exponential(mean: SimTime)
    /// Lognormal given by its median and 90th percentile: the two figures people can estimate.
    case lognormal(median: SimTime, p90: SimTime)
    case uniform(low: SimTime, high: SimTime)

    /// No single draw is longer than this: a lognormal with an extreme spread could otherwise
    /// overflow the clock.
    public static let longest: SimTime = 1_000 * Clock.day

    /// z such that P(Z < z) = 0.9 for a standard normal.
    @usableFromInline static let z90 = 1.2815515655446004

    @inlinable public func sample(_ rng: inout RandomStream) -> SimTime {
        switch self {
        case .fixed(let value):
            return value
        case .exponential(let mean):
            return Self.clamped(rng.exponential(mean: Double(mean)))
        case .lognormal(let median, let p90):
            let mu = _log(Double(median))
            let sigma = (_log(Double(p90)) - mu) / Distribution.z90
            return Self.clamped(_exp(mu + sigma * rng.normal()))
        case .uniform(let low, let high):
            return low + Self.nearest(Double(high - low) * rng.unit())
        }
    }

    @inlinable static func clamped(_ ms: Double) -> SimTime {
        ms < Double(longest) ? nearest(ms) : longest
    }

    /// `SimTime(x.rounded())`, halves away from zero, worked out here rather than by a call into
    /// the C library (two or three draws a call are rounded). `x - Double(t)` is exact: the part
    /// after the point of a number the integer part of which fits in 63 bits.
    @inlinable @inline(__always) static func nearest(_ x: Double) -> SimTime {
        let t = SimTime(x)
        let f = x - Double(t)
        return f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t
    }

    /// The mean in milliseconds: used for estimates (arrival times without geography).
    public var mean: Double {
        switch self {
        case .fixed(let value): return Double(value)
        case .exponential(let mean): return Double(mean)
        case .lognormal(let median, let p90):
            let sigma = (_log(Double(p90)) - _log(Double(median))) / Distribution.z90
            return Double(median) * _exp(sigma * sigma / 2)
        case .uniform(let low, let high): return Double(low + high) / 2
        }
    }
}
