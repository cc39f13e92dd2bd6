import Console
import ReadModel
import DispatchEngine
import Foundation
import Testing

/// The call handler's console: the ringing queue, answering, the incident form with gazetteer
/// completion, the offered duplicates, and the decisions, each as the engine command it becomes.
@Suite("Call handler's console")
struct CallHandlerSeatTests {
    /// A call handler on the Friday night with a call on the line.
    func onACall(width: Int = 120, height: Int = 40, role: Role = .callHandler) -> ConsoleFixture {
        let c = ConsoleFixture(width: width, height: height, role: role)
        c.waitForRinging()
        c.act(.character("n"))
        return c
    }

    func cedarRoad(_ c: ConsoleFixture) -> Int32 {
        Int32(c.floor.config.places.firstIndex { $0.name.hasPrefix("14 Cedar Road") }!)
    }

    @Test("The seat is taken; the ringing queue lists 999 above 101 with waits; n answers and opens the call")
    func answering() throws {
        let c = ConsoleFixture(role: .callHandler)
        let seat = try #require(c.state.handlerSeat)
        #expect(c.floor.world.personSeats == [seat])
        c.waitForRinging()
        let ringing = c.floor.ringingCalls()
        #expect(c.screen.contains("Calls ringing"))
        #expect(c.screen.contains("#\(ringing[0].number)"))
        let effects = c.act(.character("n"))
        #expect(effects == [.execute(.answerNext(seat))])
        #expect(c.state.mode == .call)
        #expect(c.state.call?.callNumber == ringing[0].number)
        c.advance(seconds: 30)
        #expect(c.screen.contains("on the line"))
        #expect(c.screen.contains("Caller: ") || c.screen.contains("Silent"))
        // Esc leaves the form's typing, Esc again the call's screen; n goes back to it.
        c.act(.escape, .escape)
        #expect(c.state.mode == .normal)
        #expect(c.screen.contains("ON THE LINE"))
        c.act(.character("n"))
        #expect(c.state.mode == .call)
    }

    @Test("A dispatcher without a call-handling seat is told how to take one")
    func noSeat() {
        let c = ConsoleFixture()
        #expect(c.press(.character("n")).isEmpty)
        #expect(c.state.message?.contains(":take call-handler") == true)
        let effects = c.command("take call-handler")
        #expect(effects == [.callSeat(true)])
        #expect(c.state.role == .dispatcher, "the role changes once the seat is taken, not before")
        Effects.carryOut(effects, &c.state, c.floor)
        #expect(c.state.role == .all)
    }

    @Test("The call form's keys as a call handler expects: the Enter after typing a grade does not skip Threat; Down from the narrative does not wrap round to the location; a chosen place changed by typing is said")
    func formKeys() throws {
        let c = onACall()
        c.actTyping("cedar")
        c.act(.tab, .enter)
        c.actTyping("domes")
        c.act(.tab, .enter)
        c.actTyping("1")
        #expect(c.state.call?.field == .threat)
        c.act(.enter)
        #expect(c.state.call?.field == .threat, "the Enter after the grade stays on Threat")
        c.actTyping("partner has a knife")
        c.act(.enter)
        #expect(c.state.call?.field == .harm, "a second Enter moves on")
        for _ in 0..<12 { c.act(.down) }
        #expect(c.state.call?.field == .narrative, "Down stops at the last field")
        #expect(c.state.message?.contains("Narrative is the last field") == true)
        c.act(.down)
        #expect(c.state.call?.field == .narrative && c.state.call?.place == cedarRoad(c), "no wrap to the location; the place kept")
        for _ in 0..<12 { c.act(.up) }
        #expect(c.state.call?.field == .location)
        c.actTyping("x")
        #expect(c.state.message?.contains("Changing the location from 14 Cedar Road, Northfield") == true, "\(String(describing: c.state.message))")
    }

