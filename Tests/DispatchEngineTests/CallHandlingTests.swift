import Testing
@testable import DispatchEngine
import Scenario

/// The rest of a person's call handling: silent calls, what the handler records, leaving the seat,
/// the likely duplicates the engine offers, and the workload it counts.
@Suite("Call handling by a person")
struct CallHandlingTests {
    /// The small town with no engine call handlers, callers who never hang up, and the person
    /// seated: every call waits for them.
    func seated(silent: Double = 0) throws -> (Simulation, HandlerIndex) {
        try TestWorlds.seatedInSmallTown { config in
            config.lines[0].patience = nil
            config.lines[0].silentShare = silent
            config.lines[0].silentIncidentShare = 0.5
        }
    }

    func waitForCalls(_ sim: Simulation, _ n: Int) {
        while sim.world.callsWaiting < n { _ = sim.step(limit: sim.config.duration) }
    }

    @Test("A call rings at the person's free seat for 10 s at most; with the person on a call it goes to a free engine handler at once")
    func neverHeldHostage() throws {
        var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
        config.lines[0].patience = nil
        config.lines[1].patience = nil
        let sim = Simulation(config: config)
        let seat = HandlerIndex(sim.world.handlers.count)
        try sim.execute(.seatCallHandler)
        var rings: [CallID: SimTime] = [:], answered: [CallID: (SimTime, HandlerIndex)] = [:]
        sim.observers.append { time, event in
            if case let .callArrived(id, _, _, _) = event { rings[id] = time }
            if case let .callAnswered(id, handler) = event { answered[id] = (time, handler) }
        }
        // Nobody at the seat answers: every call is taken by an engine handler within 10 s of
        // ringing whenever one is free.
        sim.advance(to: 6 * Clock.hour)
        var heldLonger = 0, checked = 0
        for (id, rang) in rings {
            guard let (at, handler) = answered[id], handler != seat else { continue }
            checked += 1
            // Free engine handlers take it by the tenth second at the latest (later only if all were busy).
            if at - rang > Simulation.personRingLimit && sim.world.handlers.count > 1 { heldLonger += 1 }
        }
        #expect(checked > 10)
        #expect(Double(heldLonger) < Double(checked) * 0.2, "most calls taken by the tenth second: \(heldLonger) of \(checked) later")
        #expect(rings.keys.allSatisfy { answered[$0] != nil || sim.world.call($0)?.state == .waiting }, "no call vanishes")
        // None is left ringing past ten seconds while an engine handler is free (one used to
        // ring at the empty seat for as long as the person let it).
        let stuck = Line.allCases.map { sim.world.ringingLonger(than: Simulation.personRingLimit + 1, line: $0, now: sim.now) }.reduce(0, +)
        #expect(stuck == 0 || sim.world.freeHandlers.isEmpty, "\(stuck) calls ringing at the empty seat past 10 s")
        // The person takes a call: while they are on it, the next calls go to the engine at once.
        while sim.world.callsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        try sim.execute(.answerNext(seat))
        #expect(sim.world.handlers[Int(seat)].call != nil)
        let before = Set(answered.keys)
        sim.advance(to: sim.now + Clock.hour)
        let later = rings.filter { !before.contains($0.key) }.compactMap { id, rang in answered[id].map { $0.0 - rang } }
        #expect(!later.isEmpty)
        #expect(later.filter { $0 == 0 }.count * 2 > later.count, "with the person busy, calls are answered as they ring: \(later)")
    }

    @Test("A silent call: keep the line, ring back once (answered as the call's draw says), then close it")
    func silentCall() throws {
        let (sim, seat) = try seated(silent: 1)
        waitForCalls(sim, 1)
        try sim.execute(.answerNext(seat))
        let id = sim.world.handlers[Int(seat)].call!
        let draw = sim.world.call(id)!.draw
        #expect(draw.silent)
        try sim.execute(.keepLine(seat))
        #expect(sim.world.call(id)!.lineKept)
        try sim.execute(.callBack(seat))
        #expect(sim.world.call(id)!.calledBack == draw.answersCallBack)
        #expect(sim.world.call(id)!.calledBackAt == sim.now)
        #expect(throws: CommandRefusal.alreadyCalledBack) { try sim.execute(.callBack(seat)) }
        try sim.execute(.decideCall(seat, .noResponse))
        #expect(sim.statistics.lines[0].outcomes[CallOutcome.silentNoResponse.rawValue] == 1)
        #expect(throws: CommandRefusal.handlerHasNoCall) { try sim.execute(.keepLine(seat)) }
    }

    @Test("Keeping the line and calling back are refused on a call where the caller talks")
    func notSilent() throws {
        let (sim, seat) = try seated()
        waitForCalls(sim, 1)
        try sim.execute(.answerNext(seat))
        #expect(throws: CommandRefusal.notASilentCall) { try sim.execute(.keepLine(seat)) }
        #expect(throws: CommandRefusal.notASilentCall) { try sim.execute(.callBack(seat)) }
    }

