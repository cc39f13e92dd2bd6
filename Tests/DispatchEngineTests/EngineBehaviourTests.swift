import DispatchEngine
import Scenario
import Testing

/// What a dispatcher would notice about how the engine runs the floor.
@Suite("Engine behaviour")
struct EngineBehaviourTests {
    static let smallTown = """
    name: small town
    start: 2026-11-27 22:00
    duration: 8h
    seed: 5
    area:
      areas: [{name: Town}]
      stations: [{name: Town Station, at: [0, 0], area: Town}]
      places:
        - {name: Market Square, at: [1, 0], area: Town}
        - {name: 4 Elm Road, at: [2, 1], area: Town, markers: [violent to police]}
    roster:
      units:
        - {callsign: T1, kind: response, station: Town Station, skills: [taser]}
        - {callsign: T2, kind: response, station: Town Station, shift: "23:00-07:00"}
        - {callsign: PC1, kind: pcso, station: Town Station}
        - {callsign: ARV1, kind: armed, station: Town Station}
      call_handlers: 2
    demand:
      "999":
        calls_per_hour: 4
        handling: 2m
        duplicate: 20
        outcomes: {incident: 100}
    incident_types:
      - {name: fight, share: 50, grades: [60, 40, 0, 0], handling: 2m, on_scene: 30m, violent: true}
      - {name: gun seen, share: 10, grades: [100, 0, 0, 0], handling: 2m, on_scene: 30m, requires: [firearms], violent: true}
      - {name: lost property, share: 40, grades: [0, 0, 50, 50], handling: 2m, on_scene: 20m}
    """

    func simulation() throws -> Simulation {
        Simulation(config: try Scenario.parse(text: Self.smallTown, file: "small.yaml").config)
    }

    /// Runs until the first incident of `type` is open, and returns it.
    func firstIncident(ofType type: Int32, in sim: Simulation) -> IncidentID {
        var found: IncidentID?
        sim.observers.append { _, event in
            if case let .incidentCreated(id, opening) = event, opening.type == type, found == nil { found = id }
        }
        while found == nil || sim.world.incident(found!) == nil { _ = sim.step(limit: sim.config.duration) }
        return found!
    }

    @Test("A PCSO is never sent to violence, and only armed officers to a firearms job")
    func suitability() throws {
        let sim = try simulation()
        var assignments: [(String, String)] = []
        sim.observers.append { _, event in
            if case let .unitAssigned(u, id, _, _, _) = event, let incident = sim.world.incident(id) {
                assignments.append((sim.config.units[Int(u)].callsign, sim.config.incidentTypes[Int(incident.type)].name))
            }
        }
        sim.runToEnd()
        #expect(assignments.count > 10)
        #expect(!assignments.contains { $0.0 == "PC1" && ($0.1 == "fight" || $0.1 == "gun seen") })
        #expect(assignments.filter { $0.1 == "gun seen" }.allSatisfy { $0.0 == "ARV1" })
        #expect(assignments.contains { $0.0 == "PC1" && $0.1 == "lost property" })
    }

    @Test("Commands that break the rules are refused and change nothing")
    func refusals() throws {
        let sim = try simulation()
        let incident = firstIncident(ofType: 0, in: sim)
        let pcso = sim.world.handle(forCallsign: "PC1")!
        let before = sim.world.incident(incident)!.unitsAttached
        #expect(throws: CommandRefusal.pcsoToViolence) { try sim.execute(.assign(pcso, incident)) }
        #expect(throws: CommandRefusal.noSuchUnit) { try sim.execute(.assign(99, incident)) }
        let offDuty = sim.world.handle(forCallsign: "T2")!
        if sim.world.units[Int(offDuty)].status == .offDuty {
            #expect(throws: CommandRefusal.unitOffDuty) { try sim.execute(.assign(offDuty, incident)) }
        }
        #expect(sim.world.incident(incident)!.unitsAttached == before)
        // A closed incident takes no units.
        let stale = IncidentID(slot: incident.slot, generation: incident.generation &+ 7)
        #expect(throws: CommandRefusal.incidentNotOpen) { try sim.execute(.assign(pcso, stale)) }
    }

