import DispatchEngine
import ReadModel
import Scenario
import Testing

/// The built-in Friday night run for `duration` with an incident log following it.
func loggedNight(_ duration: SimTime) -> (Simulation, IncidentLog) {
    var config = Scenario.builtInDefault().config
    config.duration = duration
    let sim = Simulation(config: config)
    let log = IncidentLog()
    log.attach(to: sim)
    sim.runToEnd()
    return (sim, log)
}

@Suite("Incident narrative")
struct NarrativeTests {
    @Test("Each incident's narrative tells its story in order, from opening to closing")
    func story() throws {
        let (sim, log) = loggedNight(12 * Clock.hour)
        let closed = log.entries.filter { $0.closedAt != nil }
        #expect(closed.count > 20)
        for story in closed {
            let facts = story.narrative.map(\.fact)
            guard case let .opened(reference, _, _, grade, _, caller)? = facts.first else {
                Issue.record("incident \(story.reference) does not start with its opening"); continue
            }
            #expect(reference == story.reference)
            #expect(caller != nil, "incident \(reference) has no caller")
            guard case .closed? = facts.last else { Issue.record("incident \(reference) does not end closed"); continue }
            #expect(story.narrative.map(\.time) == story.narrative.map(\.time).sorted())
            if grade.deploys {
                #expect(facts.contains { if case .unitAtScene = $0 { true } else { false } },
                        "incident \(reference) closed without anyone attending")
            }
        }
        // Open incidents are still being written.
        #expect(log.openCount == sim.world.incidents.count)
        #expect(log.entries.filter { $0.closedAt == nil }.count == sim.world.incidents.count)
    }
}

@Suite("Incidents as they went")
struct IncidentLookupTests {
    /// Three nights: enough for the busiest addresses to see more incidents than are shown.
    func night() -> (Simulation, IncidentLog) { loggedNight(3 * Clock.day) }

    @Test("Each address shows its latest incidents, oldest first, closed ones included")
    func placeHistory() throws {
        let (_, log) = night()
        let busiest = try #require(Dictionary(grouping: log.entries, by: \.place).max { $0.value.count < $1.value.count })
        #expect(busiest.value.count > 6, "a busy address for the test")
        let shown = log.previous(at: busiest.key)
        #expect(shown.map(\.reference) == busiest.value.suffix(6).map(\.reference))
        #expect(shown.map(\.openedAt) == shown.map(\.openedAt).sorted())
        #expect(log.previous(at: busiest.key, last: 2).map(\.reference) == busiest.value.suffix(2).map(\.reference))
    }

    @Test("The call that opened an incident finds it; a closed incident keeps its record and story")
    func byCallAndReference() throws {
        let (sim, log) = night()
        let closed = try #require(log.entries.first { $0.closedAt != nil })
        #expect(log.reference(openedBy: closed.callNumber) == closed.reference)
        #expect(log.entry(reference: closed.reference)?.narrative.first?.fact
                == .opened(reference: closed.reference, callNumber: closed.callNumber, line: closed.line,
                           grade: closed.firstGrade, type: closed.type, caller: closed.narrative.first.flatMap {
                               if case let .opened(_, _, _, _, _, caller) = $0.fact { caller } else { nil } }))
        #expect(log.narrative(of: closed.id) == closed.narrative)
        #expect(sim.world.incident(closed.id) == nil, "the world has forgotten it; the log has not")
        #expect(log.reference(openedBy: -1) == nil)
    }
}

@Suite("The incident list kept as events arrive")
struct IncidentListTests {
    @Test("Mended row by row, the list is always the list made afresh, in every order and filter")
    func incrementalEqualsFresh() throws {
        // A stretched floor: hundreds of incidents open, a few changing between looks.
        let text = """
        name: Stretched floor
        start: 2026-11-27 18:00
        duration: 6h
        travel: {time: 5m}
        roster:
          units: [{callsign: "U###", count: 120, skills: [taser]}]
          call_handlers: 40
        demand:
          "999":
            calls_per_hour: 400
            handling: 30s
            outcomes: {incident: 100}
        incident_types:
          - {name: concern for safety, share: 60, grades: [20, 30, 50, 0], handling: 30s, on_scene: 3h}
          - {name: anti-social behaviour, share: 40, grades: [10, 30, 60, 0], handling: 30s, on_scene: 2h}
        """
        let config = try Scenario.parse(text: text, file: "stretched.yaml").config
        let simulation = Simulation(config: config)
        let floor = Floor(simulation: simulation, scenarioName: "incremental")
        // The same floor made afresh at every look.
        let afresh = Floor(simulation: simulation, scenarioName: "afresh")
        var queries = IncidentOrder.allCases.map { IncidentQuery(order: $0) }
        var byGrade = IncidentQuery(order: .risk)
        byGrade.filter.grade = .priority
        queries.append(byGrade)
        queries.append(IncidentQuery(order: .age, search: "u1"))
        var checks = 0, seen = 0
        while simulation.now < config.duration {
            // Mostly a few events between looks (the rows mended one by one), now and then many.
            simulation.advance(to: simulation.now + (checks % 5 == 0 ? 7 * Clock.minute : 5 * Clock.second))
            // Looked at every time, as a console does: what changed in between is mended.
            let query = queries[(checks / 30) % queries.count]
            let mended = floor.incidentRows(query)
            afresh.forgetRows()
            let fresh = afresh.incidentRows(query)
            #expect(mended == fresh, "at \(simulation.now / Clock.minute) min, \(query.order)")
            checks += 1
            seen = max(seen, mended.count)
        }
        #expect(checks > 200 && seen > 200, "\(checks) looks, at most \(seen) open")
    }
}
