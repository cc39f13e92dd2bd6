import DispatchEngine
import Scenario
import ReadModel
import Testing

/// The dispatcher's commands as a person gives them: each one's effect, each refusal, and the
/// trace it leaves in the events and the narrative.
@Suite("Operator commands")
struct OperatorCommandTests {
    /// The small town with its automated dispatcher switched off: a person dispatches.
    func manualTown() throws -> (Simulation, IncidentLog) {
        let sim = try manualSmallTown()
        let narrative = IncidentLog()
        narrative.attach(to: sim)
        return (sim, narrative)
    }

    func waitingIncident(_ sim: Simulation, type: Int32) -> IncidentID { firstWaitingIncident(sim, type: type) }

    func unit(_ sim: Simulation, _ callsign: String) -> UnitIndex { sim.world.handle(forCallsign: callsign)! }

    func facts(_ n: IncidentLog, _ id: IncidentID) -> [NarrativeEntry.Fact] { n.narrative(of: id).map(\.fact) }

    @Test("With nobody dispatching, incidents wait; assigning sends the unit en route")
    func assign() throws {
        let (sim, narrative) = try manualTown()
        let fight = waitingIncident(sim, type: 0)
        sim.advance(to: sim.now + 10 * Clock.minute)
        #expect(sim.world.incident(fight)?.unitsAttached == 0, "nobody dispatches it")
        let t1 = unit(sim, "T1")
        let shown = try #require(sim.recommendations(for: fight).first { $0.unit == t1 }).eta
        try sim.execute(.assign(t1, fight))
        #expect(sim.world.units[Int(t1)].status == .enRoute)
        #expect(sim.world.units[Int(t1)].incident == fight)
        // The record says the estimate the recommendation showed (the journey itself may differ).
        #expect(facts(narrative, fight).contains(.unitDeployed(t1, eta: shown)))
        #expect(throws: CommandRefusal.unitAlreadyOnIncident) { try sim.execute(.assign(t1, fight)) }
    }

    @Test("Standing down frees the unit; the last unit off leaves the incident waiting, never lost")
    func standDown() throws {
        let (sim, narrative) = try manualTown()
        let fight = waitingIncident(sim, type: 0)
        let t1 = unit(sim, "T1"), arv = unit(sim, "ARV1")
        try sim.execute(.assign(t1, fight))
        #expect(throws: CommandRefusal.unitNotOnIncident) { try sim.execute(.standDown(arv, fight)) }
        try sim.execute(.standDown(t1, fight))
        #expect(sim.world.units[Int(t1)].status.isAvailable)
        #expect(sim.world.units[Int(t1)].incident == nil)
        let record = try #require(sim.world.incident(fight))
        #expect(record.unitsAttached == 0 && record.unitsWanted >= 1)
        #expect(facts(narrative, fight).contains(.unitStoodDown(t1)))
        #expect(Invariants.violations(in: sim.world).isEmpty)
    }

    @Test("Re-grading moves the target with the grade; grade 4 and the same grade are refused")
    func regrade() throws {
        let (sim, narrative) = try manualTown()
        let fight = waitingIncident(sim, type: 0)
        let before = try #require(sim.world.incident(fight))
        let other: Grade = before.grade == .immediate ? .priority : .immediate
        try sim.execute(.regrade(fight, other))
        let after = try #require(sim.world.incident(fight))
        #expect(after.grade == other)
        #expect(after.targetAt == after.createdAt + sim.config.targets.target(for: other, rural: false)!)
        #expect(facts(narrative, fight).contains(.regraded(other)))
        #expect(throws: CommandRefusal.sameGrade) { try sim.execute(.regrade(fight, other)) }
        #expect(throws: CommandRefusal.gradeFourIsAClosure) { try sim.execute(.regrade(fight, .resolution)) }
    }