    @Test("Silent calls that are real mostly press 55; accidental ones almost never do")
    func pressed55() throws {
        var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
        config.lines[0].silentShare = 1
        config.lines[0].silentIncidentShare = 0.5
        config.duration = 30 * Clock.day
        let sim = Simulation(config: config)
        var real = (calls: 0, pressed: 0), accidental = (calls: 0, pressed: 0)
        sim.observers.append { _, event in
            guard case let .callArrived(_, _, _, draw) = event else { return }
            if draw.outcome == .incident { real.calls += 1; real.pressed += draw.pressed55 ? 1 : 0 }
            else { accidental.calls += 1; accidental.pressed += draw.pressed55 ? 1 : 0 }
        }
        sim.runToEnd()
        #expect(real.calls > 500 && accidental.calls > 500)
        #expect(abs(Double(real.pressed) / Double(real.calls) - 0.7) < 0.06)
        #expect(Double(accidental.pressed) / Double(accidental.calls) < 0.1)
    }

    @Test("What the handler records goes on the incident, trimmed; text over 500 characters is refused")
    func assessment() throws {
        let (sim, seat) = try seated()
        var recorded: Assessment?
        sim.observers.append { _, event in if case let .incidentAssessed(_, a) = event { recorded = a } }
        waitForCalls(sim, 1)
        try sim.execute(.answerNext(seat))
        let long = Assessment(thrive: [String(repeating: "x", count: 501)])
        #expect(throws: CommandRefusal.badText) { try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: 1, assessment: long))) }
        #expect(sim.world.handlers[Int(seat)].call != nil, "the caller is still on the line")
        let a = Assessment(thrive: ["  knife seen ", "", "", "", "child in house", ""], vulnerability: [.child, .domesticAbuse],
                           caller: "Ann Lee, 07700 900111", narrative: "partner threatening her")
        try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: 1, assessment: a)))
        #expect(recorded?.thrive.first == "knife seen")
        #expect(recorded?.vulnerability == [.child, .domesticAbuse])
        #expect(recorded?.narrative == "partner threatening her")
    }

    @Test("Leaving the seat: refused while on a call; afterwards the seat takes no calls")
    func leaveSeat() throws {
        let (sim, seat) = try seated()
        waitForCalls(sim, 1)
        try sim.execute(.answerNext(seat))
        #expect(throws: CommandRefusal.handlerBusy) { try sim.execute(.leaveCallHandlerSeat(seat)) }
        try sim.execute(.decideCall(seat, .transfer(.ambulance)))
        try sim.execute(.leaveCallHandlerSeat(seat))
        #expect(sim.world.personSeats.isEmpty)
        #expect(throws: CommandRefusal.notAPersonsSeat) { try sim.execute(.leaveCallHandlerSeat(seat)) }
        #expect(throws: CommandRefusal.notAPersonsSeat) { try sim.execute(.answerNext(seat)) }
    }

    @Test("Likely duplicates: open incidents near the place, recent, of a related type; unrelated and far ones are not offered")
    func likelyDuplicates() throws {
        let (sim, seat) = try seated()
        waitForCalls(sim, 3)
        try sim.execute(.answerNext(seat))
        try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: 0)))   // fight, Market Square
        try sim.execute(.answerNext(seat))
        try sim.execute(.decideCall(seat, .incident(type: 2, grade: .scheduled, place: 0)))   // lost property, Market Square
        try sim.execute(.answerNext(seat))
        try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: 1)))   // fight, 4 Elm Road (1.4 km away)
        let fightHere = sim.likelyDuplicates(place: 0, type: 0)
        #expect(fightHere.count == 1)
        #expect(fightHere.first?.sameType == true && fightHere.first?.distance == 0)
        // "gun seen" is violent too: related to the fight; lost property is not.
        let gun = sim.likelyDuplicates(place: 0, type: 1)
        #expect(gun.count == 1 && gun.first?.sameType == false)
        // Without a type yet, everything near and recent.
        #expect(sim.likelyDuplicates(place: 0, type: nil).count == 2)
        // Past the duplicate window, nothing.
        sim.advance(to: sim.now + sim.config.duplicateWindow + Clock.minute)
        #expect(sim.likelyDuplicates(place: 0, type: 0).filter { sim.world.isOpen($0.incident) }.isEmpty)
    }

    @Test("Workload per operator: the person's calls and incidents, the engine's handlers' calls, and who dispatched first")
    func workload() throws {
        let (sim, seat) = try seated()
        waitForCalls(sim, 2)
        sim.advance(to: sim.now + 30 * Clock.second)
        try sim.execute(.answerNext(seat))
        sim.advance(to: sim.now + 90 * Clock.second)
        try sim.execute(.decideCall(seat, .incident(type: 2, grade: .scheduled, place: 0)))
        try sim.execute(.answerNext(seat))
        try sim.execute(.decideCall(seat, .transfer(.fire)))
        let person = sim.workload.byOperator[.you]!
        #expect(person.callsTaken == 2)
        #expect(person.incidentsCreated == 1)
        #expect(person.meanTimeOnCall == 45 * Clock.second)
        #expect(person.actions >= 4)
        sim.advance(to: sim.now + Clock.hour)
        let engine = sim.workload.byOperator[.automatedDispatcher]
        #expect((engine?.incidentsDispatched ?? 0) >= 1, "the engine dispatched the person's incident")
        #expect(engine?.meanTimeToDispatch != nil)
    }
}
