import Console
import ReadModel
import DispatchEngine
import Testing

/// The dispatcher's seat in the console: every action goes to the engine as a command.
@Suite("Dispatcher seat")
struct DispatcherSeatTests {
    /// A floor two hours in with nobody dispatching since: the person is the dispatcher.
    func manualFloor() -> ConsoleFixture {
        let c = ConsoleFixture(hours: 2)
        c.floor.simulation.dispatcher = nil
        // Until an incident waits for a unit (what the night brings when depends on the scenario).
        let deadline = c.floor.now + 4 * Clock.hour
        repeat {
            c.floor.simulation.advance(to: c.floor.now + 10 * Clock.minute)
        } while c.floor.now < deadline && !c.floor.incidentRows(c.state.query).contains { $0.units.isEmpty && $0.grade != .resolution }
        return c
    }

    /// Carries out what the console asked for, as the live loop does.
    func run(_ effects: [ConsoleEffect], _ c: ConsoleFixture) throws {
        for case .execute(let command) in effects { try c.floor.simulation.execute(command) }
    }

    func waiting(_ c: ConsoleFixture) throws -> IncidentRow {
        try #require(c.floor.incidentRows(c.state.query).first { $0.units.isEmpty && $0.grade != .resolution })
    }

    @Test("In an incident's detail, 1 sends the first recommended unit")
    func digitSends() throws {
        let c = manualFloor()
        let row = try waiting(c)
        c.state.selectedIncident = row.reference
        c.press(.enter)
        #expect(c.screen.contains("Recommended units (1-9 to send)"))
        let first = try #require(c.floor.recommendations(for: row.id).first)
        let effects = c.press(.character("1"))
        #expect(effects == [.execute(first.divertsFrom == nil ? .assign(first.unit, row.id) : .divert(first.unit, row.id))])
        try run(effects, c)
        #expect(c.floor.world.units[Int(first.unit)].incident == row.id)
        #expect(c.floor.world.units[Int(first.unit)].status == .enRoute)
        #expect(c.state.mode == .detail(reference: row.reference))
    }

    @Test("assign, standdown, regrade, note, warn and close go to the engine for the open incident")
    func commands() throws {
        let c = manualFloor()
        let row = try waiting(c)
        c.state.selectedIncident = row.reference
        c.press(.enter)
        let free = try #require(c.floor.recommendations(for: row.id).first { $0.divertsFrom == nil })
        let callsign = c.floor.callsign(free.unit)
        try run(c.command("assign \(callsign)"), c)
        #expect(c.floor.world.units[Int(free.unit)].incident == row.id)
        #expect(c.state.mode == .detail(reference: row.reference), "back to the detail after the command")
        try run(c.command("note caller called back: the males have left"), c)
        #expect(c.floor.incidents.narrative(of: row.id).contains { $0.fact == .note("caller called back: the males have left") })
        let newGrade: Grade = row.grade == .scheduled ? .priority : .scheduled
        try run(c.command("regrade \(newGrade.rawValue)"), c)
        #expect(c.floor.world.incident(row.id)?.grade == newGrade)
        try run(c.command("standdown \(callsign)"), c)
        #expect(c.floor.world.units[Int(free.unit)].incident == nil)
        try run(c.command("close no_trace"), c)
        #expect(!c.floor.world.isOpen(row.id))
        #expect(c.state.mode == .normal)
    }

    @Test("Refused actions are explained, and nothing changes")
    func refusals() throws {
        let c = manualFloor()
        let row = try waiting(c)
        c.state.selectedIncident = row.reference
        let before = c.floor.world.version
        c.command("assign XX99")
        #expect(c.state.messageIsError && c.state.message?.contains("No unit 'XX99'") == true)
        c.command("close maybe")
        #expect(c.state.message?.contains("close takes a result") == true)
        c.command("regrade 4")
        #expect(c.state.message?.contains("regrade takes a grade") == true)
        c.command("msg NF21")
        #expect(c.floor.world.version == before, "nothing reached the engine")
        // The engine's own refusal, as the live loop words it.
        let pcso = c.floor.world.handle(forCallsign: "PC41")!
        do {
            try c.floor.simulation.execute(.assign(pcso, row.id))
        } catch {
            #expect(Wording.refusal(error).isEmpty == false)
        }
    }

    @Test("Only the dispatcher's seat deploys")
    func roleGate() throws {
        let c = manualFloor()
        c.state.role = .callHandler
        let row = try waiting(c)
        c.state.selectedIncident = row.reference
        #expect(c.command("assign NF11").isEmpty)
        #expect(c.state.message?.contains("Only the dispatcher") == true)
        c.press(.enter)
        #expect(c.press(.character("1")).isEmpty)
    }

    @Test("msgarea radios every unit on duty in the area; refs books a break")
    func messagesAndRefs() throws {
        let c = manualFloor()
        let effects = c.command("msgarea Northfield Town all units, road closed at Bridge Street")
        #expect(effects.count > 3)
        try run(effects, c)
        let texts = c.floor.radio.entries.filter { if case .text = $0.transmission.message { true } else { false } }
        #expect(texts.count == effects.count)
        c.command("refs NF11 maybe")
        #expect(c.state.messageIsError)
    }
}

