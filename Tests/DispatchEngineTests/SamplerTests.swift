@testable import DispatchEngine
import Testing

/// `Sampler` works a distribution's parameters out once for the draws made on every call and
/// job; each draw must be the very number `Distribution.sample` gives, or a night would change.
@Suite("Draws ready-made")
struct SamplerTests {
    @Test("Every kind of duration draws the very same numbers ready-made as from its description")
    func sameDraws() {
        let kinds: [Distribution] = [
            .fixed(45_000), .exponential(mean: 240_000), .exponential(mean: 1),
            .lognormal(median: 240_000, p90: 540_000), .lognormal(median: 1, p90: 400 * Clock.day),
            .lognormal(median: 5 * Clock.minute, p90: 5 * Clock.minute), .uniform(low: 1_000, high: 90_000),
        ]
        for kind in kinds {
            var a = RandomStream(seed: 3, stream: 9), b = a
            let sampler = Sampler(kind)
            for _ in 0..<20_000 { #expect(sampler.sample(&a) == kind.sample(&b), "\(kind)") }
        }
    }

    @Test("A draw is rounded to the nearest millisecond, halves away from zero, as the C library rounds")
    func rounding() {
        var rng = RandomStream(seed: 11, stream: 2)
        var values: [Double] = [0, 0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, 4_503_599_627_370_495.5, -7.25, 1e15 + 0.5]
        for _ in 0..<100_000 { values.append((rng.unit() - 0.3) * pow10(Int(rng.index(below: 16)))) }
        for x in values { #expect(Distribution.nearest(x) == SimTime(x.rounded()), "\(x)") }
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
