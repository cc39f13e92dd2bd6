/// Foresight: many possible futures of the floor forked from it as it stands, each run on by the
/// engine for the horizon, and what they show together: how likely a grade 1 is to pass its
/// target unattended, how many incidents will be waiting for units at each hour ahead, and how
/// many 999 calls will be answered within 10 seconds; as things are, and with each what-if.
/// Future `i` of every what-if draws from the same seed, so what differs between them is the
/// change, not the luck of the draw.
public struct Foresight: Sendable, Codable, Equatable {
    /// Where the floor was when the futures were forked from it.
    public var at: RunMark
    public var horizon: SimTime
    public var outlooks: [Outlook]

    public func outlook(_ whatIf: WhatIf) -> Outlook? { outlooks.first { $0.whatIf == whatIf } }

    /// The usual question: 200 futures of two hours.
    public static let futures = 200
    public static let horizon: SimTime = 2 * Clock.hour

    /// Looks ahead from `simulation` as it stands (read only; it may be a `snapshot`).
    public static func look(from simulation: Simulation, futures: Int = futures, horizon: SimTime = horizon,
                            whatIfs: [WhatIf] = WhatIf.allCases) -> Foresight {
        let at = simulation.mark
        let hours = Int((horizon + Clock.hour - 1) / Clock.hour)
        let outlooks = whatIfs.map { whatIf in
            var outlook = Outlook(whatIf: whatIf, futures: futures, stackedAtHour: Array(repeating: 0, count: hours))
            let lent = whatIf == .borrowUnit ? simulation.unitToBorrow() : nil
            let next = whatIf == .nextShiftEarly ? simulation.nextShift() : nil
            // A what-if that cannot change the window is said so, not run as if it could.
            switch whatIf {
            case .borrowUnit where lent == nil: outlook.cannot = .noUnitToLend
            case .nextShiftEarly where next == nil: outlook.cannot = .noShiftToCall
            case .nextShiftEarly where next!.startsAt - Clock.hour >= at.time + horizon: outlook.cannot = .shiftBeyondWindow(startsAt: next!.startsAt)
            default: break
            }
            guard outlook.cannot == nil else { outlook.futures = 0; return outlook }
            for i in 0..<futures {
                let future = simulation.fork(seed: seed(simulation.config.seed, at, future: i), whatIf: whatIf, lent: lent, next: next)
                outlook.add(run(future, for: horizon, hours: hours))
            }
            outlook.stackedAtHour = outlook.stackedAtHour.map { $0 / Double(max(futures, 1)) }
            return outlook
        }
        return Foresight(at: at, horizon: horizon, outlooks: outlooks)
    }

    /// Future `i`'s seed from the scenario's seed and the moment: the same moment gives the same
    /// futures, every time and on any machine.
    public static func seed(_ scenarioSeed: UInt64, _ at: RunMark, future i: Int) -> UInt64 {
        var mix = SplitMix64(state: scenarioSeed ^ 0xF02E_5167_0000_0000)
        mix.state ^= at.step &* 0x9E37_79B9_7F4A_7C15
        mix.state ^= UInt64(bitPattern: at.time) &* 0xBF58_476D_1CE4_E5B9
        mix.state ^= UInt64(i) &* 0x94D0_49BB_1331_11EB
        return mix.next()
    }

    /// What one future held.
    struct Future {
        var gradeOneLate = false
        var stackedAtHour: [Int] = []
        var calls999 = 0
        var answered999Within10s = 0
    }

    /// Counts as a fork runs (its only observer).
    private final class Tally {
        var watch: GradeOneWatch
        var ringing999: Set<CallID> = []
        var calls999 = 0, within10s = 0
        let lastCounted: SimTime
        init(_ world: World, lastCounted: SimTime) { watch = GradeOneWatch(openIn: world); self.lastCounted = lastCounted }
    }

