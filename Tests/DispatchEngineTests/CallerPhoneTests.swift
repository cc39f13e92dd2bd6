import Testing
@testable import DispatchEngine
import Scenario

/// The caller's line (CLI) and location: drawn for generated calls as UK lines behave, written for
/// scripted ones, and a place given far from the truth sends officers where nobody called.
@Suite("Caller's number and location")
struct CallerPhoneTests {
    func defaultConfig() throws -> WorldConfig { Scenario.builtInDefault().config }

    @Test("Generated 999 calls: about three in four from mobiles, most with an AML fix whose circle holds the truth; 101 withheld sometimes; landlines carry a subscriber address")
    func drawnLines() throws {
        let config = try defaultConfig()
        var mobile = 0, fixes = 0, inside = 0, landline = 0, withheld999 = 0, withheld101 = 0, subscriberHere = 0
        let n = 4000
        for number in 0..<Int64(n) {
            for line in Line.allCases {
                let place = Int32(number % Int64(config.places.count))
                let p = CallerPhone.drawn(seed: config.seed, number: number, line: line, relation: .victim, place: place, config: config)
                #expect(p == CallerPhone.drawn(seed: config.seed, number: number, line: line, relation: .victim, place: place, config: config),
                        "the same call draws the same line")
                switch (line, p.kind) {
                case (.emergency, .mobile):
                    mobile += 1
                    if p.hasFix {
                        fixes += 1
                        let off = p.fix.distance(to: config.places[Int(place)].position) * 1000
                        if off <= p.accuracy { inside += 1 }
                        #expect(p.fixAfter > 0 && p.fixAfter < Clock.minute, "a fix comes within the first minute, never at the answer")
                    }
                case (.emergency, .landline):
                    landline += 1
                    if p.subscriber == place { subscriberHere += 1 }
                case (.emergency, .withheld): withheld999 += 1
                case (.nonEmergency, .withheld): withheld101 += 1
                case (.nonEmergency, .mobile): #expect(!p.hasFix, "AML is sent for 999 calls only")
                default: break
                }
            }
        }
        #expect(withheld999 == 0, "999 always shows the number")
        #expect((0.68...0.80).contains(Double(mobile) / Double(n)))
        #expect((0.82...0.93).contains(Double(fixes) / Double(mobile)), "about one mobile 999 call in eight sends no fix")
        #expect(inside == fixes, "the truth is inside every fix's circle")
        #expect(Double(subscriberHere) / Double(landline) > 0.7, "victims ring from home")
        #expect((0.06...0.14).contains(Double(withheld101) / Double(n)))
    }

    @Test("A scripted call's phone as written: mobile with a fix of a given radius and time, landline with its subscriber, withheld; errors located")
    func scripted() throws {
        let source = ScriptedWorld.yaml(script: """
        - at: 1m
          call: {name: lost, line: 999, type: concern for safety, grade: 1, place: "14 Birch Close",
                 phone: {kind: mobile, number: "07700 900456", location: {accuracy: 400m, after: 9s, centre: "Market Square"}}}
        - at: 2m
          call: {name: home, line: 101, type: concern for safety, grade: 2, place: "Market Square",
                 phone: {kind: landline, subscriber: "22 Mill Lane"}}
        - at: 3m
          call: {name: shy, line: 101, type: concern for safety, grade: 2, place: "Market Square", phone: withheld}
        - at: 4m
          call: {name: nofix, line: 999, type: concern for safety, grade: 1, place: "Market Square", phone: {location: none}}
        """)
        let config = try Scenario.parse(text: source, file: "t.yaml").config
        let calls = config.script.calls
        #expect(calls[0].phone == ScriptedPhone(kind: .mobile, number: "07700 900456", accuracy: 400, fixAfter: 9 * Clock.second, centre: 2))
        #expect(calls[1].phone?.subscriber == 1)
        #expect(calls[2].phone?.kind == .withheld)
        #expect(calls[3].phone == ScriptedPhone(kind: .mobile, accuracy: nil))
        // Rung, the first shows its fix centred on the place written, the radius and the time.
        let sim = Simulation(config: config)
        var draws: [CallerPhone] = []
        sim.observers.append { _, event in
            if case let .callArrived(_, number, line, draw) = event { draws.append(CallerPhone.of(number: number, line: line, draw: draw, config: config)) }
        }
        sim.advance(to: 5 * Clock.minute)
        #expect(draws.count == 4)
        #expect(draws[0] == CallerPhone(kind: .mobile, fix: config.places[2].position, accuracy: 400, fixAfter: 9 * Clock.second))
        #expect(draws[1] == CallerPhone(kind: .landline, subscriber: 1))
        #expect(draws[3].hasFix == false)

        let bad = ScriptedWorld.yaml(script: """
        - at: 1m
          call: {name: a, line: 999, type: concern for safety, grade: 1, place: "Market Square",
                 phone: {kind: mobil, location: {accuracy: far}}}
        - at: 2m
          call: {name: b, line: 999, type: concern for safety, grade: 1, place: "Market Square",
                 phone: {kind: landline, number: "call me", location: {accuracy: 40m}}}
        """)
        do {
            _ = try Scenario.parse(text: bad, file: "bad.yaml")
            Issue.record("a bad phone was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("phone should be one of mobile, landline, withheld, found 'mobil'"), "\(text)")
            #expect(text.contains("number 'call me' is not a phone number"), "\(text)")
            #expect(text.contains("only a mobile sends its location (AML)"), "\(text)")
            #expect(error.problems.allSatisfy { $0.description.hasPrefix("bad.yaml:") })
        }
    }

    /// The person's seat on the small town; a call answered.
    func answered() throws -> (Simulation, HandlerIndex, CallID) {
        var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
        config.callHandlers = []
        config.lines[0].patience = nil
        config.lines[0].duplicateShare = 0
        config.places[1].markers = []   // any unit may go to either place
        let sim = Simulation(config: config)
        let seat = HandlerIndex(sim.world.handlers.count)
        try sim.execute(.seatCallHandler)
        while sim.world.callsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        try sim.execute(.answerNext(seat))
        return (sim, seat, sim.world.handlers[Int(seat)].call!)
    }

    @Test("Officers sent to a place far from where it is find nobody who called, and clear with no trace; located again in time, they find it")
    func wrongPlace() throws {
        for correct in [false, true] {
            let (sim, seat, call) = try answered()
            let truth = sim.world.call(call)!.draw.place
            let wrong: Int32 = truth == 0 ? 1 : 0
            var radio: [RadioMessage] = [], results: [JobResult] = []
            sim.observers.append { _, event in
                if case let .radio(t) = event, t.direction == .toControl { radio.append(t.message) }
                if case let .unitCleared(_, _, result) = event { results.append(result) }
            }
            var created: IncidentID?
            sim.observers.append { _, event in if case let .incidentCreated(id, _) = event { created = created ?? id } }
            try sim.execute(.decideCall(seat, .incident(type: 2, grade: .immediate, place: wrong, assessment: .none)))
            let id = try #require(created)
            let record = try #require(sim.world.incident(id))
            #expect(record.misplaced, "1.4 km off is the wrong place")
            #expect(record.truePlace == truth)
            if correct {
                try sim.execute(.relocate(id, place: truth))
                #expect(sim.world.incident(id)?.misplaced == false)
                #expect(throws: CommandRefusal.samePlace) { try sim.execute(.relocate(id, place: truth)) }
            }
            var arrived = 0
            sim.observers.append { _, event in if case let .unitArrived(_, i) = event, i == id { arrived += 1 }
            }
            sim.advance(to: sim.now + 3 * Clock.hour)
            #expect(arrived > 0, "a unit went")
            #expect(radio.contains(.nothingFound) == !correct)
            if !correct { #expect(results.allSatisfy { $0 == .noTrace } && !results.isEmpty) }
        }
    }
}