    @Test("Notes go into the narrative; empty or overlong text is refused")
    func notes() throws {
        let (sim, narrative) = try manualTown()
        let fight = waitingIncident(sim, type: 0)
        try sim.execute(.addNote(fight, "  Caller says two males, one with a bottle  "))
        #expect(facts(narrative, fight).contains(.note("Caller says two males, one with a bottle")))
        #expect(throws: CommandRefusal.badText) { try sim.execute(.addNote(fight, "   ")) }
        #expect(throws: CommandRefusal.badText) { try sim.execute(.addNote(fight, String(repeating: "x", count: 501))) }
    }

    @Test("Closing needs the units off first and a real closing type")
    func close() throws {
        let (sim, narrative) = try manualTown()
        let fight = waitingIncident(sim, type: 0)
        let t1 = unit(sim, "T1")
        try sim.execute(.assign(t1, fight))
        #expect(throws: CommandRefusal.unitsStillAttached) { try sim.execute(.close(fight, closingType: 0, result: .adviceGiven)) }
        try sim.execute(.standDown(t1, fight))
        #expect(throws: CommandRefusal.noSuchIncidentType) { try sim.execute(.close(fight, closingType: 99, result: nil)) }
        try sim.execute(.close(fight, closingType: 2, result: .adviceGiven))
        #expect(!sim.world.isOpen(fight))
        #expect(facts(narrative, fight).last == .closed(closingType: 2, result: .adviceGiven))
        #expect(throws: CommandRefusal.incidentNotOpen) { try sim.execute(.addNote(fight, "too late")) }
    }