    @Test("Gazetteer completion chooses the place and shows its warnings and previous incidents; type and grade follow")
    func form() throws {
        let c = onACall()
        c.actTyping("cedar")
        #expect(c.screen.contains("14 Cedar Road, Northfield"), "the match is offered")
        c.act(.tab)
        #expect(c.state.call?.place == cedarRoad(c))
        #expect(c.screen.contains("! domestic abuse victim"))
        #expect(c.screen.contains("Previous here"))
        c.act(.enter)
        #expect(c.state.call?.field == .type)
        c.actTyping("domes")
        c.act(.tab, .enter)
        let domestic = Int32(c.floor.config.incidentTypes.firstIndex { $0.name == "domestic" }!)
        #expect(c.state.call?.type == domestic)
        c.actTyping("7")
        #expect(c.state.messageIsError && c.state.call?.grade == nil, "grades are 1-4")
        c.actTyping("1")
        #expect(c.state.call?.grade == .immediate)
        #expect(c.state.call?.field == .threat)
        c.actTyping("partner has a knife")
        // A grade 1 needs every THRIVE line considered.
        for _ in 0..<5 { c.act(.down); c.actTyping("none") }
        c.act(.down)
        #expect(c.state.call?.field == .flags)
        c.actTyping("15")
        #expect(c.state.call?.flags == [.child, .domesticAbuse])
        // Typing after a completion refines the search instead of editing the chosen name.
        c.act(.up, .up, .up, .up, .up, .up, .up, .up, .up)
        #expect(c.state.call?.field == .location)
        c.act(.backspace)
        #expect(c.state.call?.place == nil && c.state.call?.value(.location) == "cedar")
        c.act(.tab)
        let seat = try #require(c.state.handlerSeat)
        let effects = c.press(.function(2))
        guard case let .execute(.decideCall(s, .incident(type, grade, place, assessment, false)))? = effects.first else {
            Issue.record("F2 should create the incident: \(effects)")
            return
        }
        #expect(s == seat && type == domestic && grade == .immediate && place == cedarRoad(c))
        #expect(assessment.thrive.first == "partner has a knife")
        #expect(assessment.vulnerability == [.child, .domesticAbuse])
        #expect(!assessment.caller.isEmpty || c.floor.call(at: seat)!.draw.silent, "the caller's details come filled in")
        Effects.carryOut(effects, &c.state, c.floor)
        #expect(c.state.mode == .normal && c.state.call == nil)
        let reference = try #require(c.state.selectedIncident)
        #expect(c.state.message?.contains("Ref \(Floor.reference(reference))") == true)
        let (_, incident) = try #require(c.floor.incident(reference: reference))
        #expect(incident.grade == .immediate && incident.place == cedarRoad(c))
        // The supervisor's overview counts the person's work.
        c.act(.character("S"))
        let mine = c.screen.split(separator: "\n").first { $0.contains("you (call-handler)") }
        #expect(mine.map { $0.split(separator: " ").contains("1") } == true, "one call taken, one incident created")
    }

    @Test("Creating with the form incomplete says what is missing, goes to it, and sends nothing")
    func incomplete() {
        let c = onACall()
        #expect(c.press(.function(2)).isEmpty)
        #expect(c.state.messageIsError && c.state.message?.contains("location") == true)
        c.actTyping("cedar")
        c.act(.tab, .enter)
        #expect(c.press(.function(2)).isEmpty)
        #expect(c.state.call?.field == .type)
    }

    @Test("The engine's likely duplicates are offered once the place is chosen; a number links the call")
    func duplicates() throws {
        let c = onACall()
        c.actTyping("cedar")
        c.act(.tab, .enter)
        c.actTyping("domes")
        c.act(.tab, .enter)
        c.actTyping("2")
        // A grade 2 with a THRIVE line blank is not created, and says which.
        c.act(.function(2))
        #expect(c.state.messageIsError && c.state.message?.contains("THRIVE") == true && c.state.message?.contains("harm") == true)
        for i in 0..<6 { c.actTyping("none"); if i < 5 { c.act(.down) } }
        c.act(.function(2))
        let first = try #require(c.state.selectedIncident)
        c.waitForRinging()
        c.act(.character("n"))
        c.actTyping("cedar")
        c.act(.tab)
        #expect(c.screen.contains("Duplicates (Esc"))
        #expect(c.screen.contains("\(Floor.reference(first)) G2 domestic"))
        let seat = try #require(c.state.handlerSeat)
        let effects = c.act(.escape, .character("1"))
        let (id, _) = try #require(c.floor.incident(reference: first))
        #expect(effects == [.execute(.decideCall(seat, .duplicate(of: id)))])
        #expect(c.floor.world.incident(id)?.duplicateCalls == 1)
        #expect(c.state.mode == .normal)

        // A further caller graded graver than the incident: linking asks to re-THRIVE and regrade.
        c.waitForRinging()
        c.act(.character("n"))
        c.actTyping("cedar")
        c.act(.tab, .enter)
        c.actTyping("domes")
        c.act(.tab, .enter)
        c.actTyping("1")
        #expect(c.act(.escape, .character("1")).isEmpty)
        guard case let .confirm(question, _) = c.state.mode else { Issue.record("no question: \(c.state.mode)"); return }
        #expect(question.contains("regrade \(Floor.reference(first)) to 1"), "\(question)")
        c.act(.character("y"))
        #expect(c.floor.world.incident(id)?.grade == .immediate)
        #expect(c.floor.world.incident(id)?.duplicateCalls == 2)
    }

