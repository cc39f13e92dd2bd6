import Testing
@testable import DispatchEngine
import Scenario

/// Live chat, e-mail and online reports: their own queues and standards, a digital desk that
/// holds several contacts at once, and a person's seat that takes a chat beside a phone call.
@Suite("Digital contact")
struct DigitalContactTests {
    @Test("A week of the default scenario: the digital desk holds up to three contacts at once, never more, and replies to chats, e-mails and online reports by their own standards")
    func desk() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 7 * Clock.day
        let sim = Simulation(config: config)
        var mostHeld = 0, phoneOnDigitalDesk = false
        sim.observers.append { _, event in
            if case let .callAnswered(id, handler) = event {
                let h = sim.world.handlers[Int(handler)]
                if h.desk == .digital {
                    mostHeld = max(mostHeld, h.held.count)   // observed once applied
                    if sim.world.calls[id.slot].line.isPhone { phoneOnDigitalDesk = true }
                }
            }
        }
        var violations: [String] = []
        while sim.now < config.duration {
            sim.advance(to: min(sim.now + 30 * Clock.minute, config.duration))
            violations += Invariants.violations(in: sim.world)
        }
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(!phoneOnDigitalDesk, "the digital desk answers no phone")
        #expect(mostHeld >= 1 && mostHeld <= config.contactsAtOnce, "held at most \(mostHeld)")
        let stats = sim.statistics
        for line in Line.digital {
            #expect(stats.lines[line.rawValue].offered > 0, "\(line.contact) has demand")
        }
        // E-mails that came in overnight, with the desk closed, waited past 30 minutes.
        let email = stats.lines[Line.email.rawValue]
        #expect(email.withinStandard < email.answered + email.abandoned)
        // Online reports mostly become crimes recorded with a number, and no deployment.
        let online = stats.lines[Line.onlineReport.rawValue]
        #expect(online.outcomes[CallOutcome.crimeReport.rawValue] > online.outcomes[CallOutcome.incident.rawValue])
        // The phones' own figures count no digital contact.
        #expect(stats.callsOffered == stats.lines[0].offered + stats.lines[1].offered)
    }

    /// The small town with a chat line and nobody on the digital desk: only the person replies.
    func seated(_ more: (inout WorldConfig) -> Void = { _ in }) throws -> (Simulation, HandlerIndex) {
        try TestWorlds.seatedInSmallTown { config in
            config.lines[Line.chat.rawValue] = LineConfig(callsPerHour: 20, patience: nil, handling: .fixed(10 * Clock.minute),
                                                          incidentShare: 0, adviceShare: 1)
            config.lines[0].silentShare = 0
            config.lines[0].duplicateShare = 0
            more(&config)
        }
    }

    @Test("At a person's seat: a phone call and chats held side by side, three chats at most; switching brings the next forward; a decision on the one in front brings the next held forward")
    func personHoldsSeveral() throws {
        let (sim, seat) = try seated()
        func handler() -> CallHandler { sim.world.handlers[Int(seat)] }
        while sim.world.callsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        try sim.execute(.answerNext(seat))
        let phone = try #require(handler().call)
        #expect(handler().onPhone)
        // A second phone call is refused while on one.
        while sim.world.contactsWaiting < 3 { _ = sim.step(limit: sim.config.duration) }
        for _ in 0..<3 { try sim.execute(.takeContact(seat)) }
        #expect(handler().held.count == 3, "the call and two chats held behind the third")
        #expect(sim.world.contactsHeld(by: seat) == 3)
        while sim.world.contactsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        #expect(throws: CommandRefusal.tooManyContacts) { try sim.execute(.takeContact(seat)) }
        #expect(throws: CommandRefusal.handlerBusy) { try sim.execute(.leaveCallHandlerSeat(seat)) }
        // Round the contacts back to the phone call.
        while handler().call != phone { try sim.execute(.switchContact(seat)) }
        let chatBehind = handler().held.first!
        try sim.execute(.decideCall(seat, .advice(closingType: 0, place: 0)))
        #expect(handler().call == chatBehind, "the next one held comes forward")
        #expect(!handler().onPhone)
        // Off the phone, the next call can be answered beside the chats.
        while sim.world.callsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        try sim.execute(.answerNext(seat))
        #expect(handler().onPhone && sim.world.contactsHeld(by: seat) == 3)
        #expect(Invariants.violations(in: sim.world).isEmpty)
    }

    @Test("An e-mail cannot be stayed on nor replied to as a chat; with nothing else held there is nothing to switch to; with nothing waiting nothing is taken")
    func refusals() throws {
        var (sim, seat) = try seated()
        #expect(throws: CommandRefusal.noOtherContact) { try sim.execute(.switchContact(seat)) }
        #expect(throws: CommandRefusal.noContactWaiting) { try sim.execute(.takeContact(seat)) }
        // The same contacts as e-mails.
        (sim, seat) = try seated { config in
            config.lines[Line.email.rawValue] = config.lines[Line.chat.rawValue]
            config.lines[Line.chat.rawValue] = .silent
        }
        while sim.world.contactsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        try sim.execute(.takeContact(seat))
        #expect(throws: CommandRefusal.cannotStayOnContact) {
            try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: 0, stay: true)))
        }
        // Replies are typed on a live chat only: an e-mail is answered by its outcome.
        #expect(throws: CommandRefusal.notAChat) { try sim.execute(.replyToChat(seat, "Thank you for your e-mail")) }
    }

    @Test("The contact whose standard runs out first is taken first: a chat (2 minutes) before an older e-mail (30)")
    func standardOrder() throws {
        let (sim, _) = try seated { config in
            config.lines[Line.email.rawValue] = LineConfig(callsPerHour: 20, patience: nil, handling: .fixed(Clock.minute), incidentShare: 0, adviceShare: 1)
            config.lines[0] = .silent; config.lines[1] = .silent
        }
        while sim.world.waitingCount[Line.email.rawValue] == 0 || sim.world.waitingCount[Line.chat.rawValue] == 0 {
            _ = sim.step(limit: sim.config.duration)
        }
        let next = try #require(sim.world.nextContactToAnswer())
        let chatDue = sim.world.waiting[Line.chat.rawValue].compactMap { sim.world.call($0) }.map { $0.arrivedAt + 2 * Clock.minute }.min()!
        let emailDue = sim.world.waiting[Line.email.rawValue].compactMap { sim.world.call($0) }.map { $0.arrivedAt + 30 * Clock.minute }.min()!
        #expect(sim.world.calls[next.slot].line == (chatDue <= emailDue ? .chat : .email))
    }

    @Test("The same scenario and seed give the same digital contacts, event for event")
    func deterministic() {
        var config = Scenario.builtInDefault().config
        config.duration = 8 * Clock.hour
        func run() -> [Event] {
            let sim = Simulation(config: config)
            var events: [Event] = []
            sim.observers.append { _, e in
                if case let .callArrived(_, _, line, _) = e, !line.isPhone { events.append(e) }
                if case .callAnswered = e { events.append(e) }
            }
            sim.advance(to: config.duration)
            return events
        }
        let a = run()
        #expect(a.contains { if case let .callArrived(_, _, line, _) = $0 { line == .chat } else { false } })
        #expect(a == run())
    }
}