    @Test("Linking a duplicate: its callers and units move to the incident it duplicates, it closes as a duplicate and is judged no more")
    func link() throws {
        let (sim, narrative) = try manualTown()
        let kept = firstWaitingIncident(sim, type: 0)
        var dup: IncidentID?
        while dup == nil {
            _ = sim.step(limit: sim.config.duration)
            dup = sim.world.incidents.live.first { $0.0 != kept.slot && $0.1.type == 0 && $0.1.grade.deploys && $0.1.assisting == nil }
                .map { IncidentID(slot: $0.0, generation: sim.world.incidents.generations[Int($0.0)]) }
        }
        let duplicate = try #require(dup)
        let t1 = unit(sim, "T1")
        try sim.execute(.assign(t1, duplicate))
        while sim.world.units[Int(t1)].status != .atScene { _ = sim.step(limit: sim.config.duration) }
        let grade = Int(try #require(sim.world.incident(duplicate)).grade.rawValue) - 1
        let attendedBefore = sim.statistics.grades[grade].attended
        let keptRecord = try #require(sim.world.incident(kept)), dupRecord = try #require(sim.world.incident(duplicate))
        #expect(throws: CommandRefusal.sameIncident) { try sim.execute(.link(kept, into: kept)) }
        try sim.execute(.link(duplicate, into: kept))
        #expect(sim.world.incident(duplicate) == nil, "the duplicate is closed")
        #expect(sim.world.units[Int(t1)].incident == kept, "its unit is on the kept incident")
        #expect(sim.world.incident(kept)?.duplicateCalls == keptRecord.duplicateCalls + dupRecord.duplicateCalls + 1)
        #expect(sim.statistics.grades[grade].attended == attendedBefore - 1, "the duplicate's attendance is not counted")
        #expect(sim.statistics.incidentsLinked == 1)
        #expect(facts(narrative, duplicate).contains(.linkedAsDuplicate(of: keptRecord.reference)))
        #expect(facts(narrative, duplicate).contains(.closed(closingType: dupRecord.type, result: .duplicate)))
        #expect(facts(narrative, kept).contains(.duplicateJoined(dupRecord.reference, callers: Int(dupRecord.duplicateCalls) + 1)))
        #expect(throws: CommandRefusal.incidentNotOpen) { try sim.execute(.link(duplicate, into: kept)) }
        #expect(Invariants.violations(in: sim.world).isEmpty)
    }

    @Test("Passing warnings tells every unit on the incident, on the radio, and is recorded")
    func warnings() throws {
        let (sim, _) = try manualTown()
        var radio: [Transmission] = []
        sim.observers.append { _, event in if case let .radio(t) = event { radio.append(t) } }
        // 4 Elm Road carries 'violent to police'; find an incident there.
        var marked: IncidentID?
        while marked == nil {
            _ = sim.step(limit: sim.config.duration)
            for (slot, i) in sim.world.incidents.live where i.hasWarnings && i.grade.deploys && i.unitsAttached == 0 {
                marked = IncidentID(slot: slot, generation: sim.world.incidents.generations[Int(slot)])
            }
        }
        let id = marked!
        #expect(throws: CommandRefusal.noUnitsOnIncident) { try sim.execute(.passWarnings(id)) }
        let arv = unit(sim, "ARV1")
        try sim.execute(.assign(arv, id))
        try sim.execute(.passWarnings(id))
        #expect(sim.world.incident(id)?.warningsPassed == true)
        #expect(radio.contains { $0.unit == arv && $0.message == .warnings && $0.direction == .fromControl })
        sim.advance(to: sim.now + 30 * Clock.second)
        #expect(radio.contains { $0.unit == arv && $0.message == .received }, "the unit answers received")
    }

    @Test("Radio messages reach on-duty units, who acknowledge; off-duty units and empty text are refused")
    func messages() throws {
        let (sim, _) = try manualTown()
        var radio: [Transmission] = []
        sim.observers.append { _, event in if case let .radio(t) = event { radio.append(t) } }
        let t1 = unit(sim, "T1"), t2 = unit(sim, "T2")
        try sim.execute(.message(t1, "Return to station for a briefing"))
        #expect(radio.last?.message == .text("Return to station for a briefing"))
        sim.advance(to: sim.now + 20 * Clock.second)
        #expect(radio.last == Transmission(unit: t1, incident: nil, direction: .toControl, message: .received))
        #expect(throws: CommandRefusal.unitOffDuty) { try sim.execute(.message(t2, "hello")) }   // T2 books on at 23:00
        #expect(throws: CommandRefusal.badText) { try sim.execute(.message(t1, "")) }
        #expect(throws: CommandRefusal.noSuchUnit) { try sim.execute(.message(77, "hello")) }
    }

    @Test("An emergency stays pending until acknowledged; the time to acknowledge is recorded")
    func emergency() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 30 * Clock.day
        let sim = Simulation(config: config)
        while sim.world.pendingEmergencies.isEmpty && sim.step(limit: config.duration) {}
        // A person takes the dispatcher's seat as the alarm sounds: the engine does not acknowledge.
        sim.dispatcher = nil
        try #require(!sim.world.pendingEmergencies.isEmpty)
        let pending = sim.world.pendingEmergencies[0]
        let other = UnitIndex((Int(pending.unit) + 1) % config.units.count)
        #expect(throws: CommandRefusal.noEmergency) { try sim.execute(.acknowledgeEmergency(other)) }
        sim.advance(to: sim.now + 45 * Clock.second)
        #expect(sim.world.pendingEmergencies.contains { $0.unit == pending.unit })
        try sim.execute(.acknowledgeEmergency(pending.unit))
        #expect(!sim.world.pendingEmergencies.contains { $0.unit == pending.unit })
        #expect(sim.statistics.emergencyAcknowledgement.count == 1)
        #expect(sim.statistics.emergencyAcknowledgement.maximum >= 45 * Clock.second)
    }

    @Test("Refreshments: booked on when owed and free, booked off early; refused otherwise")
    func refreshments() throws {
        let (sim, _) = try manualTown()
        let t2 = unit(sim, "T2")
        #expect(throws: CommandRefusal.unitOffDuty) { try sim.execute(.startRefreshments(t2)) }
        sim.advance(to: 2 * Clock.hour)   // T2 on since 23:00, a 8 h shift: 45 min owed
        try sim.execute(.startRefreshments(t2))
        #expect(sim.world.units[Int(t2)].status == .refreshments)
        try sim.execute(.endRefreshments(t2))
        #expect(sim.world.units[Int(t2)].status.isAvailable)
        #expect(throws: CommandRefusal.notOnRefreshments) { try sim.execute(.endRefreshments(t2)) }
        #expect(throws: CommandRefusal.noRefreshmentsOwed) { try sim.execute(.startRefreshments(t2)) }
        let t1 = unit(sim, "T1")   // on duty throughout, no shift: no break owed
        #expect(throws: CommandRefusal.noRefreshmentsOwed) { try sim.execute(.startRefreshments(t1)) }
    }

