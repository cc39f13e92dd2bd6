import Foundation

/// Exact steady-state answers from queueing theory, to hold the simulator to.
enum QueueingTheory {
    /// Erlang C: the probability an arriving caller waits, with c servers and offered load a.
    static func erlangC(servers c: Int, load a: Double) -> Double {
        var term = 1.0, sum = 1.0   // a^k / k!
        for k in 1..<c {
            term *= a / Double(k)
            sum += term
        }
        let last = term * a / Double(c) * Double(c) / (Double(c) - a)
        return last / (sum + last)
    }

    struct ErlangC {
        var probabilityOfWaiting: Double
        var meanWait: Double
        /// P(wait <= t).
        var withinT: (Double) -> Double
    }

    static func mmc(arrivalRate λ: Double, serviceRate μ: Double, servers c: Int) -> ErlangC {
        let pw = erlangC(servers: c, load: λ / μ)
        let drain = Double(c) * μ - λ
        return ErlangC(probabilityOfWaiting: pw, meanWait: pw / drain,
                       withinT: { t in 1 - pw * exp(-drain * t) })
    }

    struct ErlangA {
        var abandonShare: Double
        /// Mean time in queue over all callers (answered or not).
        var meanWait: Double
        /// Share of all callers answered within t.
        var answeredWithin: (Double) -> Double
    }

    /// Erlang A (M/M/c+M) by its birth-death chain, truncated far out in the tail.
    static func erlangA(arrivalRate λ: Double, serviceRate μ: Double, servers c: Int,
                        patienceRate θ: Double, states: Int = 4_000) -> ErlangA {
        var weight = [1.0]
        for n in 1..<states {
            let death = n <= c ? Double(n) * μ : Double(c) * μ + Double(n - c) * θ
            weight.append(weight[n - 1] * λ / death)
        }
        let total = weight.reduce(0, +)
        let π = weight.map { $0 / total }
        var queue = 0.0
        for n in (c + 1)..<states { queue += Double(n - c) * π[n] }
        let abandon = θ * queue / λ
        return ErlangA(abandonShare: abandon, meanWait: queue / λ, answeredWithin: { t in
            // An arrival that finds n >= c callers ahead is answered by t if it reaches the front
            // before t and before its own patience runs out: a pure-death chain with killing,
            // integrated forward from each starting position.
            var p = Array(π[0..<c]).reduce(0, +)
            let positions = min(states - c, 600)
            // state j = callers ahead of it in the queue (j = 0: next to be answered)
            var mass = (0..<positions).map { π[c + $0] }
            var served = 0.0
            let dt = 0.01
            var time = 0.0
            while time < t - 1e-9 {
                var next = mass
                served += mass[0] * Double(c) * μ * dt
                for j in 0..<positions {
                    let forward = Double(c) * μ + Double(j) * θ
                    next[j] -= mass[j] * (forward + θ) * dt
                    if j + 1 < positions { next[j] += mass[j + 1] * (Double(c) * μ + Double(j + 1) * θ) * dt }
                }
                next[0] += 0   // leaving state 0 means being answered, counted in `served`
                mass = next
                time += dt
            }
            p += served
            return p
        })
    }

    /// Cobham (1954): mean wait per class in a non-preemptive priority M/M/c queue with identical
    /// exponential service. Rates per class, most urgent first.
    static func cobham(arrivalRates λ: [Double], serviceRate μ: Double, servers c: Int) -> [Double] {
        let total = λ.reduce(0, +)
        let pw = erlangC(servers: c, load: total / μ)
        let capacity = Double(c) * μ
        var σ = 0.0
        return λ.map { rate in
            let before = σ
            σ += rate / capacity
            return pw / (capacity * (1 - before) * (1 - σ))
        }
    }
}
