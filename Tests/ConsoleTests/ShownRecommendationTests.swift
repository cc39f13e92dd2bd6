import Console
import DispatchEngine
import ReadModel
import Testing

/// Keys 1-9 in an incident's record send the unit shown with that number on the last frame,
/// never one the list moved into its place after a send; the record's ETA is the one shown.
@Suite("The record's recommendations, by what was shown")
struct ShownRecommendationTests {
    /// An open incident with two units recommended, its record open and drawn.
    static func record() throws -> (ConsoleFixture, IncidentID, Int64) {
        let c = ConsoleFixture()
        c.press(.character(" "))
        for row in c.floor.incidentRows(c.state.query) {
            guard let (id, _) = c.floor.incident(reference: row.reference) else { continue }
            // Two units shown (free, or to be diverted: either is sent by its number).
            if c.floor.recommendations(for: id).count >= 2 {
                c.command("open \(Floor.reference(row.reference))")
                return (c, id, row.reference)
            }
        }
        throw Skip()
    }
    struct Skip: Error {}

    /// Presses a key as one of a burst typed before the next frame: no frame drawn after it.
    static func burst(_ c: ConsoleFixture, _ key: Key) {
        let effects = Update.handle(key, &c.state, c.floor, size: c.size)
        Effects.carryOut(effects, &c.state, c.floor)
        if case .confirm = c.state.mode {
            Effects.carryOut(Update.handle(.character("y"), &c.state, c.floor, size: c.size), &c.state, c.floor)
        }
    }

    @Test("1 twice before the screen is drawn again: the unit shown first is sent, the second press refused")
    func twiceInABurst() throws {
        let (c, id, _) = try Self.record()
        let shown = c.state.shownRecommendations
        let eta = c.floor.recommendations(for: id).first!.eta
        Self.burst(c, .character("1"))
        #expect(c.floor.world.units[Int(shown[0])].incident == id)
        Self.burst(c, .character("1"))
        #expect(c.state.messageIsError && c.state.message?.contains("already sent") == true, "\(c.state.message ?? "")")
        #expect(c.floor.world.units[Int(shown[1])].incident != id, "the unit that moved into first place was not sent")
        // The record says the estimate the recommendation showed.
        let said = c.floor.incidents.narrative(of: id).contains { entry in
            if case let .unitDeployed(unit, deployed) = entry.fact { return unit == shown[0] && deployed == eta } else { return false }
        }
        #expect(said, "deployed with the ETA shown")
    }

    @Test("After the screen shows the new list, 1 sends the unit now shown first")
    func afterTheScreenChanged() throws {
        let (c, id, _) = try Self.record()
        c.act(.character("1"))
        if case .confirm = c.state.mode { c.act(.character("y")) }
        let nowFirst = c.state.shownRecommendations.first
        c.act(.character("1"))
        if case .confirm = c.state.mode { c.act(.character("y")) }
        #expect(nowFirst.map { c.floor.world.units[Int($0)].incident } == id)
    }
}
