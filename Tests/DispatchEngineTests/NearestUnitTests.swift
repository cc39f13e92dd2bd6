@testable import DispatchEngine
import Scenario
import Testing

@Suite("The nearest free unit")
struct NearestUnitTests {
    /// Every free unit's journey worked out, as the dispatcher did before it searched outward:
    /// the best fit to the plan first, then the earliest arrival (another area's unit the
    /// grade's margin later), then the lower unit.
    func scanned(_ record: Incident, _ sim: Simulation) -> UnitIndex? {
        let to = sim.placePosition(record.place)
        let home = sim.config.places[Int(record.place)].area
        var best: (fit: PlanFit, eta: SimTime, unit: UnitIndex)?
        for unit in sim.world.available {
            guard let fit = sim.fit(unit, for: record), fit <= .offArea else { continue }
            let eta = sim.travel.estimate(unit: unit, from: sim.world.units[Int(unit)].destination, to: to, grade: record.grade)
                + (sim.config.units[Int(unit)].area != home ? sim.config.dispatch.margin(record.grade) : 0)
            if best.map({ (fit, eta, unit) < ($0.fit, $0.eta, $0.unit) }) ?? true { best = (fit, eta, unit) }
        }
        return best?.unit
    }

    @Test("Searching outward from the incident finds the unit that working out every journey finds, ties to the lower unit")
    func outwardSearchIsExact() {
        let config = TestWorlds.quieterDefault()
        let simulation = Simulation(config: config)
        let dispatcher = AutomatedDispatcher(policy: config.dispatch)
        var compared = 0, found = 0
        var time: SimTime = 0
        while time < config.duration {
            time += 3 * Clock.minute
            simulation.advance(to: time)
            for (_, incident) in simulation.world.incidents.live where incident.grade == .immediate || incident.grade == .priority {
                let expected = scanned(incident, simulation)
                #expect(dispatcher.bestFree(for: incident, simulation) == expected, "at \(time) ms, incident \(incident.reference)")
                compared += 1
                if expected != nil { found += 1 }
            }
        }
        #expect(compared > 200 && found > 100, "\(compared) incidents looked at, \(found) with a free unit")
    }

    @Test("The free units' index follows units as they come free, move and are sent")
    func indexFollowsUnits() {
        var index = FreeUnitIndex(units: 4)
        index.add(2, at: Position(x: 5, y: 1))
        index.add(0, at: Position(x: 5, y: -2))
        index.add(1, at: Position(x: -3, y: 0))
        #expect(index.entries.map(\.unit) == [1, 0, 2], "west to east, then by unit")
        index.add(1, at: Position(x: 9, y: 4))
        #expect(index.entries.map(\.unit) == [0, 2, 1] && index.holds(1, at: Position(x: 9, y: 4)) && !index.holds(1, at: Position(x: 9, y: 0)) && !index.holds(1, at: Position(x: -3, y: 0)))
        index.remove(0)
        index.remove(3)
        #expect(index.entries.map(\.unit) == [2, 1] && index.position(x: 6) == 1)
    }
}
