/// xoshiro256** (Blackman & Vigna): small, fast and the same on every platform, so a seed gives
/// the same night everywhere. Swift's SystemRandomNumberGenerator cannot be seeded.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Streams are derived from one seed and a stream number, so that demand, durations and
    /// outcomes each draw from their own sequence and one never shifts another.
    public init(seed: UInt64, stream: UInt64) {
        var sm = SplitMix64(state: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x &<< k) | (x &>> (64 &- k)) }

    /// Uniform in [0, 1) with 53 bits.
    @inlinable public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    @inlinable public mutating func openUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// Exponential with the given mean.
    @inlinable public mutating func exponential(mean: Double) -> Double {
        -mean * _log(openUnit())
    }

    /// Standard normal (Box-Muller; one value per call keeps the stream simple to reason about).
    @inlinable public mutating func normal() -> Double {
        let u1 = openUnit(), u2 = unit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// True with probability `p`.
    @inlinable public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index in 0..<n, n > 0.
    @inlinable public mutating func index(below n: Int) -> Int {
        Int(next() % UInt64(n))
    }
}

@usableFromInline struct SplitMix64 {
    @usableFromInline var state: UInt64
    @usableFromInline init(state: UInt64) { self.state = state }
    @usableFromInline mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

#if canImport(Glibc)
import Glibc
@inlinable func _log(_ x: Double) -> Double { Glibc.log(x) }
@inlinable func _cos(_ x: Double) -> Double { Glibc.cos(x) }
@inlinable func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Darwin)
import Darwin
@inlinable func _log(_ x: Double) -> Double { Darwin.log(x) }
@inlinable func _cos(_ x: Double) -> Double { Darwin.cos(x) }
@inlinable func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
