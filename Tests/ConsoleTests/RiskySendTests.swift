import Console
import DispatchEngine
import ReadModel
import Testing

/// A send the engine allows but a dispatcher would think twice about asks first, with why.
@Suite("Risky sends ask")
struct RiskySendTests {
    /// The night run on, nobody dispatching, until `found` finds what the test needs.
    static func find<T>(_ c: ConsoleFixture, _ found: () -> T?) -> T? {
        for _ in 0..<400 {
            if let t = found() { return t }
            c.advance(seconds: 60)
        }
        return found()
    }

    @Test("A lone officer to an address marked violent to police or weapons; a specialist outside its work; another area's unit: each asks, with the reason")
    func asks() throws {
        let c = ConsoleFixture(hours: 1)
        c.floor.simulation.seatDispatcher([])
        let sim = c.floor.simulation, config = c.floor.config
        func open() -> [(IncidentID, Incident)] {
            sim.world.incidents.live.map { (IncidentID(slot: $0.slot, generation: sim.world.incidents.generations[Int($0.slot)]), $0.element) }
                .filter { sim.world.wantsUnits($0.0) && $0.1.unitsAttached == 0 }
        }
        // A job moved to an address marked violent to police (its location corrected).
        let job = try #require(Self.find(c) { open().first { !config.incidentTypes[Int($0.1.type)].violent } }, "an unattended job")
        let orchard = try #require(config.places.firstIndex { $0.markers.contains("violent to police") })
        try sim.execute(.relocate(job.0, place: Int32(orchard)))
        let marked = (job.0, try #require(sim.world.incident(job.0)))
        let lone = try #require(sim.recommendations(for: marked.0).first { config.units[Int($0.unit)].crew == 1 && $0.divertsFrom == nil }, "a single-crewed unit that may go")
        let why = try #require(Risk.of(.assign(lone.unit, marked.0), c.floor))
        #expect(why.contains("single-crewed and would be alone at an address marked"), "\(why)")
        // Another area's unit: asks, saying what its own area keeps.
        let plain = try #require(Self.find(c) {
            open().first { id, i in
                id != marked.0 && config.places[Int(i.place)].markers.isEmpty && !config.incidentTypes[Int(i.type)].violent
                    && sim.recommendations(for: id).contains { config.units[Int($0.unit)].area != config.places[Int(i.place)].area && $0.divertsFrom == nil }
            }
        }, "a job at an address with no markers")
        let plainHome = config.places[Int(plain.1.place)].area
        let offered = sim.recommendations(for: plain.0).filter { r in
            let later = sim.world.units[Int(r.unit)].shiftEndsAt - sim.now >= 30 * Clock.minute
            return config.units[Int(r.unit)].area != plainHome && r.divertsFrom == nil && r.fit != .outsidePlan && later
        }
        let other = try #require(offered.first, "another area's unit offered")
        let said = try #require(Risk.of(.assign(other.unit, plain.0), c.floor))
        #expect(said.contains("sent into \(c.floor.areaName(plainHome))") && said.contains("keeps"), "\(said)")
        // A specialist kept for its own work, to a grade 1 that needs none.
        let outside = Self.find(c) {
            open().lazy.compactMap { id, i -> (IncidentID, UnitIndex)? in
                guard i.grade == .immediate, let r = sim.recommendations(for: id).first(where: { $0.fit == .outsidePlan }) else { return nil }
                return (id, r.unit)
            }.first
        }
        let (id, specialist) = try #require(outside, "a grade 1 with a specialist offered outside its work")
        let kept = try #require(Risk.of(.assign(specialist, id), c.floor))
        #expect(kept.contains("kept for its own work"), "\(kept)")
        // And the key that sends asks: the question is on the screen, nothing sent before y.
        let effects = c.state.confirm(Risk.of(.assign(specialist, id), c.floor), [.execute(.assign(specialist, id))])
        #expect(effects.isEmpty)
        if case .confirm(let question, _) = c.state.mode { #expect(question == kept) } else { Issue.record("no question") }
    }

    @Test("The map's scale says tenths of a kilometre, never a float's tail")
    func mapScale() {
        let c = ConsoleFixture(width: 120, height: 40)
        c.press(.character("M"))
        for _ in 0..<4 where c.state.focus != .map { c.press(.tab) }
        var said: [String] = []
        for key in ["+", "+", "-", "-", "-"] {
            c.press(.character(Character(key)))
            said.append(c.state.message ?? "")
        }
        #expect(said.allSatisfy { $0.range(of: #"^Map (\d+(\.\d)? km|\d+ m) across\.$"#, options: .regularExpression) != nil }, "\(said)")
    }
}
