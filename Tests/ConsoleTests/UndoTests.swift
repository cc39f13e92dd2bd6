import Console
import Scenario
import DispatchEngine
import ReadModel
import Testing

/// A mistaken key on the board or in a record can be put back with `u` for ten seconds, as new
/// actions of the person, named in the narrative.
@Suite("Undo")
struct UndoTests {
    /// A dispatcher's console with the resource board in focus and a unit at scene selected.
    static func atScene() throws -> (ConsoleFixture, UnitIndex, IncidentID) {
        let c = ConsoleFixture()
        c.press(.character(" "), .tab)
        #expect(KeyTable.current(c.state).name == KeyTable.board.name)
        let row = try #require(c.floor.unitRows().first { $0.status == .atScene && $0.incident != nil })
        c.state.selectedUnit = row.unit
        let id = try #require(c.floor.world.units[Int(row.unit)].incident)
        return (c, row.unit, id)
    }

    @Test("State 2 booked by mistake on a unit at scene: u puts it back at scene on the same incident, said in the narrative")
    func mistakenState() throws {
        let (c, unit, id) = try Self.atScene()
        c.state.wallNow = 1000
        c.act(.character("2"))
        #expect(c.floor.world.units[Int(unit)].status == .onPatrol, "state 2 stood it down")
        c.state.wallNow = 1004
        c.act(.character("u"))
        let after = c.floor.world.units[Int(unit)]
        #expect(after.status == .atScene && after.incident == id, "\(after.status)")
        #expect(c.state.message?.hasPrefix("Undone: ") == true, "\(c.state.message ?? "")")
        let notes = c.floor.incidents.narrative(of: id).compactMap { entry -> String? in
            if case .note(let text) = entry.fact { return text } else { return nil }
        }
        #expect(notes.contains { $0.hasPrefix("Undone: ") && $0.contains("state 2") }, "\(notes)")
        // The narrative names who undid it.
        let line = try #require(c.floor.incidents.narrative(of: id).last { if case .note = $0.fact { true } else { false } })
        #expect(line.by != nil)
        // Once used, gone.
        c.act(.character("u"))
        #expect(c.state.messageIsError && c.state.message?.contains("Nothing to undo") == true)
    }

    @Test("After ten seconds u says it is too late and changes nothing")
    func tooLate() throws {
        let (c, unit, _) = try Self.atScene()
        c.state.wallNow = 1000
        c.act(.character("2"))
        c.state.wallNow = 1011
        let version = c.floor.world.version
        c.act(.character("u"))
        #expect(c.state.message?.contains("Too late to undo") == true)
        #expect(c.floor.world.version == version)
        #expect(c.floor.world.units[Int(unit)].status == .onPatrol)
    }

    @Test("A unit sent by mistake from the record: u stands it down and it is free as it was")
    func mistakenSend() throws {
        let c = ConsoleFixture()
        c.press(.character(" "))
        let open = c.floor.incidentRows(c.state.query).compactMap { row -> (IncidentID, Int64, Recommendation)? in
            guard let (id, _) = c.floor.incident(reference: row.reference),
                  let pick = c.floor.recommendations(for: id).first(where: { $0.divertsFrom == nil }) else { return nil }
            return (id, row.reference, pick)
        }
        guard let (id, reference, pick) = open.first else {
            Issue.record("no open incident with a free unit to send at two hours")
            return
        }
        let before = c.floor.world.units[Int(pick.unit)].status
        c.command("open \(Floor.reference(reference))")
        let number = c.floor.recommendations(for: id).firstIndex(of: pick)! + 1
        c.act(.character(Character(String(number))))
        if case .confirm = c.state.mode { c.act(.character("y")) }
        #expect(c.floor.world.units[Int(pick.unit)].incident == id, "sent: \(c.state.message ?? "") \(c.state.mode)")
        c.act(.character("u"))
        #expect(c.floor.world.units[Int(pick.unit)].incident == nil, "stood down again")
        #expect(c.floor.world.units[Int(pick.unit)].status == before)
    }

