@testable import DispatchEngine
import Scenario
import Testing

/// Recommendations weigh what a choice costs: a divert, an interrupted break or another area's
/// unit ranks above a free unit of the incident's own area only when it arrives the grade's
/// margin sooner, and the engine dispatching follows the same rule.
@Suite("Dispatch decisions weigh their cost")
struct DispatchCostTests {
    static func busyNight(days: Double = 0.5) -> Simulation {
        var config = Scenario.builtInDefault().config
        config.duration = SimTime(days * Double(Clock.day))
        return Simulation(config: config)
    }

    @Test("Over a night, every costly unit ranked above a free one of the incident's own area arrives more than the grade's margin sooner, and says by how much")
    func costlyOnlyWhenMuchSooner() {
        let sim = Self.busyNight()
        var costlyAbove = 0, costlySeen = 0, lists = 0
        var time: SimTime = 0
        while time < sim.config.duration {
            time += 5 * Clock.minute
            sim.advance(to: time)
            for (slot, incident) in sim.world.incidents.live where incident.grade.deploys && incident.assisting == nil {
                let id = IncidentID(slot: slot, generation: sim.world.incidents.generations[Int(slot)])
                let list = sim.recommendations(for: id)
                lists += 1
                let margin = sim.config.dispatch.margin(incident.grade)
                let frees = list.filter { !$0.costly && $0.fit <= .offArea }
                for (i, r) in list.enumerated() where r.costly {
                    costlySeen += 1
                    #expect(r.gain == frees.map(\.eta).min().map { $0 - r.eta }, "the gain is over the first free unit of the area")
                    // Above any free unit of the area the plan would send, whatever their fits.
                    for f in list[(i + 1)...] where !f.costly && f.fit <= .offArea {
                        costlyAbove += 1
                        #expect(f.eta - r.eta > margin, "\(r.unit) (costly, \(r.fit)) above free \(f.unit) (\(f.fit)) for \(f.eta - r.eta) ms, margin \(margin)")
                    }
                }
            }
        }
        #expect(lists > 300 && costlySeen > 100, "\(lists) lists, \(costlySeen) costly units seen")
        print("recommendations: \(lists) lists, \(costlySeen) costly units, \(costlyAbove) ranked above a free unit (each by more than the margin)")
    }

    @Test("A week with the engine dispatching: no divert or interrupted break while a suitable free unit would get there within the margin; no 'none free' stack while one was free")
    func engineFollowsTheRule() {
        let sim = Self.busyNight(days: 7)
        // A divert or an interrupted break is the unit taken off (detached, or its break cut
        // short) and then, at once, sent: the very next send.
        var pendingCostly: UnitIndex?
        var costlySends = 0, underMargin = 0, stacks = 0, contradicted = 0
        sim.observers.append { _, event in
            guard sim.actor == .automatedDispatcher else { return }
            switch event {
            case let .unitDetached(u, _): pendingCostly = u
            case let .refreshmentsInterrupted(u, _): pendingCostly = u
            case .unitStoodDown: pendingCostly = nil
            case let .unitAssigned(u, id, eta, _, _):
                defer { pendingCostly = nil }
                guard pendingCostly == u, let record = sim.world.incident(id), record.assisting == nil else { return }
                costlySends += 1
                // As it stood before this send: a single-crewed unit would have gone alone where two must.
                let first = record.unitsAttached <= 1
                let free = sim.recommendations(for: id).filter { r in
                    !r.costly && r.fit <= .offArea && !(first && sim.config.units[Int(r.unit)].crew < sim.crewNeeded(record))
                }
                if let best = free.map(\.eta).min(), best - eta <= sim.config.dispatch.margin(record.grade) { underMargin += 1 }
            case let .incidentStacked(id, .noUnitAvailable):
                stacks += 1
                if !sim.suitableFree(for: id).isEmpty { contradicted += 1 }
            default:
                break
            }
        }
        sim.runToEnd()
        #expect(costlySends > 0 && stacks > 0, "the week had diverts or breaks interrupted (\(costlySends)) and stacks (\(stacks))")
        #expect(underMargin == 0, "\(underMargin) of \(costlySends) costly sends gained less than the margin")
        #expect(contradicted == 0, "\(contradicted) of \(stacks) 'none free' stacks while a suitable unit was free")
        print("a week of the engine dispatching: \(costlySends) diverts or breaks interrupted, \(underMargin) under the margin; \(stacks) 'none free' stacks, \(contradicted) contradicted by the board")
    }