    @Test("Grade 4 is resolved without deployment; duplicate callers are linked, not attended")
    func gradeFourAndDuplicates() throws {
        let sim = try simulation()
        var gradeFour = Set<IncidentID>(), attended = Set<IncidentID>()
        sim.observers.append { _, event in
            switch event {
            case let .incidentCreated(id, opening) where opening.grade == .resolution: gradeFour.insert(id)
            case let .unitAssigned(_, id, _, _, _): attended.insert(id)
            default: break
            }
        }
        sim.runToEnd()
        #expect(!gradeFour.isEmpty)
        #expect(gradeFour.isDisjoint(with: attended))
        #expect(sim.statistics.duplicatesLinked > 0)
        let created = sim.statistics.incidentsCreated
        let calls = sim.statistics.lines[0].answered
        #expect(created + sim.statistics.duplicatesLinked == sim.statistics.lines[0].outcomes[0] + sim.statistics.lines[0].outcomes[1])
        #expect(created < calls)
    }

    @Test("Units are off duty outside their shift and book on when it starts")
    func shifts() throws {
        let sim = try simulation()
        let t2 = Int(sim.world.handle(forCallsign: "T2")!)
        #expect(sim.world.units[t2].status == .offDuty)   // 22:00, shift starts 23:00
        sim.advance(to: 61 * Clock.minute)
        #expect(sim.world.units[t2].status != .offDuty)
        #expect(sim.world.units[t2].onDuty)
    }

    @Test("Refreshment breaks follow Police Regulations")
    func refreshments() throws {
        #expect(DailyShift(start: 0, length: 8 * Clock.hour).refreshmentAllowance == 45 * Clock.minute)
        #expect(DailyShift(start: 0, length: 9 * Clock.hour + 30 * Clock.minute).refreshmentAllowance == 50 * Clock.minute)
        #expect(DailyShift(start: 0, length: 10 * Clock.hour).refreshmentAllowance == 60 * Clock.minute)
        var config = Scenario.builtInDefault().config
        config.duration = 24 * Clock.hour
        let sim = Simulation(config: config)
        var refs: [(unit: Int, at: SimTime)] = []
        sim.observers.append { time, event in
            if case let .unitStatusChanged(u, .refreshments) = event { refs.append((Int(u), time)) }
        }
        sim.runToEnd()
        #expect(refs.count > 10)
        // Never in the first three hours of a shift.
        for r in refs {
            let shift = config.units[r.unit].shift!
            let intoShift = ((config.calendar.timeOfDay + r.at - shift.start) % Clock.day + Clock.day) % Clock.day
            #expect(intoShift >= 3 * Clock.hour, "\(config.units[r.unit].callsign) on refs \(intoShift / Clock.minute) min into shift")
        }
    }

    @Test("Recommendations rank suitable units by estimated arrival")
    func recommendations() throws {
        let sim = try simulation()
        let list = sim.recommendations(for: firstIncident(ofType: 0, in: sim))
        #expect(!list.contains { sim.config.units[Int($0.unit)].kind == .pcso })
        #expect(list.map(\.eta) == list.map(\.eta).sorted())
    }
}

@Suite("Dispatcher policy")
struct DispatchPolicyTests {
    @Test("The dispatcher takes its decision time, and keeps units back from grade 3")
    func decisionAndReserve() {
        var config = Scenario.builtInDefault().config
        config.duration = 24 * Clock.hour
        config.dispatch.decisionTime = 90 * Clock.second
        config.dispatch.keepFree = 3
        let sim = Simulation(config: config)
        var created: [IncidentID: SimTime] = [:]
        var checked = 0
        sim.observers.append { time, event in
            switch event {
            case let .incidentCreated(id, _): created[id] = time
            case let .unitAssigned(_, id, _, _, _):
                guard let incident = sim.world.incident(id), incident.firstAssignedAt == time,
                      let opened = created[id] else { return }
                // First units go no sooner than the decision time (urgent requests aside).
                if sim.world.urgent.contains(id) { return }
                #expect(time - opened >= 90 * Clock.second)
                if incident.grade == .scheduled {
                    // The unit just left the free list: more than three were free before it.
                    #expect(sim.world.available.count >= 3)
                }
                checked += 1
            default: break
            }
        }
        sim.runToEnd()
        #expect(checked > 30)
    }