    @Test("The automated dispatcher acknowledges alarms in its areas within seconds")
    func automatedAcknowledges() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 30 * Clock.day
        let sim = Simulation(config: config)
        while sim.statistics.emergencyAcknowledgement.count < 3 && sim.step(limit: config.duration) {}
        #expect(sim.statistics.emergencyAcknowledgement.count >= 3)
        #expect(sim.statistics.emergencyAcknowledgement.maximum <= 10 * Clock.second)
    }

    @Test("Stacking with a reason is recorded; grade 4 cannot be stacked")
    func stack() throws {
        let (sim, narrative) = try manualTown()
        let fight = waitingIncident(sim, type: 0)
        // A fight needs no specialist: that reason is refused, another is kept.
        #expect(throws: CommandRefusal.noSpecialistNeeded) { try sim.execute(.stack(fight, reason: .awaitingSpecialist)) }
        try sim.execute(.stack(fight, reason: .other))
        #expect(sim.world.incident(fight)?.stacked == true && sim.world.incident(fight)?.stackReason == .other)
        #expect(facts(narrative, fight).contains(.stacked(.other)))
    }
}

@Suite("Welfare checks")
struct WelfareTests {
    @Test("Units at scene fall due for a check: sooner single-crewed or on violence; a check resets it and the unit answers")
    func checks() throws {
        let sim = try manualSmallTown()
        let config = sim.config
        var radio: [Transmission] = []
        sim.observers.append { _, event in if case let .radio(t) = event { radio.append(t) } }
        // A fight (violent), attended by the single-crewed T1.
        let fight: IncidentID? = firstWaitingIncident(sim, type: 0)
        let t1 = sim.world.handle(forCallsign: "T1")!
        #expect(throws: CommandRefusal.notAtScene) { try sim.execute(.welfareCheck(t1)) }
        try sim.execute(.assign(t1, fight!))
        while sim.world.units[Int(t1)].status != .atScene { _ = sim.step(limit: config.duration) }
        let arrived = sim.now
        #expect(sim.world.units[Int(t1)].welfareDueAt == arrived + 15 * Clock.minute, "violent: every 15 minutes")
        // The fight's on-scene time is 30 minutes: the check falls overdue after 15.
        sim.advance(to: arrived + 16 * Clock.minute)
        #expect(sim.world.welfareOverdue.contains(t1))
        try sim.execute(.welfareCheck(t1))
        #expect(!sim.world.welfareOverdue.contains(t1))
        #expect(radio.last == Transmission(unit: t1, incident: fight, direction: .fromControl, message: .welfareCheck))
        sim.advance(to: sim.now + 10 * Clock.second)
        #expect(radio.last?.message == .allInOrder)
    }

    @Test("The engine checks on the units of the areas it dispatches, so none fall overdue")
    func automated() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 24 * Clock.hour
        let sim = Simulation(config: config)
        var checks = 0, worst: SimTime = 0
        sim.observers.append { _, event in
            if case let .radio(t) = event, t.message == .welfareCheck { checks += 1 }
        }
        while sim.step(limit: config.duration) {
            for u in sim.world.welfareOverdue { worst = max(worst, sim.now - sim.world.units[Int(u)].welfareDueAt!) }
        }
        #expect(checks > 20)
        #expect(worst == 0)
    }
}