    /// An open incident and a free unit some minutes from it, with the engine leaving the
    /// person to dispatch.
    static func farUnit() throws -> (ConsoleFixture, UnitIndex, IncidentID, Int64) {
        let c = ConsoleFixture()
        c.press(.character(" "))
        Effects.carryOut([.dispatchSeat(areas: [])], &c.state, c.floor)
        // The person dispatches every area: the next incident waits for them.
        for _ in 0..<5_000 {
            for row in c.floor.incidentRows(c.state.query) where row.units.isEmpty {
                guard let (id, _) = c.floor.incident(reference: row.reference),
                      let pick = c.floor.recommendations(for: id).first(where: { $0.divertsFrom == nil && !$0.onRefreshments && $0.eta > 3 * Clock.minute })
                else { continue }
                return (c, pick.unit, id, row.reference)
            }
            _ = c.floor.simulation.step(limit: c.floor.config.duration)
        }
        throw Failure("no open incident with a free unit minutes away")
    }
    struct Failure: Error { var why: String; init(_ why: String) { self.why = why } }

    func line(_ c: ConsoleFixture, _ text: String) {
        c.act(.character(":"))
        c.actTyping(text)
        c.act(.enter)
    }

    @Test("Sent, booked 6, u: the state is what is undone, the unit back on its way, and no attendance that never was anywhere")
    func bookedSixUndone() throws {
        let (c, unit, id, reference) = try Self.farUnit()
        let sign = c.floor.callsign(unit), ref = Floor.reference(reference)
        c.state.wallNow = 1000
        line(c, "assign \(sign) \(ref)")
        #expect(c.floor.world.units[Int(unit)].incident == id)
        line(c, "st \(sign) 6")
        // Minutes away: the console asks first.
        guard case .confirm(let question, _) = c.state.mode else { Issue.record("no question: \(c.state.mode)"); return }
        #expect(question.contains("km") && question.contains(ref), "\(question)")
        c.act(.character("y"))
        #expect(c.floor.world.units[Int(unit)].status == .atScene)
        #expect(c.floor.incidents.entry(reference: reference)?.firstArrivedAt == nil, "booked, not there: no attendance")
        c.state.wallNow = 1003
        c.act(.character("u"))
        #expect(c.state.message == "Undone: \(sign) state 6 on \(ref).", "\(c.state.message ?? "")")
        let after = c.floor.world.units[Int(unit)]
        #expect(after.status == .enRoute && after.incident == id, "back on its way: \(after.status)")
        let entry = try #require(c.floor.incidents.entry(reference: reference))
        #expect(entry.firstArrivedAt == nil && entry.metTarget(at: c.floor.now) == nil)
        #expect(entry.unitsSent == [unit], "still sent, once")
        #expect(c.floor.world.incident(id)?.firstArrivedAt == -1)
        // One undo: the send itself stays.
        c.act(.character("u"))
        #expect(c.state.messageIsError && c.state.message?.contains("Nothing to undo") == true)
    }

