/// A distribution ready to draw from, for the draws made on every call and every job: a
/// lognormal's parameters are worked out once (they cost two logarithms a draw otherwise). Each
/// draw is the very number `Distribution.sample` gives, from the same random numbers.
struct Sampler: Sendable {
    private enum Kind: UInt8 { case fixed, exponential, lognormal, uniform }
    private let kind: Kind
    /// Exponential: its mean; lognormal: the normal's mean and standard deviation.
    private let a: Double, b: Double
    /// Fixed: the value; uniform: its bounds.
    private let low: SimTime, high: SimTime

    init(_ distribution: Distribution) {
        switch distribution {
        case .fixed(let value):
            kind = .fixed; a = 0; b = 0; low = value; high = value
        case .exponential(let mean):
            kind = .exponential; a = Double(mean); b = 0; low = 0; high = 0
        case .lognormal(let median, let p90):
            let mu = _log(Double(median))
            kind = .lognormal; a = mu; b = (_log(Double(p90)) - mu) / Distribution.z90; low = 0; high = 0
        case .uniform(let low, let high):
            kind = .uniform; a = 0; b = 0; self.low = low; self.high = high
        }
    }

    @inline(__always) func sample(_ rng: inout RandomStream) -> SimTime {
        switch kind {
        case .fixed: return low
        case .exponential: return Distribution.clamped(rng.exponential(mean: a))
        case .lognormal: return Distribution.clamped(_exp(a + b * rng.normal()))
        case .uniform: return low + Distribution.nearest(Double(high - low) * rng.unit())
        }
    }
}
