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

/// What matters most is never pushed off the status bar by what matters less.
@Suite("Alerts in order of risk")
struct AlertOrderTests {
    @Test("A welfare alert raised after a grade 1 never hides it; one area's overdue welfare checks are one line; :wc all checks every overdue unit at once")
    func gradeOneStaysOnTop() throws {
        let c = ConsoleFixture(hours: 1)
        // The person dispatches: nobody else checks on the units at scene.
        c.floor.simulation.seatDispatcher([])
        Update.settle(&c.state, c.floor)
        // Run on until an unseen grade 1 and later a welfare check overdue have both been raised.
        var gradeOne: Alert?
        // The person sends the first free unit to what waits, and checks on nobody.
        func sendWhatWaits() {
            let sim = c.floor.simulation
            for (slot, _) in sim.world.incidents.live {
                let id = IncidentID(slot: slot, generation: sim.world.incidents.generations[Int(slot)])
                guard sim.world.wantsUnits(id), let r = sim.recommendations(for: id).first(where: { !$0.costly }) else { continue }
                try? sim.execute(.assign(r.unit, id))
            }
        }
        for _ in 0..<1_500 {
            sendWhatWaits()
            c.advance(seconds: 20)
            if gradeOne == nil, let g = c.state.alerts.pending.first(where: { $0.kind == .newGradeOne }) { gradeOne = g }
            if gradeOne != nil, c.state.alerts.pending.contains(where: { $0.kind == .welfareOverdue && $0.at > gradeOne!.at }) { break }
            // Seen before a grade 1 comes: the night's first minutes are not the test.
            if gradeOne == nil { c.state.alerts.unseen = nil }
        }
        let g = try #require(gradeOne, "a grade 1 came in")
        try #require(c.state.alerts.pending.contains { $0.kind == .welfareOverdue && $0.at > g.at }, "a welfare check fell overdue after it")
        #expect(c.state.alerts.unseen?.risk ?? 9 <= 1, "the status bar still shows the grade 1 (or an emergency): \(String(describing: c.state.alerts.unseen))")
        #expect(c.screen.split(separator: "\n").first?.contains("Welfare check") == false, "\(c.screen.split(separator: "\n").first ?? "")")
        c.press(.escape)
        let overdue = c.floor.world.welfareOverdue
        try #require(!overdue.isEmpty, "units are overdue a check")
        let effects = c.command("wc all")
        #expect(effects == overdue.map { .execute(.welfareCheck($0)) })
        Effects.carryOut(effects, &c.state, c.floor)
        #expect(c.floor.world.welfareOverdue.isEmpty, "every overdue unit checked")
    }
}