    @Test("A send undone is withdrawn everywhere: no first dispatch, no unit sent; sent again, listed once with the new time")
    func sendWithdrawn() throws {
        let (c, unit, id, reference) = try Self.farUnit()
        let sign = c.floor.callsign(unit), ref = Floor.reference(reference)
        c.state.wallNow = 1000
        line(c, "assign \(sign) \(ref)")
        c.act(.character("u"))
        #expect(c.state.message == "Undone: \(sign) sent to \(ref).")
        var entry = try #require(c.floor.incidents.entry(reference: reference))
        #expect(entry.unitsSent.isEmpty && entry.firstAssignedAt == nil && entry.dispatchedBy == nil)
        #expect(c.floor.world.incident(id)?.firstAssignedAt == -1 && c.floor.world.incident(id)?.unitsWanted ?? 0 > 0)
        #expect(c.floor.incidents.narrative(of: id).contains { $0.fact == .sendWithdrawn(unit) })
        // The list too: nobody on it, waiting again (not "en route" with the withdrawn unit).
        let row = try #require(c.floor.incidentRows(IncidentQuery()).first { $0.reference == reference })
        #expect(row.units.isEmpty && row.status != .enRoute, "\(row.status) \(row.units)")
        c.advance(seconds: 30)
        line(c, "assign \(sign) \(ref)")
        entry = try #require(c.floor.incidents.entry(reference: reference))
        #expect(entry.unitsSent == [unit], "\(entry.unitsSent)")
        #expect(entry.firstAssignedAt == c.floor.now)
        #expect(c.floor.world.incident(id)?.firstAssignedAt == c.floor.now)
    }

    @Test("State 6 for a unit all but there is booked at once, without a question")
    func nearlyThereNoQuestion() throws {
        let (c, unit, id, reference) = try Self.farUnit()
        line(c, "assign \(c.floor.callsign(unit)) \(Floor.reference(reference))")
        let due = c.floor.world.units[Int(unit)].arrivesAt
        c.floor.simulation.advance(to: due - 20 * Clock.second)
        line(c, "st \(c.floor.callsign(unit)) 6")
        #expect(c.state.mode == .normal || { if case .confirm = c.state.mode { false } else { true } }())
        #expect(c.floor.incidents.entry(reference: reference)?.firstArrivedAt == c.floor.now)
        #expect(c.floor.world.incident(id)?.firstArrivedAt == c.floor.now)
    }

    @Test("A grade 1 past its target with nobody there: the overview counts it missed at once, never 100 % while it waits")
    func overviewCountsTheWaitingMiss() throws {
        var scenario = Scenario.builtInDefault()
        // Hardly anyone to send: grade 1s wait.
        scenario.config.units = scenario.config.units.filter { $0.kind != .response }
        let c = ConsoleFixture(hours: 1, scenario: scenario)
        var overdue: IncidentRow?
        while overdue == nil && c.floor.now < c.floor.config.duration {
            c.floor.simulation.advance(to: c.floor.now + 5 * Clock.minute)
            overdue = c.floor.incidentRows(IncidentQuery()).first { $0.grade == .immediate && $0.overdue && $0.assisting == nil }
        }
        let waiting = try #require(overdue, "no grade 1 went past its target unattended")
        let figures = OverviewFigures(c.floor)
        let percent = try #require(figures.attendance[0].withinTargetPercent, "judged: the waiting one counts")
        #expect(percent < 100)
        c.press(.character("S"))
        #expect(c.screen.contains(String(format: "grade 1 attended within target %.1f%%", percent)), "\(c.screen)")
        #expect(figures.overdue.contains { $0.reference == waiting.reference })
    }

    @Test("A floor's record replayed: the overview's workload names everyone who worked on it, not \"you\"")
    func replayNamesEveryone() throws {
        let c = ConsoleFixture()
        let sim = c.floor.simulation
        // Three people acted, by name, as on a floor.
        sim.seatDispatcher([])
        let open = c.floor.incidentRows(IncidentQuery())
        try sim.perform(.command(.addNote(try #require(open.first).id, "checked")), by: "Ann Carter")
        try sim.perform(.command(.addNote(open.first!.id, "checked again")), by: "Ben Doyle")
        try sim.perform(.command(.addNote(open.first!.id, "and again")), by: "Cat Evans")
        c.state.readOnly = "Replay"
        c.state.role = .dispatcher
        c.press(.character("S"))
        let screen = c.screen
        for name in ["Ann Carter", "Ben Doyle", "Cat Evans"] { #expect(screen.contains(name), "\(name)") }
        #expect(!screen.contains("you (dispatcher)"))
    }
}
