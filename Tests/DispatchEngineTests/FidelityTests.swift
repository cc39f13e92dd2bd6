import DispatchEngine
import Testing

/// The simulator against queueing theory's exact answers. Fixed seeds and replications; the
/// tolerance comes from the replications' own standard error.
@Suite("Faithful to queueing theory")
struct FidelityTests {
    /// Per-caller waits, from the events: answered callers' waits and abandoned callers' times
    /// in the queue.
    struct CallerWaits {
        var answered: [Double] = []
        var abandoned: [Double] = []
    }

    static func waits(_ config: WorldConfig) -> CallerWaits {
        let simulation = Simulation(config: config)
        var arrived: [CallID: SimTime] = [:]
        var waits = CallerWaits()
        // Ignore the first two hours: the queue starts empty.
        let warmUp = 2 * Clock.hour
        simulation.observers.append { time, event in
            switch event {
            case let .callArrived(id, _, _, _): arrived[id] = time
            case let .callAnswered(id, _):
                if let t = arrived.removeValue(forKey: id), t >= warmUp { waits.answered.append(Double(time - t) / 1000) }
            case let .callAbandoned(id):
                if let t = arrived.removeValue(forKey: id), t >= warmUp { waits.abandoned.append(Double(time - t) / 1000) }
            default: break
            }
        }
        simulation.runToEnd()
        return waits
    }

    @Test("Call queue without abandonment matches Erlang C")
    func erlangC() {
        // 10 handlers, 120 calls an hour, 4 minutes each: offered load 8 erlangs.
        let theory = QueueingTheory.mmc(arrivalRate: 120.0 / 3600, serviceRate: 1.0 / 240, servers: 10)
        var pWait: [Double] = [], meanWait: [Double] = [], within20: [Double] = []
        for seed in 1...8 {
            let w = Self.waits(TestWorlds.callQueue(perHour: 120, handlers: 10, handlingMean: "240s",
                                                    patience: "never", hours: 250, seed: UInt64(seed)))
            let n = Double(w.answered.count)
            pWait.append(Double(w.answered.filter { $0 > 0 }.count) / n)
            meanWait.append(w.answered.reduce(0, +) / n)
            within20.append(Double(w.answered.filter { $0 <= 20 }.count) / n)
        }
        let p = Estimate(pWait), m = Estimate(meanWait), t = Estimate(within20)
        #expect(p.agrees(with: theory.probabilityOfWaiting), "P(wait) \(p) vs \(theory.probabilityOfWaiting)")
        #expect(m.agrees(with: theory.meanWait), "mean wait \(m) vs \(theory.meanWait)")
        #expect(t.agrees(with: theory.withinT(20)), "P(W<=20s) \(t) vs \(theory.withinT(20))")
        // And the theory is not trivially satisfied: a fifth of the load less gives other answers.
        #expect(!m.agrees(with: QueueingTheory.mmc(arrivalRate: 96.0 / 3600, serviceRate: 1.0 / 240, servers: 10).meanWait))
    }

