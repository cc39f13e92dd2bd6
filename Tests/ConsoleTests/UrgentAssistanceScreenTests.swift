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
}