@Suite("States booked on a unit's behalf")
struct StatusOnBehalfTests {
    @Test("State 6 when en route: booked now, attending when the journey gets it there, once; state 2 at scene clears the unit; impossible moves are refused")
    func states() throws {
        let sim = try manualSmallTown()
        var arrivals = 0
        sim.observers.append { _, event in if case .unitArrived = event { arrivals += 1 } }
        let job: IncidentID? = firstWaitingIncident(sim, type: 2)
        let pc = sim.world.handle(forCallsign: "PC1")!
        #expect(throws: CommandRefusal.statusNotAllowed(from: .atStation, to: .atScene)) { try sim.execute(.setStatus(pc, .atScene)) }
        try sim.execute(.assign(pc, job!))
        let due = sim.world.units[Int(pc)].arrivesAt
        #expect(due - sim.now > Simulation.nearlyThere, "a journey of some minutes")
        try sim.execute(.setStatus(pc, .atScene))
        #expect(sim.world.units[Int(pc)].status == .atScene)
        // Booked by control while still on its way: no attendance yet.
        #expect(sim.world.incident(job!)?.firstArrivedAt == -1)
        sim.advance(to: due)
        #expect(sim.world.incident(job!)?.firstArrivedAt == due, "attended when it got there")
        sim.advance(to: sim.now + 10 * Clock.minute)
        #expect(arrivals == 1, "the arrival happens once")
        try sim.execute(.setStatus(pc, .onPatrol))
        #expect(sim.world.units[Int(pc)].status == .onPatrol)
        #expect(sim.world.units[Int(pc)].incident == nil)
        try sim.execute(.setStatus(pc, .committedNotDeployable))
        #expect(!sim.world.units[Int(pc)].status.isAvailable)
        #expect(throws: CommandRefusal.statusNotAllowed(from: .committedNotDeployable, to: .prisonerEscort)) {
            try sim.execute(.setStatus(pc, .prisonerEscort))
        }
        try sim.execute(.setStatus(pc, .atStation))
        #expect(sim.world.units[Int(pc)].status.isAvailable)
        #expect(Invariants.violations(in: sim.world).isEmpty)
    }
}

/// Runs until an open, deployable incident of `type` exists that nobody is on, and returns it.
func firstWaitingIncident(_ sim: Simulation, type: Int32) -> IncidentID {
    while true {
        for (slot, incident) in sim.world.incidents.live where incident.type == type && incident.unitsAttached == 0 && incident.grade.deploys {
            return IncidentID(slot: slot, generation: sim.world.incidents.generations[Int(slot)])
        }
        guard sim.step(limit: sim.config.duration) else { fatalError("no waiting incident of type \(type)") }
    }
}

@Suite("A person in the call-handling seat")
struct CallHandlerSeatTests {
    /// The small town with no engine call handlers: every call waits for the person.
    func seatedTown() throws -> (Simulation, HandlerIndex) {
        var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
        config.callHandlers = []
        config.lines[0].patience = nil
        let sim = Simulation(config: config)
        let seat = HandlerIndex(sim.world.handlers.count)
        try sim.execute(.seatCallHandler)
        #expect(sim.world.handlers[Int(seat)].isPerson)
        return (sim, seat)
    }

    @Test("Calls wait for the person; answering takes the oldest; the person's grading makes the incident")
    func answerAndGrade() throws {
        let (sim, seat) = try seatedTown()
        #expect(throws: CommandRefusal.noCallWaiting) { try sim.execute(.answerNext(seat)) }
        while sim.world.callsWaiting < 2 { _ = sim.step(limit: sim.config.duration) }
        sim.advance(to: sim.now + 10 * Clock.minute)
        #expect(sim.world.callsWaiting >= 2, "nobody else answers")
        let oldest = sim.world.nextCallToAnswer()!
        try sim.execute(.answerNext(seat))
        #expect(sim.world.handlers[Int(seat)].call == oldest)
        #expect(throws: CommandRefusal.handlerBusy) { try sim.execute(.answerNext(seat)) }
        // Graded 2 and placed at Market Square, whatever the caller's hidden truth.
        let created = sim.world.incidentsCreated
        try sim.execute(.decideCall(seat, .incident(type: 1, grade: .priority, place: 0)))
        #expect(sim.world.incidentsCreated == created + 1)
        let made = sim.world.incidents.live.max { $0.element.reference < $1.element.reference }!.element
        #expect(made.grade == .priority && made.type == 1 && made.place == 0)
        #expect(sim.world.handlers[Int(seat)].call == nil)
        #expect(throws: CommandRefusal.handlerHasNoCall) { try sim.execute(.decideCall(seat, .transfer(.ambulance))) }
        #expect(Invariants.violations(in: sim.world).isEmpty)
    }