    static func run(_ future: Simulation, for horizon: SimTime, hours: Int) -> Future {
        let start = future.now, end = start + horizon
        // A 999 call ringing in the last ten seconds has not had its ten seconds by the end.
        let tally = Tally(future.world, lastCounted: end - 10 * Clock.second)
        let world = future.world
        future.observers = [{ now, event in
            tally.watch.observe(event, world: world)
            switch event {
            case let .callArrived(id, _, line, _) where line == .emergency && now <= tally.lastCounted:
                tally.calls999 += 1
                tally.ringing999.insert(id)
            case let .callAnswered(id, _), let .callAbandoned(id):
                if tally.ringing999.remove(id) != nil, case .callAnswered = event,
                   let call = world.call(id), now - call.arrivedAt <= 10 * Clock.second {
                    tally.within10s += 1
                }
            default: break
            }
        }]
        var result = Future()
        for hour in 1...hours {
            future.advance(to: min(start + SimTime(hour) * Clock.hour, end))
            result.stackedAtHour.append(world.waitingForUnits)
        }
        result.gradeOneLate = tally.watch.missed(after: start, by: end, now: future.now)
        result.calls999 = tally.calls999
        result.answered999Within10s = tally.within10s
        return result
    }
}

/// Why a what-if cannot change the window looked at: no unit to lend, no shift to call in, or
/// the next shift starts so late that an hour early is still after the window.
public enum WhatIfLimit: Sendable, Equatable, Codable {
    case noUnitToLend
    case noShiftToCall
    case shiftBeyondWindow(startsAt: SimTime)
}

/// What the futures of one what-if show together.
public struct Outlook: Sendable, Equatable, Codable {
    public var whatIf: WhatIf
    public var futures: Int
    /// Set when the what-if cannot change the window (then no futures were run).
    public var cannot: WhatIfLimit?
    /// Futures in which a grade 1 passed its target unattended within the horizon.
    public var gradeOneLate = 0
    /// Mean incidents waiting for units at each hour ahead (0: an hour from now).
    public var stackedAtHour: [Double]
    /// 999 calls that rang in the futures, and those answered within 10 seconds.
    public var calls999 = 0
    public var answered999Within10s = 0

    /// The chance a grade 1 waits past its target in the horizon.
    public var gradeOneLateChance: Double { futures == 0 ? 0 : Double(gradeOneLate) / Double(futures) }
    /// The share of 999 calls answered within 10 s (nil: none rang).
    public var within10s: Double? { calls999 == 0 ? nil : Double(answered999Within10s) / Double(calls999) }
    /// 95 % intervals (Wilson) around each chance: what so many futures can and cannot tell.
    public var gradeOneLateInterval: (low: Double, high: Double)? { Wilson.interval(gradeOneLate, of: futures) }
    public var within10sInterval: (low: Double, high: Double)? { Wilson.interval(answered999Within10s, of: calls999) }

    mutating func add(_ future: Foresight.Future) {
        if future.gradeOneLate { gradeOneLate += 1 }
        for (h, n) in future.stackedAtHour.enumerated() { stackedAtHour[h] += Double(n) }
        calls999 += future.calls999
        answered999Within10s += future.answered999Within10s
    }
}

extension Simulation {
    /// A still copy of the floor as it stands, to fork futures from on another thread: the live
    /// simulation goes on, the copy does not move, and its futures are the live floor's.
    public func snapshot() -> Simulation {
        Simulation(forking: self, config: config, seed: config.seed)
    }
}

extension World {
    /// Incidents waiting for units with none on them (new or stacked; not those left until
    /// later, nor an officer's emergency, which has an alarm of its own).
    public var waitingForUnits: Int {
        var n = 0
        for (_, incident) in incidents.live where incident.grade.deploys && incident.unitsAttached == 0
            && incident.deferredUntil == nil && incident.assisting == nil && incident.result == nil {
            n += 1
        }
        return n
    }
}
