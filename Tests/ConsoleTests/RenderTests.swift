import Console
import ReadModel
import DispatchEngine
import Scenario
import Testing

@Suite("Console rendering")
struct RenderTests {
    @Test("Every size from 80x24 to 250x70 renders with the panes inside the screen")
    func sizes() {
        let c = ConsoleFixture()
        for width in stride(from: 80, through: 250, by: 17) {
            for height in stride(from: 24, through: 70, by: 9) {
                let frame = Render.frame(c.state, c.floor, width: width, height: height)
                let lines = frame.text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.count == height)
                #expect(lines.allSatisfy { TextWidth.of(String($0)) == width }, "\(width)x\(height)")
                #expect(frame.text.contains("Incidents") && frame.text.contains("Resources") && frame.text.contains("Radio"))
            }
        }
    }

    @Test("The free units are one figure: the top bar's free/on duty is the resource board's title, and the units marked + on it, all night")
    func freeUnitsOneFigure() {
        let c = ConsoleFixture(hours: 0)
        for hour in stride(from: 0.5, through: 12, by: 0.5) {
            c.floor.simulation.advance(to: SimTime(hour * Double(Clock.hour)))
            let counts = c.floor.counts()
            let screen = Render.frame(c.state, c.floor, width: 160, height: 48).text
            #expect(screen.contains("free \(counts.available)/\(counts.onDuty)"), "\(hour) h")
            #expect(screen.contains("Resources \(counts.available) free of \(counts.onDuty) on duty"), "\(hour) h")
            let rows = c.floor.unitRows()
            #expect(rows.filter { $0.status.isAvailable }.count == counts.available, "\(hour) h")
            #expect(rows.filter { $0.status != .offDuty }.count == counts.onDuty, "\(hour) h")
        }
    }

    @Test("Text from a scenario reaches the screen without control characters")
    func sanitised() throws {
        var text = try String(contentsOfFile: ShippedPath.defaultScenario, encoding: .utf8)
        // A place name with an escape sequence in it, as YAML allows with \e.
        text = text.replacingOccurrences(of: "name: \"High Street, Northfield\"", with: "name: \"High \\e[2J\\e]0;pwned\\u0007Street\"")
        let scenario = try Scenario.parse(text: text, file: "evil.yaml")
        let simulation = Simulation(config: scenario.config)
        let floor = Floor(simulation: simulation, scenarioName: "evil\u{1B}[31m")
        simulation.advance(to: 6 * Clock.hour)
        var state = ConsoleState()
        state.search = "High"
        let frame = Render.frame(state, floor, width: 200, height: 60)
        for cell in frame.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test("Overdue incidents stand out, in style and in words")
    func overdue() {
        let c = ConsoleFixture(hours: 10)
        c.state.order = .risk
        let rows = c.floor.incidentRows(c.state.query)
        guard let late = rows.first(where: { $0.overdue }) else { return }
        c.state.selectedIncident = late.reference
        c.state.filter.grade = late.grade
        let frame = c.frame
        #expect(frame.text.contains("OVERDUE"))
        #expect(frame.cells.contains { $0.style.ink == .overdue })
    }

    @Test("An emergency button stands out and stays until a person acknowledges it")
    func emergency() throws {
        // Run until somebody presses the button.
        let c = ConsoleFixture(hours: 0.1)
        let sim = c.floor.simulation
        while c.floor.world.pendingEmergencies.isEmpty && sim.step(limit: 30 * Clock.day) {}
        // The person takes the dispatcher's seat as the alarm sounds: nobody else acknowledges.
        sim.dispatcher = nil
        let pending = try #require(c.floor.world.pendingEmergencies.first)
        let unit = pending.unit
        #expect(c.screen.contains("URGENT ASSISTANCE \(c.floor.callsign(unit))"))
        #expect(c.screen.contains("EMERGENCY"))
        // The full-width alarm: the unit, when, and where it was last known.
        let top = c.screen.split(separator: "\n")[1]
        #expect(top.contains("URGENT ASSISTANCE") && top.contains("a: acknowledge"))
        #expect(c.screen.contains("\(c.floor.callsign(unit)) pressed at"))
        #expect(c.frame.cells[c.frame.width + 2].style.ink == .emergency)
        // Enter goes straight to its incident, with the units to send.
        if let incident = pending.incident, let reference = c.floor.world.incident(incident)?.reference {
            c.press(.enter)
            #expect(c.state.mode == .detail(reference: reference))
            #expect(c.screen.contains("Recommended units"))
            c.press(.escape)
        }
        // Still there an hour later: nobody has acknowledged it.
        sim.advance(to: sim.now + Clock.hour)
        #expect(c.floor.world.pendingEmergencies.contains { $0.unit == unit })
        let effects = c.press(.character("a"))
        #expect(effects == [.execute(.acknowledgeEmergency(unit))])
        for case .execute(let command) in effects { try sim.execute(command) }
        #expect(!c.floor.world.pendingEmergencies.contains { $0.unit == unit })
        #expect(c.floor.radio.entries.last?.transmission.message == .emergencyAcknowledged)
        #expect(sim.statistics.emergencyAcknowledgement.count == 1)
    }
}

enum ShippedPath {
    static let defaultScenario = #filePath.components(separatedBy: "/Tests/")[0] + "/scenarios/default.yaml"
}

import Foundation
