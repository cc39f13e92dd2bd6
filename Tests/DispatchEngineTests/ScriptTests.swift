import DispatchEngine
import Scenario
import Testing

/// A small scripted world: two areas, a handful of places and units, no generated calls unless
/// a test adds them.
enum ScriptedWorld {
    static func yaml(roster: String = defaultRoster, script: String, demand: String = "") -> String {
        """
        name: Script test
        start: 2026-11-27 22:00
        duration: 4h
        seed: 5
        refreshments: false
        area:
          areas:
            - name: Hartley
          stations:
            - {name: Hartley Police Station, at: [0, 0], area: Hartley}
          places:
            - {name: "14 Birch Close", at: [1.0, 0.5], area: Hartley}
            - {name: "22 Mill Lane", at: [-1.0, 0.8], area: Hartley, markers: [violent to police]}
            - {name: "Market Square", at: [0.2, 0.1], area: Hartley}
        \(roster)
        \(demand)
        incident_types:
          - name: concern for safety
            share: 50
            grades: {"999": [50, 50, 0, 0], "101": [0, 50, 50, 0]}
            handling: {lognormal: {median: 4m, p90: 8m}}
            on_scene: {lognormal: {median: 30m, p90: 60m}}
          - name: violence
            share: 50
            violent: true
            units: [2, 1, 1]
            grades: {"999": [50, 50, 0, 0], "101": [0, 50, 50, 0]}
            handling: {lognormal: {median: 4m, p90: 8m}}
            on_scene: {lognormal: {median: 30m, p90: 60m}}
        script:
        \(script)
        """
    }

    static let defaultRoster = """
        roster:
          units:
            - {callsign: HY11, kind: response, crew: 2, skills: [first_aid, taser], station: Hartley Police Station}
            - {callsign: HY12, kind: response, crew: 2, skills: [first_aid], station: Hartley Police Station}
            - {callsign: HY13, kind: response, crew: 1, station: Hartley Police Station}
          call_handlers: 2
        """

    /// Nobody on duty to send: what happens when nobody acts.
    static let emptyRoster = """
        roster:
          units:
            - {callsign: HY11, kind: response, crew: 2, station: Hartley Police Station, shift: "06:00-14:00"}
          call_handlers: 2
        """

    static func simulation(_ text: String) throws -> Simulation {
        let scenario = try Scenario.parse(text: text, file: "script-test.yaml")
        return Simulation(config: scenario.config)
    }

    static func events(_ simulation: Simulation, until: SimTime) -> [(SimTime, Event)] {
        var out: [(SimTime, Event)] = []
        simulation.observers.append { out.append(($0, $1)) }
        simulation.advance(to: until)
        return out
    }
}

