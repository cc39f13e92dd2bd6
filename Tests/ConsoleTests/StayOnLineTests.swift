import Console
import ReadModel
import DispatchEngine
import Testing

/// Staying on the line after creating the incident: the call goes on, the caller keeps talking,
/// the handler says help is coming and notes what is said, and ends the call when units arrive.
@Suite("Staying on the line")
struct StayOnLineTests {
    /// On a genuine spoken call, the form filled for a grade 1 at the caller's true place.
    func filledGradeOne() throws -> ConsoleFixture {
        let c = ConsoleFixture(role: .callHandler)
        while true {
            c.waitForRinging()
            if let id = c.floor.world.nextCallToAnswer(), let call = c.floor.world.call(id),
               !call.draw.silent, call.draw.isGenuine, call.line == .emergency { break }
            _ = c.floor.simulation.step(limit: c.floor.config.duration)
        }
        c.act(.character("n"))
        let call = try #require(c.floor.call(at: c.state.handlerSeat))
        c.actTyping(c.floor.placeName(call.draw.place))
        c.act(.enter)
        c.actTyping(c.floor.typeName(call.draw.type))
        c.act(.enter)
        c.actTyping("1")
        for _ in 0..<6 { c.actTyping("none"); c.act(.down) }
        return c
    }

    @Test("F3 creates the incident and keeps the caller: their words go on, h says help is coming, i notes into the incident, x ends once units are there")
    func stayUntilUnitsArrive() throws {
        let c = try filledGradeOne()
        let seat = try #require(c.state.handlerSeat)
        let effects = c.act(.function(3))
        guard case .execute(.decideCall(_, .incident(_, .immediate, _, _, true)))? = effects.first else {
            Issue.record("F3 should create and stay: \(effects)"); return
        }
        let call = try #require(c.floor.call(at: seat), "the call goes on")
        _ = call
        let id = try #require(c.floor.onTheLine(at: seat)?.incident)
        let reference = try #require(c.floor.world.incident(id)?.reference)
        #expect(c.state.mode == .call)
        #expect(c.screen.contains("On the line while officers travel"))
        #expect(c.screen.contains(Floor.reference(reference)))
        // Nothing else can be decided on it now.
        #expect(c.command("advice").isEmpty || c.floor.call(at: seat) != nil)
        c.act(.character("h"))
        #expect(c.screen.contains("You: Help is on the way"))
        c.advance(seconds: 25)
        #expect(c.screen.contains("Caller: "))
        // i: the command line ready to note into the incident.
        c.act(.character("i"))
        #expect(c.state.mode == .command && c.state.input.hasPrefix("note \(Floor.reference(reference)) caller says: "))
        c.actTyping("he has locked himself in")
        c.act(.enter)
        let story = c.floor.incidents.entry(reference: reference)?.narrative.map { NarrativeWords.of($0.fact, c.floor) } ?? []
        #expect(story.contains { $0.contains("he has locked himself in") })
        // Ending before anyone is there asks first.
        if (c.floor.world.incident(id)?.firstArrivedAt ?? -1) < 0 {
            c.state.mode = .call
            c.act(.character("x"))
            #expect(c.screen.contains("No unit is with the caller yet"))
            c.act(.character("n"))
            #expect(c.floor.call(at: seat) != nil)
        }
        var waited = 0
        while (c.floor.world.incident(id)?.firstArrivedAt ?? -1) < 0, waited < 7200 { c.advance(seconds: 30); waited += 30 }
        c.advance(seconds: 5)
        c.state.mode = .call
        Update.drawn(&c.state, c.floor)
        #expect(c.screen.contains("the police are here"))
        c.act(.character("x"))
        #expect(c.floor.call(at: seat) == nil, "the call ends")
    }

    @Test("The engine refuses a second decision on a call stayed on, and ends only such a call")
    func engineRules() throws {
        let c = try filledGradeOne()
        let seat = try #require(c.state.handlerSeat)
        #expect(throws: CommandRefusal.notStayingOnLine) { try c.floor.simulation.execute(.endCall(seat)) }
        Effects.carryOut(c.press(.function(3)), &c.state, c.floor)
        #expect(throws: CommandRefusal.callAlreadyDecided) { try c.floor.simulation.execute(.decideCall(seat, .noResponse)) }
        let before = c.floor.simulation.statistics.handlerBusy
        c.advance(seconds: 120)
        try c.floor.simulation.execute(.endCall(seat))
        #expect(c.floor.simulation.statistics.handlerBusy >= before + 120 * Clock.second, "time on the line counts as work")
    }
}

/// Joint response and the other outcomes of a call, each a record.
@Suite("Joint response and call outcomes")
struct JointResponseTests {
    @Test("Police attend, ambulance informed: t on a call stayed on tells the ambulance service, whose reference goes on the record")
    func ambulanceInformed() throws {
        let c = try StayOnLineTests().filledGradeOne()
        Effects.carryOut(c.press(.function(3)), &c.state, c.floor)
        let seat = try #require(c.state.handlerSeat)
        let id = try #require(c.floor.onTheLine(at: seat)?.incident)
        let effects = c.act(.character("t"))
        #expect(effects == [.execute(.inform(id, .ambulance))])
        #expect(c.floor.call(at: seat) != nil, "informing is not a transfer: still on the line")
        #expect(c.screen.contains("ambulance informed, their ref AMB-00001"))
        let reference = try #require(c.floor.world.incident(id)?.reference)
        let story = c.floor.incidents.entry(reference: reference)?.narrative.map { NarrativeWords.of($0.fact, c.floor) } ?? []
        #expect(story.contains("ambulance informed, their reference AMB-00001"))
        #expect(throws: CommandRefusal.alreadyInformed) { try c.floor.simulation.execute(.inform(id, .ambulance)) }
    }

    @Test("A crime recorded on the phone gives the caller a crime number; signposting and Right Care, Right Person end the call as their own outcomes")
    func outcomes() throws {
        let c = try StayOnLineTests().filledGradeOne()
        let seat = try #require(c.state.handlerSeat)
        c.act(.escape, .character("p"))
        #expect(c.screen.contains("Record a crime on the phone"))
        c.actTyping("caller wants a crime number only")
        c.act(.enter)
        #expect(c.floor.call(at: seat) == nil)
        #expect(c.state.message?.contains(/Crime number CR\/\d{6} for the caller/) == true, "\(c.state.message ?? "")")
        // The next calls: signposted, and handed to health.
        for (command, outcome) in [("signpost council", CallOutcome.signposted), ("rcrp", .rightCare)] {
            c.waitForRinging()
            c.act(.character("n"), .escape)
            var ended: CallOutcome?
            c.floor.simulation.observers.append { _, event in if case let .callHandled(_, o, _) = event, ended == nil { ended = o } }
            c.command(command)
            c.actTyping("not a police matter")
            c.act(.enter)
            #expect(ended == outcome, "\(command)")
        }
        #expect(c.command("signpost bogus").isEmpty)
    }
}