@Suite("Resource board shortcuts")
struct BoardShortcutTests {
    @Test("On the board, a state number books it for the selected unit and w checks on it")
    func shortcuts() throws {
        let c = ConsoleFixture(hours: 2)
        c.press(.tab)
        let free = try #require(c.floor.unitRows().first { $0.status.isAvailable })
        c.state.selectedUnit = free.unit
        let effects = c.press(.character("7"))
        #expect(effects == [.execute(.setStatus(free.unit, .committedDeployable))])
        for case .execute(let command) in effects { try c.floor.simulation.execute(command) }
        #expect(c.floor.world.units[Int(free.unit)].status == .committedDeployable)
        #expect(c.press(.character("w")) == [.execute(.welfareCheck(free.unit))])
        // Off the board, digits mean nothing.
        c.press(.tab)
        #expect(c.press(.character("7")).isEmpty)
    }
}

@Suite("Risky choices")
struct RiskyChoiceTests {
    @Test("Sending a single-crewed officer alone to violence asks first; y sends, anything else does not")
    func singleCrewedToViolence() throws {
        let c = ConsoleFixture(hours: 2)
        c.floor.simulation.dispatcher = nil
        // A violent incident with nobody on it, and a free single-crewed officer.
        var target: IncidentRow?
        while target == nil {
            c.floor.simulation.advance(to: c.floor.now + 5 * Clock.minute)
            target = c.floor.incidentRows(c.state.query).first {
                $0.units.isEmpty && $0.grade.deploys && c.floor.config.incidentTypes[Int($0.typeIndex)].violent
            }
        }
        let lone = try #require(c.floor.config.units.indices.first {
            c.floor.config.units[$0].crew == 1 && c.floor.world.units[$0].status.isAvailable
                && c.floor.config.units[$0].kind.attendsViolence && c.floor.world.units[$0].shiftEndsAt - c.floor.now > Clock.hour
        })
        let callsign = c.floor.config.units[lone].callsign
        c.state.selectedIncident = target!.reference
        #expect(c.command("assign \(callsign)").isEmpty)
        #expect(c.screen.contains("single-crewed and would be alone at a violent incident"))
        #expect(c.press(.character("n")).isEmpty)
        #expect(c.state.message == "Not sent.")
        c.command("assign \(callsign)")
        let asked = try #require(Risk.of(.assign(UnitIndex(lone), target!.id), c.floor))
        // Yes: the question goes on the record, then the send.
        #expect(c.press(.character("y")) == [.askedFirst(asked), .execute(.assign(UnitIndex(lone), target!.id))])
    }
}

@Suite("Taking and handing back seats")
struct SeatChangeTests {
    @Test("Taking the dispatcher's seat stops the engine dispatching; handing it back sends units to what waited")
    func takeAndHandBack() throws {
        let c = ConsoleFixture(hours: 2)
        c.state.role = .supervisor
        let effects = c.command("take dispatcher")
        #expect(effects == [.dispatchSeat(areas: [])])
        Effects.carryOut(effects, &c.state, c.floor)
        #expect(c.state.role == .dispatcher)
        #expect(c.floor.simulation.dispatcher == nil)
        // Nobody dispatches for an hour: incidents wait.
        c.floor.simulation.advance(to: c.floor.now + Clock.hour)
        let waiting = c.floor.incidentRows(c.state.query).filter { $0.units.isEmpty && $0.grade.deploys }
        #expect(!waiting.isEmpty)
        let back = c.command("handback")
        #expect(back == [.dispatchSeat(areas: nil)])
        Effects.carryOut(back, &c.state, c.floor)
        #expect(c.state.role == .supervisor)
        // The engine looks at everything waiting at once.
        let sent = waiting.filter { c.floor.world.incident($0.id).map { $0.unitsAttached > 0 } ?? true }
        #expect(!sent.isEmpty, "the engine sends units to what waited")
        #expect(Invariants.violations(in: c.floor.world).isEmpty)
    }

    @Test("Taking one area leaves the others to the engine")
    func oneArea() {
        let c = ConsoleFixture(hours: 2)
        #expect(c.command("take dispatcher Ashby") == [.dispatchSeat(areas: [1])])
        c.floor.simulation.seatDispatcher([1])
        #expect(c.floor.simulation.dispatcher?.leaveToPerson == [1])
        c.command("take dispatcher Atlantis")
        #expect(c.state.messageIsError)
    }

    @Test("An area's dispatcher finds their own area's units at the head of the board, and moves through them first; handed back, the board is as before")
    func ownAreaFirst() {
        let c = ConsoleFixture(role: .supervisor)
        let before = c.floor.unitRows()
        #expect(before.first?.area == "Northfield Town", "the default board starts with the first area")
        Effects.carryOut(c.command("take dispatcher Ashby"), &c.state, c.floor)
        #expect(c.state.ownAreas == ["Ashby"])
        c.state.focus = .resources
        let board = c.screen.split(separator: "\n").map(String.init)
        let title = try! #require(board.firstIndex { $0.contains("Resources") })
        #expect(board[title + 1].contains("Ashby"), "\(board[title + 1])")
        // The selection starts on Ashby's first unit and goes down through Ashby's before any other.
        let ashby = before.filter { $0.area == "Ashby" }
        c.press(.down)
        #expect(c.state.selectedUnit == ashby[1].unit)
        for _ in 2..<ashby.count { c.press(.down) }
        #expect(c.state.selectedUnit == ashby.last?.unit)
        c.press(.down)
        #expect(c.floor.unitRows().first { $0.unit == c.state.selectedUnit }?.area == "Northfield Town")
        Effects.carryOut(c.command("handback dispatcher"), &c.state, c.floor)
        #expect(c.state.ownAreas.isEmpty)
        let after = c.screen.split(separator: "\n").map(String.init)
        #expect(after[after.firstIndex { $0.contains("Resources") }! + 1].contains("Northfield Town"))
    }
}
