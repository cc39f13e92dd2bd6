import Testing
@testable import DispatchEngine
import Scenario

/// Abandoned 999 calls rung back: every one on the callback list, rung back by a free handler
/// (a person's seat first for two minutes), and ended as no answer, made by accident or genuine.
@Suite("Abandoned 999 calls rung back")
struct CallbackTests {
    @Test("Over four days of the default scenario the engine's handlers ring back every abandoned 999 call, within minutes; the genuine become incidents")
    func engineRingsBack() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 4 * Clock.day
        let sim = Simulation(config: config)
        var abandoned999: Set<Int64> = [], rungBack: [Int64: SimTime] = [:], hungUp: [Int64: SimTime] = [:]
        var ended: [Int64: CallOutcome] = [:], numbers: [CallID: Int64] = [:]
        sim.observers.append { time, event in
            switch event {
            case let .callArrived(id, number, _, _): numbers[id] = number
            case let .callAbandoned(id):
                if let n = numbers[id], sim.world.callbacks.contains(where: { $0.number == n }) { abandoned999.insert(n); hungUp[n] = time }
            case let .rungBack(id, number, _, _): rungBack[number] = time; numbers[id] = number
            case let .callHandled(id, outcome, _):
                if let n = numbers[id], rungBack[n] != nil { ended[n] = outcome }
            default: break
            }
        }
        sim.advance(to: config.duration)
        #expect(abandoned999.count >= 5, "the default days abandon some 999 calls: \(abandoned999.count)")
        let late = abandoned999.filter { hungUp[$0]! < config.duration - 30 * Clock.minute && rungBack[$0] == nil }
        #expect(late.isEmpty, "every abandoned 999 call is rung back: \(late.count) not")
        let delays = rungBack.compactMap { n, t in hungUp[n].map { t - $0 } }
        #expect(delays.allSatisfy { $0 >= 0 })
        #expect(ended.values.contains(.incident) || ended.values.contains(.duplicate), "a genuine caller's ring back becomes an incident")
        #expect(ended.values.contains(.noAnswer) || ended.values.contains(.accidental))
        let stats = sim.statistics
        #expect(stats.callbacksListed == abandoned999.count)
        #expect(stats.rungBack == rungBack.count)
        #expect(stats.ringBackNoAnswer + stats.ringBackAccidental + stats.ringBackGenuine == ended.count)
        #expect(sim.world.callbacks.count == stats.callbacksListed - stats.rungBack)
        #expect(Invariants.violations(in: sim.world).isEmpty)
    }

    /// The small town, a person seated, callers who hang up after 20 s.
    func seated() throws -> (Simulation, HandlerIndex) {
        try TestWorlds.seatedInSmallTown { config in
            config.lines[0].patience = .fixed(20 * Clock.second)
            config.lines[0].duplicateShare = 0
            config.lines[0].silentShare = 0
        }
    }

    @Test("A person's abandoned 999: on the list with its number; rung back it is on their line again as answered or not; x ends it as no answer or accidental")
    func personRingsBack() throws {
        let (sim, seat) = try seated()
        while sim.world.callbacks.isEmpty { _ = sim.step(limit: sim.config.duration) }
        let callback = sim.world.callbacks[0]
        #expect(callback.abandonedAt - callback.rangAt == 20 * Clock.second)
        #expect(throws: CommandRefusal.noCallbackWaiting) { try sim.execute(.ringBack(seat, number: callback.number + 1000)) }
        try sim.execute(.ringBack(seat, number: nil))
        let id = try #require(sim.world.handlers[Int(seat)].call)
        let call = try #require(sim.world.call(id))
        #expect(call.number == callback.number && call.ringBack && call.calledBack == callback.draw.answersCallBack)
        #expect(!sim.world.callbacks.contains { $0.number == callback.number }, "off the list once rung back")
        var outcome: CallOutcome?
        sim.observers.append { _, event in if case let .callHandled(_, o, _) = event { outcome = o } }
        try sim.execute(.decideCall(seat, .noResponse))
        #expect(outcome == (callback.draw.answersCallBack ? .accidental : .noAnswer))
        #expect(sim.statistics.rungBack == 1)
    }

    @Test("With a person seated the engine's handlers leave an abandoned 999 to them for two minutes, then ring it back themselves")
    func leftToPerson() throws {
        var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
        config.lines[0].patience = .fixed(1)
        config.lines[0].silentShare = 0
        let sim = Simulation(config: config)
        try sim.execute(.seatCallHandler)
        var hungUp: [Int64: SimTime] = [:], rung: [Int64: SimTime] = [:], numbers: [CallID: Int64] = [:]
        sim.observers.append { time, event in
            if case let .callArrived(id, number, _, _) = event { numbers[id] = number }
            if case let .callAbandoned(id) = event, let n = numbers[id] { hungUp[n] = time }
            if case let .rungBack(_, number, _, _) = event { rung[number] = time }
        }
        sim.advance(to: 4 * Clock.hour)
        #expect(!rung.isEmpty)
        #expect(rung.allSatisfy { n, t in t - hungUp[n]! >= Simulation.personCallbackLimit }, "none rung back by the engine within the person's two minutes")
    }
}
