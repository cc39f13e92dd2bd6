import ReadModel
import Debrief
import DispatchEngine
import Foundation
import Journal
import Scenario
import Testing

/// The call-handling scenarios played badly by a trainee in the call handler's seat: the debrief
/// names each mistake and what it led to.
@Suite("Training: call handling played badly")
struct CallHandlingDebriefTests {
    /// A session in the call handler's seat: `play` acts on the simulation between steps of a
    /// few seconds (the engine dispatches).
    static func callHandler(_ file: String, path scenarioPath: String? = nil, play: (Simulation, HandlerIndex) throws -> Void) throws -> Debrief {
        let (scenario, path, simulation, recorder) = try DebriefTests.samsSession(file, trainee: "Casey", role: "call-handler",
                                                                                  scenarioPath: scenarioPath)
        let seat = HandlerIndex(simulation.world.handlers.count)
        try simulation.perform(.command(.seatCallHandler))
        while simulation.now < scenario.config.duration {
            simulation.advance(to: min(simulation.now + 2 * Clock.second, scenario.config.duration))
            try play(simulation, seat)
        }
        recorder.finish()
        return try Debrief.build(path: path)
    }

    func missed(_ d: Debrief, _ expectation: String) -> Debrief.Finding? {
        d.findings.first { !$0.met && $0.expectation.hasPrefix(expectation) }
    }

    @Test("10: the vague mobile caller placed at the market, not by the river: not located, and the officers found nobody")
    func wrongPlace() throws {
        var done = false
        let debrief = try Self.callHandler("10-vague-mobile-caller.yaml") { sim, seat in
            guard !done else { return }
            if sim.world.handlers[Int(seat)].call == nil, sim.world.nextCallToAnswer() != nil { try? sim.perform(.command(.answerNext(seat))) }
            guard sim.world.handlers[Int(seat)].call != nil else { return }
            let market = Int32(sim.config.places.firstIndex { $0.name == "Market Square, Hartley" }!)
            let violence = Int32(sim.config.incidentTypes.firstIndex { $0.name == "violence (not domestic)" }!)
            try sim.perform(.command(.decideCall(seat, .incident(type: violence, grade: .immediate, place: market))))
            done = true
        }
        let finding = try #require(missed(debrief, "located within 100 m"))
        #expect(finding.detail.contains("placed at Market Square, Hartley"))
        #expect(finding.detail.contains("m from where it was (Riverside car park)"))
        #expect(finding.detail.contains("went there and found nobody"), "\(finding.detail)")
        #expect((debrief.score ?? 100) < 80)
    }

    @Test("11: a trainee who never rings back the abandoned 999 misses it; the engine's handler rang her back only after the trainee's two minutes")
    func neverRungBack() throws {
        let debrief = try Self.callHandler("11-abandoned-999-genuine.yaml") { _, _ in }
        let finding = try #require(missed(debrief, "rung back within 1:30"))
        #expect(finding.yours && (finding.detail.contains("rung back by the engine's call handler after") || finding.detail.contains("never rung back")), "\(finding.detail)")
        #expect((debrief.score ?? 100) < 80)
    }

    @Test("11: rung back at once, answered, graded 1: everything met")
    func rungBackWell() throws {
        var created = false
        let debrief = try Self.callHandler("11-abandoned-999-genuine.yaml") { sim, seat in
            let world = sim.world
            if world.handlers[Int(seat)].call == nil, !world.callbacks.isEmpty {
                try sim.perform(.command(.ringBack(seat, number: nil)))
            }
            if world.handlers[Int(seat)].call == nil, world.nextCallToAnswer() != nil { try? sim.perform(.command(.answerNext(seat))) }
            guard let id = world.handlers[Int(seat)].call, let call = world.call(id) else { return }
            if call.ringBack, !created {
                let place = call.draw.place
                try sim.perform(.command(.decideCall(seat, .incident(type: call.draw.type, grade: .immediate, place: place))))
                created = true
            } else if !call.ringBack, sim.now - call.answeredAt > 30 * Clock.second {
                try sim.perform(.command(.decideCall(seat, .advice(closingType: call.draw.type, place: call.draw.place))))
            }
        }
        for finding in debrief.findings where !finding.met { Issue.record("\(finding.expectation): \(finding.detail)") }
        #expect(debrief.score == 100)
    }