    @Test("An incident has one result: every unit on it clears with the first one's; once it is given, no more units are wanted and the engine stands down those still on the way")
    func oneResult() throws {
        let sim = Simulation(config: Scenario.builtInDefault().config)
        var results: [IncidentID: Set<JobResult>] = [:]
        var notNeeded: Set<IncidentID> = []
        var sentAfter = 0
        var done: Set<IncidentID> = []
        sim.observers.append { _, event in
            switch event {
            case let .unitCleared(_, id, result):
                results[id, default: []].insert(result)
                done.insert(id)
            case let .unitsNotNeeded(id): notNeeded.insert(id)
            case let .unitAssigned(_, id, _, _, _) where done.contains(id): sentAfter += 1
            case let .incidentClosed(id, _, _): done.remove(id); results[id] = nil
            default: break
            }
            for (_, set) in results { #expect(set.count == 1, "two results on one incident: \(set)") }
        }
        sim.advance(to: 7 * Clock.day)
        #expect(sentAfter == 0, "no unit sent to a job whose result is in")
        #expect(!notNeeded.isEmpty, "wants cancelled once a result is given")
    }

    @Test("A grade 1 re-graded to 2 after its target passed with nobody there stays a missed grade 1, in every figure")
    func missStaysMissed() throws {
        var config = Scenario.builtInDefault().config
        config.units = config.units.filter { $0.kind != .response }
        let sim = Simulation(config: config)
        sim.seatDispatcher([])   // nobody is sent but by the person
        var missed: IncidentID?
        while missed == nil && sim.now < config.duration {
            sim.advance(to: sim.now + Clock.minute)
            missed = sim.world.incidents.live.first { _, i in
                i.grade == .immediate && i.assisting == nil && i.firstArrivedAt < 0 && (i.targetAt.map { $0 < sim.now } ?? false)
            }.map { IncidentID(slot: $0.slot, generation: sim.world.incidents.generations[Int($0.slot)]) }
        }
        let id = try #require(missed)
        let before = sim.statistics.gradesNow(world: sim.world)
        try sim.execute(.regrade(id, .priority))
        let after = sim.statistics.gradesNow(world: sim.world)
        #expect(after[0].unattendedPastTarget == before[0].unattendedPastTarget, "still a missed grade 1")
        #expect(after[1].unattendedPastTarget == before[1].unattendedPastTarget, "not a grade 2 within its hour")
        // Attended now, well inside a grade 2's hour: judged as the grade 1 it missed.
        let unit = try #require(sim.recommendations(for: id).first { $0.divertsFrom == nil }).unit
        try sim.execute(.assign(unit, id))
        sim.advance(to: sim.world.units[Int(unit)].arrivesAt)
        let attended = sim.statistics.gradesNow(world: sim.world)
        #expect(attended[0].attended == before[0].attended + 1 && attended[0].attendedWithinTarget == before[0].attendedWithinTarget)
        #expect(attended[1].attended == before[1].attended)
    }

    @Test("A break is late from the shift's own start: a unit on duty when the run begins started its shift before it; its break due from its third hour, late after its sixth")
    func breaksFromTheShiftsStart() throws {
        var config = Scenario.builtInDefault().config
        // The run starts at 18:00; the late turn began at 14:00, four hours before.
        let late = try #require(config.units.firstIndex { $0.shift?.start == 14 * Clock.hour })
        config.refreshments = true
        let sim = Simulation(config: config)
        #expect(sim.world.units[late].refsFrom == -1 * Clock.hour, "its third hour was an hour before the run began")
        var lateBreaks = 0, breaks = 0
        sim.observers.append { _, event in
            if case .unitStatusChanged(let u, .refreshments) = event {
                breaks += 1
                if let shift = config.units[Int(u)].shift {
                    let start = ((sim.now + config.calendar.timeOfDay - shift.start) % Clock.day + Clock.day) % Clock.day
                    if start > 6 * Clock.hour { lateBreaks += 1 }
                }
            }
        }
        sim.advance(to: config.duration)
        sim.closeBooks()
        #expect(breaks > 0)
        #expect(sim.statistics.breaksLate == lateBreaks, "late counted from each shift's start: \(sim.statistics.breaksLate) of \(breaks), expected \(lateBreaks)")
    }
}
