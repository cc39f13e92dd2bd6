import Console
@testable import DispatchEngine
import ReadModel
import Testing

@Suite("Urgent assistance on the screen")
struct UrgentAssistanceScreenTests {
    @Test("The alarm takes the rows under the status bar and the panes are laid out below it; the UA row heads the list; the overview keeps the alarm after acknowledging, until the officer is safe")
    func alarmLaidOutAbove() throws {
        let c = ConsoleFixture(width: 120, height: 40)
        c.floor.simulation.seatDispatcher([])   // the person dispatches: nobody is sent for them
        let unit = try #require(c.floor.world.units.indices.first { c.floor.world.units[$0].status == .atScene })
        c.floor.simulation.emergencyPress(UnitIndex(unit))
        Update.settle(&c.state, c.floor)
        let rows = c.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[1].contains("URGENT ASSISTANCE"), "\(rows[1])")
        let sign = c.floor.callsign(UnitIndex(unit))
        #expect(rows[2].contains(sign + " pressed at"))
        // The incident list starts below the alarm, whole: its title and header are on screen.
        let title = try #require(rows.firstIndex { $0.contains("Incidents ") })
        #expect(title == 1 + Layout.alarmRows(1))
        #expect(rows[title + 1].contains("REF"))
        #expect(rows[title + 2].contains("UA") && rows[title + 2].contains("URGENT ASSISTANCE " + sign), "\(rows[title + 2])")
        // Acknowledged: the banner goes, the overview still has the officer's emergency.
        Effects.carryOut(c.command("ack"), &c.state, c.floor)
        #expect(!c.screen.split(separator: "\n")[1].contains("pressed at"))
        c.press(.character("S"))
        #expect(c.screen.contains(sign + " URGENT ASSISTANCE") && c.screen.contains("acknowledged, NO UNIT SENT, officer not yet safe"), "\(c.screen)")
    }

    @Test("Urgent assistance is its own kind everywhere: the record says so with no grade target, the radio sends units to it in its own words")
    func ownKind() throws {
        let c = ConsoleFixture(width: 120, height: 60)
        let unit = try #require(c.floor.world.units.indices.first { c.floor.world.units[$0].status == .atScene })
        c.floor.simulation.emergencyPress(UnitIndex(unit))
        let sign = c.floor.callsign(UnitIndex(unit))
        // The engine sends to it at once.
        c.floor.simulation.advance(to: c.floor.now + 30 * Clock.second)
        let (id, incident) = try #require(c.floor.world.incidents.live.first { $0.element.assisting == UnitIndex(unit) }
            .map { (IncidentID(slot: $0.slot, generation: c.floor.world.incidents.generations[Int($0.slot)]), $0.element) })
        #expect(incident.targetAt == nil, "no grade's target")
        c.command("open \(Floor.reference(incident.reference))")
        let screen = c.screen
        #expect(screen.contains("URGENT ASSISTANCE for \(sign) (emergency button)"), "\(screen)")
        #expect(!screen.contains("Type       " + c.floor.typeName(incident.type)), "not the officer's job's type")
        #expect(!screen.contains("attendance target"))
        let deployed = c.floor.radio.entries.filter { $0.transmission.incident == id && $0.transmission.direction == .fromControl }
        #expect(!deployed.isEmpty && deployed.allSatisfy { !Wording.radio($0.transmission.message).contains("grade") })
        #expect(deployed.contains { Wording.radio($0.transmission.message).contains("URGENT ASSISTANCE") })
        // The export calls it what it is.
        #expect(c.floor.incidents.entry(reference: incident.reference)?.targetAt == nil)
    }
}
