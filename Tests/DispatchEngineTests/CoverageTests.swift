import Testing
@testable import DispatchEngine
import Scenario

/// Coverage against hand-computed cases: a unit at its station, the grade-1 targets (15 minutes
/// urban, 20 rural), places in and out of reach.
@Suite("Coverage")
struct CoverageTests {
    // Blue lights at 60 km/h on straight roads with a minute to get going: d km takes d + 1 minutes.
    static let town = """
    name: coverage
    start: 2026-11-27 22:00
    duration: 2h
    seed: 1
    area:
      areas: [{name: Town}, {name: Moor, rural: true}]
      stations: [{name: Town Station, at: [0, 0], area: Town}]
      places:
        - {name: A, at: [3, 0], area: Town, weight: 1}
        - {name: B, at: [14.5, 0], area: Town, weight: 3}
        - {name: C, at: [0, 18], area: Moor, weight: 2}
        - {name: D, at: [0, 25], area: Moor, weight: 2}
    travel:
      road_factor: 1
      turnout: 60s
      speeds: {response: [40, 60], pcso: [60, 60]}
    roster:
      units:
        - {callsign: R1, kind: response, station: Town Station}
        - {callsign: P1, kind: pcso, station: Town Station}
      call_handlers: 1
    demand:
      "999": {calls_per_hour: 0, handling: 2m, outcomes: {incident: 100}}
    incident_types:
      - {name: fight, share: 100, grades: [100, 0, 0, 0], handling: 2m, on_scene: 30m}
    """

    @Test("A unit at the station covers A (4 min) of Town but not B (15.5 min): 1 of 4 by weight; C (19 min) of the rural Moor but not D (26): half")
    func handComputed() throws {
        let config = try Scenario.parse(text: Self.town, file: "coverage.yaml").config
        let sim = Simulation(config: config)
        sim.advance(to: Clock.second)
        let cover = sim.coverage()
        #expect(cover.map(\.area) == [0, 1])
        #expect(cover[0].share == 0.25)
        #expect(cover[1].share == 0.5)
        #expect(cover[0].freeUnits == 1, "the PCSO does not count: never sent to a grade 1")
        #expect(cover.map(\.outOfReach) == [[1], [3]], "B and D are out of reach (the map shades them)")
    }

    @Test("With the only response unit committed, nothing is covered")
    func committed() throws {
        let config = try Scenario.parse(text: Self.town, file: "coverage.yaml").config
        let sim = Simulation(config: config)
        sim.advance(to: Clock.second)
        try sim.execute(.setStatus(0, .committedNotDeployable))
        let cover = sim.coverage()
        #expect(cover.map(\.share) == [0, 0])
        #expect(cover[0].freeUnits == 0)
    }

    @Test("The report's record: as each hour of a quiet night began, Town 25% (thin, below half) and the Moor 50% (not thin)")
    func hourByHour() throws {
        var config = try Scenario.parse(text: Self.town, file: "coverage.yaml").config
        config.duration = 3 * Clock.hour
        let sim = Simulation(config: config)
        var record = CoverageRecord(config: config)
        sim.runToEnd(noting: &record)
        #expect(record.areas.map(\.hours) == [3, 3])
        #expect(record.areas.map(\.mean) == [0.25, 0.5])
        #expect(record.areas.map(\.lowest) == [0.25, 0.5])
        #expect(record.areas.map(\.thinHours) == [3, 0])
        config.coverageAlert = 0.6
        var strict = CoverageRecord(config: config)
        Simulation(config: config).runToEnd(noting: &strict)
        #expect(strict.areas.map(\.thinHours) == [3, 3])
    }

    @Test("The only free unit an armed car: the area is not covered (it is kept for firearms), and what it would add is said apart")
    func specialistsApart() throws {
        let text = Self.town.replacingOccurrences(of: "    - {callsign: P1, kind: pcso, station: Town Station}",
                                                  with: "    - {callsign: P1, kind: pcso, station: Town Station}\n    - {callsign: ARV1, kind: armed, crew: 2, skills: [firearms], station: Town Station}")
        let config = try Scenario.parse(text: text, file: "coverage.yaml").config
        let sim = Simulation(config: config)
        sim.advance(to: Clock.second)
        try sim.execute(.setStatus(0, .committedNotDeployable))
        let cover = sim.coverage()
        #expect(config.units.map(\.callsign) == ["R1", "P1", "ARV1"])
        #expect(cover.map(\.share) == [0, 0], "the armed car does not cover for a grade 1")
        // At 75 km/h it would reach A and B in Town (4 of 4 by weight) and C in the Moor, not D.
        #expect(cover.map(\.withSpecialists) == [1, 0.5], "what it could reach, said apart")
        #expect(cover[0].freeUnits == 0)
    }
}