    @Test("A person's stack reason is checked against the board: 'no suitable unit free' with units free is refused naming them; 'specialist' only where the plan needs one")
    func stackReasonsChecked() throws {
        let sim = Self.busyNight()
        sim.seatDispatcher([])
        sim.advance(to: 2 * Clock.hour)
        let waiting = sim.world.incidents.live.map { IncidentID(slot: $0.slot, generation: sim.world.incidents.generations[Int($0.slot)]) }
            .filter { sim.world.wantsUnits($0) }
        let withFree = try #require(waiting.first { !sim.suitableFree(for: $0).isEmpty }, "an incident with a suitable unit free")
        #expect(throws: CommandRefusal.self) { try sim.execute(.stack(withFree, reason: .noUnitAvailable)) }
        do { try sim.execute(.stack(withFree, reason: .noUnitAvailable)) } catch {
            guard case .suitableUnitsFree(let units) = error else { Issue.record("\(error)"); return }
            #expect(!units.isEmpty && units.count <= 5 && units == Array(sim.suitableFree(for: withFree).prefix(5)))
        }
        let plain = try #require(waiting.first { !sim.needsSpecialist(sim.world.incident($0)!) })
        #expect(throws: CommandRefusal.noSpecialistNeeded) { try sim.execute(.stack(plain, reason: .awaitingSpecialist)) }
        #expect(sim.world.incident(plain)?.stackReason == nil || sim.world.incident(plain)?.stackReason != .awaitingSpecialist)
        try sim.execute(.stack(plain, reason: .other))
        #expect(sim.world.incident(plain)?.stackReason == .other, "the reason given is kept with the incident")
    }

    @Test("The engine sends a grade 1 its own area's free unit when another area's gets there less than the margin sooner, and the other area's when it is more")
    func engineWeighsAnotherArea() {
        // Two nights with today's margin (3 min): the own area's unit goes; with none, the nearer.
        let kept = Self.otherAreaSends(margin: 3 * Clock.minute)
        let none = Self.otherAreaSends(margin: 0)
        #expect(kept.home > 0, "own area's unit sent within the margin: \(kept)")
        #expect(none.across > 0 && none.home == 0, "with no margin the nearer goes: \(none)")
    }

    /// Grade 1s where another area's free unit would get there sooner than the own area's: how
    /// often the engine sent each, checking each choice against the margin.
    static func otherAreaSends(margin: SimTime) -> (home: Int, across: Int) {
        var config = TestWorlds.quieterDefault()
        config.dispatch.margins[0] = margin
        let sim = Simulation(config: config)
        let dispatcher = AutomatedDispatcher(policy: config.dispatch)
        var home = 0, across = 0
        var time: SimTime = 0
        while time < config.duration {
            time += 3 * Clock.minute
            sim.advance(to: time)
            for (_, incident) in sim.world.incidents.live where incident.grade == .immediate {
                let to = sim.placePosition(incident.place)
                let area = config.places[Int(incident.place)].area
                // The nearest free unit the plan sends first, of each side.
                func nearest(_ own: Bool) -> (UnitIndex, SimTime)? {
                    sim.world.available.compactMap { u -> (UnitIndex, SimTime)? in
                        guard sim.fit(u, for: incident) == .preferred, (config.units[Int(u)].area == area) == own else { return nil }
                        return (u, sim.travel.estimate(unit: u, from: sim.world.units[Int(u)].destination, to: to, grade: .immediate))
                    }.min { ($0.1, $0.0) < ($1.1, $1.0) }
                }
                guard let mine = nearest(true), let theirs = nearest(false), theirs.1 < mine.1 else { continue }
                let sent = dispatcher.bestFree(for: incident, sim)
                if mine.1 - theirs.1 <= margin {
                    #expect(sent == mine.0, "another area's unit \(mine.1 - theirs.1) ms sooner, within the margin: its own area's goes")
                    home += 1
                } else {
                    #expect(sent == theirs.0, "another area's unit \(mine.1 - theirs.1) ms sooner, past the margin: it goes")
                    across += 1
                }
            }
        }
        return (home, across)
    }
}
