import DispatchEngine
import ReadModel
import Scenario
import Testing

@Suite("Incident narrative")
struct NarrativeTests {
    @Test("Each incident's narrative tells its story in order, from opening to closing")
    func story() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 12 * Clock.hour
        let sim = Simulation(config: config)
        let log = IncidentLog()
        log.attach(to: sim)
        sim.runToEnd()
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
    func night() -> (Simulation, IncidentLog) {
        var config = Scenario.builtInDefault().config
        config.duration = 3 * Clock.day
        let sim = Simulation(config: config)
        let log = IncidentLog()
        log.attach(to: sim)
        sim.runToEnd()
        return (sim, log)
    }

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