    @Test("Impatient callers match Erlang A", arguments: [
        (perHour: 120.0, label: "8 erlangs on 10 handlers"),
        (perHour: 180.0, label: "overloaded: 12 erlangs on 10 handlers"),
    ])
    func erlangA(perHour: Double, label: String) {
        let theory = QueueingTheory.erlangA(arrivalRate: perHour / 3600, serviceRate: 1.0 / 240,
                                            servers: 10, patienceRate: 1.0 / 120)
        var abandon: [Double] = [], meanWait: [Double] = [], within10: [Double] = []
        for seed in 1...8 {
            let w = Self.waits(TestWorlds.callQueue(perHour: perHour, handlers: 10, handlingMean: "240s",
                                                    patience: "{exponential: 120s}", hours: 200, seed: UInt64(seed)))
            let n = Double(w.answered.count + w.abandoned.count)
            abandon.append(Double(w.abandoned.count) / n)
            meanWait.append((w.answered.reduce(0, +) + w.abandoned.reduce(0, +)) / n)
            within10.append(Double(w.answered.filter { $0 <= 10 }.count) / n)
        }
        let a = Estimate(abandon), m = Estimate(meanWait), t = Estimate(within10)
        #expect(a.agrees(with: theory.abandonShare), "\(label): abandoned \(a) vs \(theory.abandonShare)")
        #expect(m.agrees(with: theory.meanWait), "\(label): mean wait \(m) vs \(theory.meanWait)")
        #expect(t.agrees(with: theory.answeredWithin(10), slack: 0.002),
                "\(label): answered within 10 s \(t) vs \(theory.answeredWithin(10))")
    }

    @Test("The engine's own report agrees with Erlang A (answered within 10 s, abandoned)")
    func reportedFiguresMatch() {
        let theory = QueueingTheory.erlangA(arrivalRate: 180.0 / 3600, serviceRate: 1.0 / 240,
                                            servers: 10, patienceRate: 1.0 / 120)
        var abandon: [Double] = [], within10: [Double] = []
        for seed in 11...16 {
            let simulation = Simulation(config: TestWorlds.callQueue(
                perHour: 180, handlers: 10, handlingMean: "240s", patience: "{exponential: 120s}",
                hours: 300, seed: UInt64(seed)))
            simulation.runToEnd()
            let line = simulation.statistics.lines[0]
            let finished = Double(line.answered + line.abandoned)
            abandon.append(Double(line.abandoned) / finished)
            within10.append(Double(line.answeredWithin10s) / finished)
        }
        let a = Estimate(abandon), t = Estimate(within10)
        // No warm-up is discarded here, so allow a little start-up bias.
        #expect(a.agrees(with: theory.abandonShare, slack: 0.005), "abandoned \(a) vs \(theory.abandonShare)")
        #expect(t.agrees(with: theory.answeredWithin(10), slack: 0.005), "within 10 s \(t) vs \(theory.answeredWithin(10))")
    }

    @Test("Grade-priority dispatch matches Cobham's non-preemptive M/M/c waits per grade")
    func cobham() {
        // 10 officers, 20 minutes at scene each, 24 incidents an hour: 80% busy.
        let shares = [20, 30, 50]
        let theory = QueueingTheory.cobham(arrivalRates: shares.map { Double($0) / 100 * 24 / 3600 },
                                           serviceRate: 1.0 / 1200, servers: 10)
        var perGrade: [[Double]] = [[], [], []]
        for seed in 1...8 {
            let simulation = Simulation(config: TestWorlds.priorityDispatch(
                perHour: 24, grades: shares, officers: 10, onSceneMean: "1200s", hours: 1500, seed: UInt64(seed)))
            var created: [IncidentID: (SimTime, Int)] = [:]
            var sums = [0.0, 0.0, 0.0], counts = [0.0, 0.0, 0.0]
            simulation.observers.append { time, event in
                switch event {
                case let .incidentCreated(id, opening): created[id] = (time, opening.grade.rawValue - 1)
                case let .unitAssigned(_, id, _, _, _):
                    if let (t, g) = created.removeValue(forKey: id), t >= 10 * Clock.hour {
                        sums[g] += Double(time - t) / 1000
                        counts[g] += 1
                    }
                default: break
                }
            }
            simulation.runToEnd()
            for g in 0..<3 { perGrade[g].append(sums[g] / counts[g]) }
        }
        for g in 0..<3 {
            let e = Estimate(perGrade[g])
            #expect(e.agrees(with: theory[g]), "grade \(g + 1): wait \(e) vs Cobham \(theory[g])")
        }
        // Priority really is given: grade 1 waits far less than grade 3.
        #expect(Estimate(perGrade[0]).mean * 3 < Estimate(perGrade[2]).mean)
    }

    @Test("Arrivals per hour are Poisson with the configured rate")
    func poissonArrivals() {
        let config = TestWorlds.callQueue(perHour: 30, handlers: 50, handlingMean: "60s",
                                          patience: "never", hours: 3000, seed: 7)
        let simulation = Simulation(config: config)
        var counts = Array(repeating: 0, count: 3000)
        simulation.observers.append { time, event in
            if case .callArrived = event { counts[Int(time / Clock.hour)] += 1 }
        }
        simulation.runToEnd()
        let n = Double(counts.count)
        let mean = Double(counts.reduce(0, +)) / n
        let variance = counts.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / (n - 1)
        // Mean 30 with standard error sqrt(30/3000) = 0.1; a Poisson variance equals its mean.
        #expect(abs(mean - 30) < 0.4, "mean per hour \(mean)")
        #expect(abs(variance / mean - 1) < 0.1, "dispersion \(variance / mean)")
        // Chi-square against Poisson(30) over bins of counts.
        let bins: [ClosedRange<Int>] = [0...21, 22...24, 25...26, 27...28, 29...30, 31...32, 33...34, 35...37, 38...100]
        var chi = 0.0
        for bin in bins {
            let observed = Double(counts.filter { bin.contains($0) }.count)
            let expected = n * bin.reduce(0.0) { $0 + poisson($1, 30) }
            chi += (observed - expected) * (observed - expected) / expected
        }
        // 8 degrees of freedom: the 99.9% point is 26.1.
        #expect(chi < 26.1, "chi-square \(chi)")
    }

    @Test("Demand follows the hour-of-day profile")
    func profileShapesDemand() throws {
        var config = TestWorlds.callQueue(perHour: 20, handlers: 50, handlingMean: "60s",
                                          patience: "never", hours: 24 * 200, seed: 3)
        var hours = Array(repeating: 1.0, count: 24)
        hours[20] = 3; hours[4] = 0.5
        config.profile = DemandProfile(hours: hours, days: Array(repeating: 1, count: 7), weekendNightFactor: 1)
        let simulation = Simulation(config: config)
        var byHour = Array(repeating: 0, count: 24)
        simulation.observers.append { time, event in
            if case .callArrived = event { byHour[Int(time % Clock.day / Clock.hour)] += 1 }
        }
        simulation.runToEnd()
        let perDay = byHour.map { Double($0) / 200 }
        #expect(abs(perDay[20] - 60) < 3, "20:00 hour \(perDay[20])")
        #expect(abs(perDay[4] - 10) < 1.5, "04:00 hour \(perDay[4])")
        #expect(abs(perDay[12] - 20) < 2, "12:00 hour \(perDay[12])")
    }

    func poisson(_ k: Int, _ λ: Double) -> Double {
        exp(Double(k) * log(λ) - λ - lgamma(Double(k) + 1))
    }
}

import Foundation
