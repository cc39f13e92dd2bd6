@testable import DispatchEngine
import Scenario
import Testing

@Suite("Urgent assistance: an officer's emergency above every grade")
struct UrgentAssistanceTests {
    @Test("Over 200 presses of the default district, the first assisting unit is sent within 30 s whenever one is within 10 km, whatever the grade of the job")
    func twoHundredPresses() {
        var config = Scenario.builtInDefault().config
        config.duration = 40 * Clock.day
        // Officers press far more often than on a real night, so that 200 presses come quickly,
        // on jobs of every grade.
        for t in config.incidentTypes.indices { config.incidentTypes[t].emergencyShare = 0.15 }
        let simulation = Simulation(config: config)
        var raised: [(id: IncidentID, at: SimTime, jobGrade: Grade?, nearby: Bool)] = []
        var firstSent: [IncidentID: SimTime] = [:]
        simulation.observers.append { time, event in
            switch event {
            case let .incidentCreated(id, opening) where opening.assisting != nil:
                let within10km = simulation.recommendations(for: id).contains { ($0.distance ?? .infinity) <= 10 }
                raised.append((id, time, opening.linkedTo.flatMap { simulation.world.incident($0)?.grade }, within10km))
            case let .unitAssigned(_, id, _, _, _) where firstSent[id] == nil:
                firstSent[id] = time
            default: break
            }
        }
        while raised.count < 200 && simulation.now < config.duration {
            simulation.advance(to: simulation.now + Clock.hour)
        }
        #expect(raised.count >= 200)
        let judged = raised.prefix(200).filter(\.nearby)
        let late = judged.filter { press in firstSent[press.id].map { $0 - press.at > 30 * Clock.second } ?? true }
        let grades = Set(judged.compactMap(\.jobGrade))
        print("urgent assistance: \(raised.prefix(200).count) presses, \(judged.count) with a unit within 10 km, \(late.count) without a unit sent within 30 s; jobs of grades \(grades.map(\.rawValue).sorted())")
        #expect(judged.count > 150)
        #expect(late.isEmpty)
        #expect(grades.count >= 3, "presses on jobs of grades 1, 2 and 3")
    }

    static let street = """
    name: street
    start: 2026-11-27 22:00
    duration: 2h
    seed: 3
    refreshments: false
    area:
      areas: [{name: Town}]
      stations: [{name: Town station, at: [0, 0], area: Town}]
      places:
        - {name: Co-op, at: [0.5, 0], area: Town}
        - {name: Park, at: [2, 1], area: Town}
    roster:
      units:
        - {callsign: HY12, kind: response, crew: 1, station: Town station}
        - {callsign: HY13, kind: response, crew: 2, station: Town station}
        - {callsign: HY14, kind: response, crew: 2, station: Town station}
      call_handlers: 1
    demand:
      "999": {calls_per_hour: 0, handling: 1m, outcomes: {incident: 100}}
    incident_types:
      - {name: shoplifting, share: 50, grades: [0, 0, 100, 0], handling: 5m, on_scene: 3h}
      - {name: theft, share: 50, grades: [0, 100, 0, 0], handling: 5m, on_scene: 3h}
    """

    @Test("A press on a grade-3 job raises urgent assistance at the officer's place: a unit on a grade-2 job is diverted to it, and it closes only once a unit is with the officer and the officer is safe")
    func aboveEveryGrade() throws {
        let sim = Simulation(config: TestWorlds.load(Self.street))
        sim.dispatcher = nil
        sim.advance(to: Clock.minute)
        let shoplifting = ResponsePlanTests.open(sim, type: 0, grade: .scheduled, place: 0)
        let theft = ResponsePlanTests.open(sim, type: 1, grade: .priority, place: 1)
        try sim.execute(.assign(0, shoplifting))
        try sim.execute(.assign(1, theft))
        try sim.execute(.assign(2, theft))
        sim.advance(to: 20 * Clock.minute)
        #expect(sim.world.units[0].status == .atScene)
        sim.emergencyPress(0)
        let assistance = try #require(sim.urgentAssistance(for: 0))
        let record = try #require(sim.world.incident(assistance))
        #expect(record.grade == .immediate && record.linkedTo == shoplifting && record.place == 0)
        // A grade-2 job's unit may be diverted (no regrade by hand), and the officer is not offered.
        let offered = sim.recommendations(for: assistance)
        #expect(offered.map(\.unit).contains(1) && !offered.map(\.unit).contains(0))
        try sim.execute(.divert(1, assistance))
        // The engine's dispatcher sends the second at once.
        sim.seatDispatcher(nil)
        #expect(sim.world.units.indices.filter { sim.world.units[$0].incident == assistance }.count == 2)
        // Safe before anyone got there: the incident stays open until a unit is with her.
        sim.emergencyOver(0)
        #expect(sim.world.isOpen(assistance))
        sim.advance(to: sim.now + 30 * Clock.minute)
        #expect(!sim.world.isOpen(assistance))
        // Her colleagues clear from it (and go back to the work waiting).
        #expect(sim.world.units[1].incident != assistance && sim.world.units[2].incident != assistance)
    }
}