    @Test("THRIVE left blank and the caller left alone: both named; every line recorded and staying on until officers came: both met")
    func thriveAndStaying() throws {
        for good in [false, true] {
            let debrief = try Self.callHandler("10-vague-mobile-caller.yaml") { sim, seat in
                let world = sim.world
                if world.handlers[Int(seat)].call == nil, world.nextCallToAnswer() != nil { try? sim.perform(.command(.answerNext(seat))) }
                guard let id = world.handlers[Int(seat)].call, let call = world.call(id) else { return }
                if let incident = world.onTheLine[id]?.incident {
                    if (world.incident(incident)?.firstArrivedAt ?? -1) >= 0 { try sim.perform(.command(.endCall(seat))) }
                    return
                }
                guard sim.now - call.answeredAt >= 30 * Clock.second else { return }
                let thrive = good ? ["attacked, bleeding", "head wound", "may lose consciousness", "suspects ran to town", "alone, injured", "stay on the line"]
                                  : ["attacked", "", "", "", "", ""]
                try sim.perform(.command(.decideCall(seat, .incident(type: call.draw.type, grade: .immediate, place: call.draw.place,
                                                                     assessment: Assessment(thrive: thrive), stay: good))))
            }
            let thrive = try #require(debrief.findings.first { $0.expectation == "every THRIVE line recorded" })
            let stayed = try #require(debrief.findings.first { $0.expectation == "stayed on the line until officers arrived" })
            #expect(thrive.met == good && stayed.met == good, "\(thrive.detail); \(stayed.detail)")
            if !good {
                #expect(thrive.detail.hasPrefix("left blank by you: harm, risk, investigation, vulnerability, engagement"))
                #expect(stayed.detail.contains("the caller was left alone"))
            }
        }
    }

    @Test("13: the chat about a lost phone closed with advice, the overdose it turned into never graded or sent to: both named, the score low")
    func chatClosedWithAdvice() throws {
        var done = false
        let debrief = try Self.callHandler("13-chat-reveals-risk.yaml") { sim, seat in
            guard !done else { return }
            let world = sim.world
            if world.contactsWaiting > 0 { try? sim.perform(.command(.takeContact(seat))) }
            guard let id = world.handlers[Int(seat)].call, let chat = world.call(id), chat.line == .chat,
                  sim.now - chat.answeredAt > 30 * Clock.second else { return }
            let lost = Int32(sim.config.incidentTypes.firstIndex { $0.name == "lost property" }!)
            try sim.perform(.command(.decideCall(seat, .advice(closingType: lost, place: chat.draw.place))))
            done = true
        }
        let graded = try #require(missed(debrief, "graded 1"))
        #expect(graded.detail.contains("4"), "\(graded.detail)")
        #expect(missed(debrief, "first unit sent") != nil)
        #expect(!debrief.findings.contains { $0.expectation.hasPrefix("first replied to within") && !$0.met }, "the chat was replied to in time")
        #expect(debrief.kpis.contains { $0.0.hasPrefix("chat first reply in standard") })
        #expect((debrief.score ?? 100) < 50)
    }

    @Test("12: a further caller with a knife linked but the incident left at grade 2: the regrade is missed")
    func notRegraded() throws {
        let debrief = try DebriefTests.idleDispatcherDebrief("12-second-caller-upgrades.yaml")
        let finding = try #require(missed(debrief, "re-graded to 1"))
        #expect(finding.detail.contains("never re-graded: it stayed grade 2"))
        #expect((debrief.score ?? 100) < 80, "played badly, the score is low")
    }
}

extension DebriefTests {
    static func idleDispatcherDebrief(_ file: String) throws -> Debrief { try Debrief.build(path: idleDispatcher(file)) }
}