@Suite("Scripted scenarios in the engine")
struct ScriptTests {
    @Test("A scripted call rings at its time with its hidden truth; the engine's handler makes it the incident written")
    func scriptedCallRings() throws {
        let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: """
              - at: "22:10"
                call: {name: fight, line: 999, type: violence, grade: 1, place: Market Square, says: ["They're fighting outside the Red Lion!"]}
            """))
        let events = ScriptedWorld.events(sim, until: 30 * Clock.minute)
        let arrived = try #require(events.first { if case .callArrived = $0.1 { true } else { false } })
        #expect(arrived.0 == 10 * Clock.minute)
        guard case let .callArrived(_, _, line, draw) = arrived.1 else { return }
        #expect(line == .emergency)
        #expect((draw.type, draw.grade, draw.place, draw.script) == (1, .immediate, 2, 0))
        let created = try #require(events.compactMap { e -> IncidentOpening? in
            if case let .incidentCreated(_, opening) = e.1 { return opening } else { return nil }
        }.first)
        #expect((created.type, created.grade, created.place) == (1, .immediate, 2))
        #expect(sim.scriptedIncident(0) != nil)
        #expect(events.contains { if case .unitAssigned(_, let id, _, _, _) = $0.1 { id == sim.scriptedIncident(0) } else { false } })
    }

    @Test("Further callers about a scripted call are linked to its incident")
    func furtherCallersLinked() throws {
        let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: """
              - {at: 5m, call: {name: fight, type: violence, grade: 1, place: Market Square}}
              - {at: 12m, call: {name: fight-2, type: violence, grade: 1, place: Market Square, reports_again: fight}}
            """))
        let events = ScriptedWorld.events(sim, until: 40 * Clock.minute)
        let incident = try #require(sim.scriptedIncident(0))
        let linked = events.filter { if case .callHandled(_, .duplicate, incident) = $0.1 { true } else { false } }
        #expect(linked.count == 1)
        #expect(events.filter { if case .incidentCreated = $0.1 { true } else { false } }.count == 1)
    }

    @Test("Nobody at scene: the caller rings back, then it escalates (re-graded, and they ring again)")
    func ringsBackAndEscalates() throws {
        let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(roster: ScriptedWorld.emptyRoster, script: """
              - at: 5m
                call:
                  name: domestic
                  type: violence
                  grade: 2
                  place: 22 Mill Lane
                  rings_back_after: 20m
                  escalates: {after: 40m, grade: 1, says: ["He's got a knife now!"]}
            """))
        let events = ScriptedWorld.events(sim, until: 2 * Clock.hour)
        let calls = events.compactMap { e -> (SimTime, CallDraw)? in
            if case let .callArrived(_, _, _, draw) = e.1 { return (e.0, draw) } else { return nil }
        }
        #expect(calls.map(\.0) == [5 * Clock.minute, 25 * Clock.minute, 45 * Clock.minute])
        #expect(calls.map(\.1.scriptPart) == [0, 1, 2])
        let regraded = events.first { if case .incidentRegraded(_, .immediate) = $0.1 { true } else { false } }
        #expect(regraded?.0 == 45 * Clock.minute)
    }

    @Test("Someone at scene: no ring back, no escalation")
    func attendedDoesNotEscalate() throws {
        let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: """
              - {at: 5m, call: {name: domestic, type: violence, grade: 1, place: 22 Mill Lane, rings_back_after: 40m, escalates: {after: 60m, grade: 1}}}
            """))
        let events = ScriptedWorld.events(sim, until: 2 * Clock.hour)
        #expect(events.filter { if case .callArrived = $0.1 { true } else { false } }.count == 1)
    }

    @Test("Conditions: a cue fires only if its condition holds at its time")
    func conditions() throws {
        let script = """
              - {at: 5m, call: {name: overdose, type: concern for safety, grade: 1, place: 14 Birch Close}}
              - {at: 50m, if: {no_unit_at_scene: overdose}, call: {name: neighbour, type: concern for safety, grade: 1, place: 14 Birch Close, reports_again: overdose}}
              - {at: 50m, if: {unit_at_scene: overdose}, radio: {unit: HY11, says: "Heard they found her in time."}}
            """
        let staffed = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: script))
        let a = ScriptedWorld.events(staffed, until: Clock.hour)
        #expect(a.filter { if case .callArrived = $0.1 { true } else { false } }.count == 1)
        #expect(a.contains { if case .radio(let t) = $0.1 { t.message == .text("Heard they found her in time.") } else { false } })

        let unstaffed = try ScriptedWorld.simulation(ScriptedWorld.yaml(roster: ScriptedWorld.emptyRoster, script: script))
        let b = ScriptedWorld.events(unstaffed, until: Clock.hour)
        #expect(b.filter { if case .callArrived = $0.1 { true } else { false } }.count == 2)
        #expect(!b.contains { if case .radio(let t) = $0.1 { t.message == .text("Heard they found her in time.") } else { false } })
    }

    @Test("Units do what the script says: radio, a state, the emergency button, out of service, a shift change")
    func unitEvents() throws {
        let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: """
              - {at: 2m, radio: {unit: HY11, says: "Show us out on foot patrol, Market Square."}}
              - {at: 3m, status: {unit: HY12, state: 2}}
              - {at: 4m, emergency: HY13, expect: {acknowledged_within: 30s}}
              - {at: 20m, out_of_service: {unit: HY11, for: 1h, says: "Car's broken down on the A61."}}
              - {at: 30m, book_off: [HY12]}
              - {at: 31m, book_on: [HY12]}
            """))
        let events = ScriptedWorld.events(sim, until: 2 * Clock.hour)
        func at(_ t: SimTime, _ match: (Event) -> Bool) -> Bool { events.contains { $0.0 == t && match($0.1) } }
        #expect(at(2 * Clock.minute) { if case .radio(let t) = $0 { t.message == .text("Show us out on foot patrol, Market Square.") } else { false } })
        #expect(at(3 * Clock.minute) { $0 == .unitStatusChanged(1, .onPatrol) })
        #expect(at(4 * Clock.minute) { $0 == .unitStatusChanged(2, .emergency) })
        #expect(events.contains { $0.1 == .emergencyAcknowledged(2) }, "the engine's dispatcher acknowledges it")
        #expect(at(20 * Clock.minute) { $0 == .unitStatusChanged(0, .committedNotDeployable) })
        #expect(at(80 * Clock.minute) { if case .radio(let t) = $0 { t.unit == 0 && t.message == .bookingOn } else { false } })
        #expect(at(30 * Clock.minute) { $0 == .unitShiftEnded(1) })
        #expect(at(31 * Clock.minute) { if case .unitShiftStarted(1, _, _, _) = $0 { true } else { false } })
        #expect(sim.config.script.cues[2].acknowledgeWithin == 30 * Clock.second)
    }

    @Test("A surge multiplies the generated demand while it lasts")
    func surge() throws {
        let demand = """
            demand:
              "999":
                calls_per_hour: 20
                handling: {lognormal: {median: 4m, p90: 8m}}
                outcomes: {incident: 100}
            """
        func calls(_ script: String) throws -> (during: Int, after: Int) {
            let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: script, demand: demand))
            let events = ScriptedWorld.events(sim, until: 4 * Clock.hour)
            let times = events.compactMap { e -> SimTime? in if case .callArrived = e.1 { return e.0 } else { return nil } }
            return (times.filter { $0 >= Clock.hour && $0 < 2 * Clock.hour }.count, times.filter { $0 >= 2 * Clock.hour }.count)
        }
        let quiet = try calls("  - {at: 3h59m, radio: {unit: HY11, says: nothing}}")
        let surged = try calls("  - {at: 1h, surge: {factor: 4, for: 1h}}")
        #expect(surged.during > quiet.during * 2, "\(surged) vs \(quiet)")
        #expect(Double(surged.after) < Double(quiet.after) * 1.6 + 10)
    }

    @Test("The instructor injects a cue now; a cue that does not exist is refused")
    func inject() throws {
        let sim = try ScriptedWorld.simulation(ScriptedWorld.yaml(script: """
              - {at: 3h, call: {name: late, type: violence, grade: 1, place: Market Square}}
            """))
        sim.advance(to: 10 * Clock.minute)
        var rang: [Event] = []
        sim.observers.append { _, e in if case .callArrived = e { rang.append(e) } }
        try sim.perform(.inject(cue: 0))
        #expect(rang.count == 1)
        #expect(throws: CommandRefusal.noSuchCue) { try sim.perform(.inject(cue: 7)) }
        #expect(throws: CommandRefusal.cueAlreadyFired) { try sim.perform(.inject(cue: 0)) }
        // Fired by hand, it does not ring again at its own time.
        sim.advance(to: 4 * Clock.hour)
        #expect(rang.count == 1)
    }

    @Test("The same scripted scenario and seed give the same night")
    func deterministic() throws {
        let text = ScriptedWorld.yaml(script: """
              - {at: 5m, call: {name: a, type: violence, grade: 1, place: Market Square}}
              - {at: 9m, call: {name: b, type: violence, grade: 1, place: Market Square, reports_again: a}}
              - {at: 30m, emergency: HY11}
            """, demand: """
            demand:
              "999": {calls_per_hour: 10, handling: {lognormal: {median: 4m, p90: 8m}}, outcomes: {incident: 80, advice: 20}}
            """)
        let a = ScriptedWorld.events(try ScriptedWorld.simulation(text), until: 4 * Clock.hour).map { "\($0.0) \($0.1)" }
        let b = ScriptedWorld.events(try ScriptedWorld.simulation(text), until: 4 * Clock.hour).map { "\($0.0) \($0.1)" }
        #expect(a == b)
        #expect(a.count > 200)
    }
}