    @Test("Linking a duplicate, advice and transfer; bad decisions are refused and the caller stays on the line")
    func otherDecisions() throws {
        let (sim, seat) = try seatedTown()
        while sim.world.callsWaiting < 4 { _ = sim.step(limit: sim.config.duration) }
        try sim.execute(.answerNext(seat))
        try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: 1)))
        let open = sim.world.incidents.live.first { _ in true }!
        let existing = IncidentID(slot: open.slot, generation: sim.world.incidents.generations[Int(open.slot)])
        try sim.execute(.answerNext(seat))
        #expect(throws: CommandRefusal.noSuchIncidentType) { try sim.execute(.decideCall(seat, .incident(type: 9, grade: .scheduled, place: 0))) }
        #expect(throws: CommandRefusal.noSuchPlace) { try sim.execute(.decideCall(seat, .incident(type: 0, grade: .scheduled, place: 9))) }
        #expect(sim.world.handlers[Int(seat)].call != nil, "still on the call")
        try sim.execute(.decideCall(seat, .duplicate(of: existing)))
        #expect(sim.world.incident(existing)?.duplicateCalls == 1)
        try sim.execute(.answerNext(seat))
        let closedBefore = sim.world.incidentsClosed
        try sim.execute(.decideCall(seat, .advice(closingType: 2, place: 0)))
        #expect(sim.world.incidentsClosed == closedBefore + 1, "advice is recorded as a grade-4 incident, closed at once")
        var transferredTo: Agency?, theirs: String?
        sim.observers.append { _, event in if case let .callTransferred(_, agency, reference) = event { transferredTo = agency; theirs = reference } }
        try sim.execute(.answerNext(seat))
        try sim.execute(.decideCall(seat, .transfer(.fire)))
        #expect(transferredTo == .fire)
        #expect(theirs == "FRS-00001", "the fire control room's reference is recorded")
        #expect(sim.statistics.lines[0].outcomes[CallOutcome.advice.rawValue] == 1)
        #expect(sim.statistics.lines[0].outcomes[CallOutcome.transfer.rawValue] == 1)
        #expect(throws: CommandRefusal.notAPersonsSeat) { try sim.execute(.answerNext(seat + 1)) }
    }

    @Test("A call rings at the free person's seat first: the engine's handlers leave it and take the rest")
    func callsRingAtThePersonFirst() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 6 * Clock.hour
        for line in config.lines.indices { config.lines[line].patience = nil }
        let sim = Simulation(config: config)
        let seat = HandlerIndex(sim.world.handlers.count)
        try sim.execute(.seatCallHandler)
        sim.advance(to: 2 * Clock.hour)
        #expect(sim.world.handlers[Int(seat)].callsHandled == 0, "nobody answers for the person")
        #expect(sim.statistics.lines[0].answered + sim.statistics.lines[1].answered > 10, "the engine's handlers answer the others")
        // The next call to ring is left ringing at the free seat (for up to ten seconds).
        let answeredBefore = sim.statistics.lines[0].answered + sim.statistics.lines[1].answered
        while sim.world.callsWaiting == 0 { _ = sim.step(limit: sim.config.duration) }
        sim.advance(to: sim.now + 5 * Clock.second)
        #expect(sim.world.callsWaiting >= 1, "a call is left ringing at the free seat")
        #expect(sim.statistics.lines[0].answered + sim.statistics.lines[1].answered >= answeredBefore)
        let first = sim.world.nextCallToAnswer()!
        try sim.execute(.answerNext(seat))
        #expect(sim.world.handlers[Int(seat)].call == first)
        if !sim.world.freeHandlers.isEmpty { #expect(sim.world.callsWaiting == 0, "once the person is busy, the engine takes what was left") }
    }
}

/// The small town for a day with its automated dispatcher switched off: a person dispatches.
func manualSmallTown() throws -> Simulation {
    var config = try Scenario.parse(text: EngineBehaviourTests.smallTown, file: "small.yaml").config
    config.duration = 24 * Clock.hour
    let sim = Simulation(config: config)
    sim.dispatcher = nil
    return sim
}
