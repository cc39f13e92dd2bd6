import Console
import DispatchEngine
import ReadModel
import Testing

/// Something urgent is told: a bell, a line on the status bar until seen, and the alert list.
@Suite("Alerts")
struct AlertTests {
    @Test("A grade 1 arriving after the console opened rings the bell, stands out on the status bar, and is listed; Esc sees it")
    func newGradeOne() throws {
        let c = ConsoleFixture()
        Update.settle(&c.state, c.floor)
        #expect(c.state.alerts.list.isEmpty, "what was there when the console opened is not an alarm")
        // Run on until a new grade 1 comes in.
        let before = Set(c.floor.incidentRows(IncidentQuery()).map(\.reference))
        var found = false
        for _ in 0..<600 where !found {
            c.advance(seconds: 10)
            found = c.floor.incidentRows(IncidentQuery()).contains { $0.grade == .immediate && !before.contains($0.reference) }
        }
        try #require(found, "no new grade 1 in 100 minutes")
        let alert = try #require(c.state.alerts.list.first { $0.kind == .newGradeOne })
        #expect(c.state.alerts.ring, "a bell is due")
        #expect(c.state.alerts.unseen != nil)
        #expect(c.screen.split(separator: "\n").first?.contains(alert.text.prefix(20)) == true || c.state.alerts.unseen?.kind != .newGradeOne)
        let effects = c.press(.escape)
        #expect(c.state.alerts.unseen == nil, "seen")
        // Seeing it is an action for the journal: who saw the alerts, and when.
        #expect(effects == [.alertsSeen(c.state.alerts.list.count)])
        c.command("alerts")
        #expect(c.state.mode == .debrief && c.state.overlayTitle == "Alerts")
        #expect(c.screen.contains("New grade 1: "))
        c.press(.escape)
        c.command("alerts quiet")
        #expect(c.state.alerts.quiet)
        c.press(.character("S"))
        #expect(c.screen.contains("alerts raised: \(c.state.alerts.list.count)"))
    }
}