    @Test("Resolve, transfer and the silent-call keys become the engine's decisions; refusals keep the caller on the line")
    func decisions() throws {
        let c = onACall()
        let seat = try #require(c.state.handlerSeat)
        let silent = c.floor.call(at: seat)!.draw.silent
        c.act(.escape)
        #expect(c.press(.character("r")).isEmpty, "resolving needs the place and type")
        if !silent {
            c.act(.character("b"))
            #expect(c.state.messageIsError && c.state.message?.contains("silent") == true)
            #expect(c.state.mode == .call, "still on the call")
        }
        // Ending the call for good asks why first: nothing is done until the reason is given.
        #expect(c.press(.character("f")).isEmpty)
        #expect(c.state.mode.isReason)
        #expect(c.screen.contains("Transfer the call to fire?"))
        #expect(c.press(.enter).isEmpty && c.state.messageIsError && c.state.mode.isReason, "a reason is needed")
        c.type("smoke in the stairwell")
        #expect(c.press(.enter) == [.execute(.noteCall(seat, "smoke in the stairwell")), .execute(.decideCall(seat, .transfer(.fire)))])
        #expect(c.state.mode == .call)
        c.press(.character("t"))
        c.type("collapsed, not breathing")
        #expect(c.press(.escape).isEmpty, "Esc keeps the call")
        #expect(c.state.mode == .call && c.state.message?.contains("still on the call") == true)
        c.press(.character("t"))
        c.type("collapsed")
        #expect(c.press(.enter) == [.execute(.noteCall(seat, "collapsed")), .execute(.decideCall(seat, .transfer(.ambulance)))])
        c.press(.character("x"))
        c.type("no sound on the line")
        #expect(c.press(.enter) == [.execute(.noteCall(seat, "no sound on the line")), .execute(.decideCall(seat, .noResponse))])
        #expect(c.press(.character("l")) == [.execute(.keepLine(seat))])
        #expect(c.press(.character("b")) == [.execute(.callBack(seat))])
        #expect(c.command("transfer police").isEmpty && c.state.messageIsError)
        #expect(c.command("transfer ambulance").isEmpty && c.state.mode.isReason)
        c.type("fall")
        #expect(c.press(.enter) == [.execute(.noteCall(seat, "fall")), .execute(.decideCall(seat, .transfer(.ambulance)))])
        c.act(.character("e"))
        c.actTyping("cedar")
        c.act(.tab, .enter)
        c.actTyping("theft")
        c.act(.tab, .escape)
        #expect(c.act(.character("r")).isEmpty && c.state.mode.isReason)
        c.actTyping("advised to report online")
        let effects = c.act(.enter)
        #expect(effects.first == .execute(.noteCall(seat, "advised to report online")))
        guard case .execute(.decideCall(_, .advice(_, let place)))? = effects.last else {
            Issue.record("r should resolve on the phone: \(effects)")
            return
        }
        #expect(place == cedarRoad(c))
        #expect(c.state.call == nil, "the call is over")
    }

    @Test("Taking and handing back the call-handling seat while running")
    func seats() {
        let c = ConsoleFixture()
        c.state.role = .dispatcher
        let effects = c.command("take call-handler")
        Effects.carryOut(effects, &c.state, c.floor)
        #expect(c.state.handlerSeat != nil && c.state.role == .all)
        #expect(Layout.panes(for: c.state.role).contains(.calls))
        Effects.carryOut(c.command("handback call-handler"), &c.state, c.floor)
        #expect(c.state.handlerSeat == nil && c.state.role == .dispatcher)
        #expect(c.floor.world.personSeats.isEmpty)
    }

    @Test("Callers' words: the same call says the same thing; some are vague about where they are; each gives a name and number")
    func words() {
        let c = ConsoleFixture(hours: 0)
        var vague = 0, spoken = 0
        var seen: [Int64: [CallerWords.Utterance]] = [:]
        c.floor.simulation.observers.append { _, event in
            guard case let .callArrived(id, number, _, draw) = event, !draw.silent, draw.outcome == .incident,
                  let call = c.floor.world.call(id) else { return }
            var answered = call
            answered.answeredAt = call.arrivedAt
            let subject = CallerWords.Subject(type: draw.type, grade: draw.grade, place: draw.place)
            let words = CallerWords.heard(answered, subject: subject, config: c.floor.config, now: answered.arrivedAt + Clock.hour)
            seen[number] = words
            spoken += 1
            if !words.contains(where: { $0.text.contains(c.floor.config.places[Int(draw.place)].name) }) { vague += 1 }
            #expect(words.last?.text.contains(CallerDetails.contactNumber(answered, c.floor.config)) == true, "the number they give is the one shown")
            #expect(words.first?.speaker == .caller)
        }
        c.floor.simulation.advance(to: 48 * Clock.hour)
        #expect(spoken > 100)
        #expect(Double(vague) / Double(spoken) > 0.1 && Double(vague) / Double(spoken) < 0.4)
        let again = ConsoleFixture(hours: 0)
        var same = true
        again.floor.simulation.observers.append { _, event in
            guard case let .callArrived(id, number, _, draw) = event, let before = seen[number], var call = again.floor.world.call(id) else { return }
            call.answeredAt = call.arrivedAt
            let words = CallerWords.heard(call, subject: CallerWords.Subject(type: draw.type, grade: draw.grade, place: draw.place),
                                          config: again.floor.config, now: call.arrivedAt + Clock.hour)
            if words != before { same = false }
        }
        again.floor.simulation.advance(to: 48 * Clock.hour)
        #expect(same)
    }
}
