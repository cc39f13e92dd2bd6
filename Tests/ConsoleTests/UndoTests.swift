import Console
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
        #expect(notes.contains { $0.hasPrefix("Undone by the dispatcher: ") && $0.contains("state 2") }, "\(notes)")
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
}
