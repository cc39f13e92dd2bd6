import ReadModel
import Debrief
import DispatchEngine
import Foundation
import Journal
import Scenario
import Testing

@Suite("Training: scripted scenarios, the score and the debrief")
struct DebriefTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]
    static let training = (try? FileManager.default.contentsOfDirectory(atPath: root + "/scenarios/training"))?
        .filter { $0.hasSuffix(".yaml") }.sorted() ?? []

    static func temporaryJournal() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("debrief-\(UUID().uuidString)/s.journal").path
    }

    @Test("Thirteen training scenarios are shipped")
    func shipped() {
        #expect(Self.training.count == 13)
    }

    @Test("Each shipped training scenario can be completed: the model trainee meets every expectation", arguments: training)
    func completable(_ name: String) throws {
        let path = Self.root + "/scenarios/training/" + name
        let scenario = try Scenario.load(path: path)
        #expect(!scenario.config.script.calls.isEmpty)
        let journal = try Practice.run(scenario, file: path, journalPath: Self.temporaryJournal())
        let debrief = try Debrief.build(path: journal)
        #expect(!debrief.findings.isEmpty, "\(name) expects nothing")
        for finding in debrief.findings where !finding.met {
            Issue.record("\(name): \(finding.subject): \(finding.expectation): \(finding.detail)")
        }
        #expect(debrief.score == 100)
        #expect(try JournalVerification.check(Journal.open(at: journal, readOnly: true)).difference == nil)
    }

    /// A session in the dispatcher's seat in which the trainee does nothing at all.
    static func idleDispatcher(_ file: String) throws -> String {
        let scenario = try Scenario.load(path: root + "/scenarios/training/" + file)
        let path = temporaryJournal()
        let journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: scenario.config.seed,
            role: "dispatcher", areas: [], trainee: "Idle Ivy", operatorName: "Idle Ivy", startedAt: 0, program: "tests"))
        let simulation = Simulation(config: scenario.config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "dispatcher")
        try simulation.perform(.dispatchSeat(areas: []))
        simulation.advance(to: scenario.config.duration)
        recorder.finish()
        return path
    }

    @Test("A trainee who takes the dispatcher's seat and sends nobody misses the dispatch, skills and warnings, and is told why; the engine's grading is not theirs")
    func idleTraineeMisses() throws {
        let debrief = try Debrief.build(path: Self.idleDispatcher("03-intruders-at-night.yaml"))
        let missed = debrief.yours.filter { !$0.met }.map(\.expectation)
        #expect(missed.contains("first unit sent within 5:00 of the call"))
        #expect(missed.contains("a unit with dog_handler sent"))
        #expect(missed.contains("warning markers passed to the attending units"))
        // The engine's call handler graded it: named as theirs, for no points.
        let graded = try #require(debrief.findings.first { $0.expectation == "graded 1" })
        #expect(!graded.yours && graded.met && graded.detail.contains("by the engine's call handler"), "\(graded.detail)")
        #expect(debrief.score == 0)   // 0 of the dispatcher's 45 points
        let text = debrief.text()
        #expect(text.contains("SCORE 0/100 (0 of 45 points)"))
        #expect(text.contains("- intruders (0001): first unit sent within 5:00 of the call: no unit was sent (call at 02:10:00): it waited"))
        #expect(text.contains("Other seats' work (no points for you)\n  . intruders (0001): graded 1: given grade 1"))
    }

    @Test("Scores are comparable: the same scenario, seed and actions give the same debrief")
    func sameActionsSameScore() throws {
        let a = try Debrief.build(path: Self.idleDispatcher("02-domestic-warning-markers.yaml"))
        let b = try Debrief.build(path: Self.idleDispatcher("02-domestic-warning-markers.yaml"))
        #expect(a.json() == b.json())
    }

    @Test("The debrief in text (with the timeline chart), Markdown and JSON")
    func formats() throws {
        let path = try Practice.run(try Scenario.load(path: Self.root + "/scenarios/training/06-street-fight.yaml"),
                                    file: "06-street-fight.yaml", journalPath: Self.temporaryJournal())
        let debrief = try Debrief.build(path: path)
        let text = debrief.text(width: 100)
        #expect(text.contains("SCORE 100/100 (75 of 75 points)"))
        #expect(text.contains("further callers linked to the incident: 2 of 2 further calls linked"))
        let chartLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("  fight 0001 [") })
        for mark in ["R", "D", "S", "X", "|"] { #expect(chartLine.contains(mark), "chart: \(chartLine)") }
        let markdown = debrief.markdown()
        #expect(markdown.contains("## Score: 100/100"))
        #expect(markdown.contains("| met | call handling | fight | 0001 | graded 1 |"))
        let json = try JSONSerialization.jsonObject(with: Data(debrief.json().utf8)) as? [String: Any]
        #expect(json?["score"] as? Int == 100)
        #expect((json?["findings"] as? [[String: Any]])?.count == debrief.findings.count)
        // The KPIs as numbers a program reads, not words ("0%", "3.5 min").
        let kpis = try #require(json?["kpis"] as? [String: Any])
        #expect(kpis["incidents_created"] as? Double ?? Double(kpis["incidents_created"] as? Int ?? -1) > 0)
        #expect(kpis["grade1_within_target_percent"] is NSNumber)
        #expect(!kpis.values.contains { $0 is String })
    }

    /// Sam's recorded session on a training scenario, as dispatcher (the engine still dispatches
    /// until Sam takes the seat); another trainee, seat or scenario file when given.
    static func samsSession(_ file: String, trainee: String = "Sam", role: String = "dispatcher",
                            scenarioPath: String? = nil) throws -> (scenario: Scenario, path: String, simulation: Simulation, recorder: SessionRecorder) {
        let scenario = try Scenario.load(path: scenarioPath ?? Self.root + "/scenarios/training/" + file)
        let path = Self.temporaryJournal()
        let journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: scenario.config.seed,
            role: role, areas: [], trainee: trainee, operatorName: trainee, startedAt: 0, program: "tests"))
        let simulation = Simulation(config: scenario.config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: role)
        return (scenario, path, simulation, recorder)
    }

    @Test("During a session, what can still be done is 'still to do', not missed; at the end it is missed")
    func pendingDuringTheSession() throws {
        let (scenario, path, simulation, recorder) = try Self.samsSession("04-swans-on-the-road.yaml")
        try simulation.perform(.dispatchSeat(areas: []))
        simulation.advance(to: 20 * Clock.minute)   // the call rang at 8 minutes: 30 minutes to send someone
        recorder.flush()
        let during = try Debrief.build(path: path)
        let dispatch = try #require(during.findings.first { $0.expectation.hasPrefix("first unit sent") })
        #expect(!dispatch.met && dispatch.pending)
        #expect(during.text().contains("Still to do\n  ? swans (0001): first unit sent within 30:00 of the call"))
        simulation.advance(to: 50 * Clock.minute)
        recorder.finish()
        let after = try Debrief.build(path: path)
        let missed = try #require(after.findings.first { $0.expectation.hasPrefix("first unit sent") })
        #expect(!missed.met && !missed.pending)
    }

    static let buttonOnTheJob = """
        name: Button on the job
        start: 2026-11-27 22:00
        duration: 2h
        seed: 3
        refreshments: false
        area:
          areas: [{name: Hartley}]
          stations: [{name: Hartley Police Station, at: [0, 0], area: Hartley}]
          places: [{name: Market Square, at: [0.5, 0.5], area: Hartley}]
        roster:
          units:
            - {callsign: HY11, kind: response, crew: 2, station: Hartley Police Station}
          call_handlers: 1
        incident_types:
          - {name: violence, share: 100, grades: [100, 0, 0, 0], handling: 2m, on_scene: 3h}
        script:
          - {at: 5m, call: {name: fight, type: violence, grade: 1, place: Market Square, expect: {emergency_acknowledged_within: 30s}}}
          - {at: 40m, emergency: HY11}
        """

    @Test("An emergency button on a scripted incident: acknowledged in time is met, never acknowledged is missed")
    func emergencyOnTheIncident() throws {
        let scenario = try Scenario.parse(text: Self.buttonOnTheJob, file: "button.yaml")
        let practised = try Debrief.build(path: Practice.run(scenario, file: "button.yaml", journalPath: Self.temporaryJournal()))
        let met = try #require(practised.findings.first { $0.expectation == "emergency buttons acknowledged within 0:30" })
        #expect(met.met, "\(met.detail)")
        #expect(met.detail.hasPrefix("1 pressed, the slowest acknowledged after 0:"))

        // The person dispatches and never answers the alarm.
        let path = Self.temporaryJournal()
        let journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: "button.yaml", scenarioSource: scenario.source, seed: 3,
            role: "dispatcher", areas: [], trainee: "Sam", operatorName: "Sam", startedAt: 0, program: "tests"))
        let simulation = Simulation(config: scenario.config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "dispatcher")
        try simulation.perform(.dispatchSeat(areas: []))
        simulation.advance(to: 10 * Clock.minute)
        // Sends the one unit (else nobody is at scene to press the button), then ignores the alarm.
        let id = try #require(simulation.scriptedIncident(0))
        try simulation.perform(.command(.assign(0, id)))
        simulation.advance(to: scenario.config.duration)
        recorder.finish()
        let idle = try Debrief.build(path: path)
        let missed = try #require(idle.findings.first { $0.expectation == "emergency buttons acknowledged within 0:30" })
        #expect(!missed.met && !missed.pending)
        #expect(missed.detail == "1 pressed, not all acknowledged")
    }

    @Test("07 judges urgent assistance: a dispatcher who sends nobody to the officer misses it, the engine's answer meets it")
    func assistanceJudged() throws {
        let idle = try Debrief.build(path: Self.idleDispatcher("07-emergency-button-busy-night.yaml"))
        let missed = try #require(idle.findings.first { $0.expectation == "a unit sent to the officer within 1:00" })
        #expect(!missed.met && missed.yours && missed.detail.hasPrefix("no unit sent to the officer"))
        let scenario = try Scenario.load(path: Self.root + "/scenarios/training/07-emergency-button-busy-night.yaml")
        let practised = try Debrief.build(path: Practice.run(scenario, file: "07.yaml", journalPath: Self.temporaryJournal()))
        let met = try #require(practised.findings.first { $0.expectation == "a unit sent to the officer within 1:00" })
        #expect(met.met, "\(met.detail)")
    }

    @Test("Alerts are counted in the debrief, with those the trainee saw (journalled) and how soon")
    func alertsCounted() throws {
        let (scenario, path, simulation, recorder) = try Self.samsSession("07-emergency-button-busy-night.yaml")
        // The scripted grade 1 rings at 20 minutes; the trainee sees the alerts a minute later.
        simulation.advance(to: 30 * Clock.minute)
        try simulation.perform(.alertsSeen(count: 1))
        simulation.advance(to: scenario.config.duration)
        recorder.finish()
        let debrief = try Debrief.build(path: path)
        let raised = try #require(debrief.kpis.first { $0.0 == "alerts raised since you joined" }?.1)
        let seen = try #require(debrief.kpis.first { $0.0 == "alerts seen by you" }?.1)
        #expect(raised.contains("new grade 1") && raised.contains("emergency button"), "\(raised)")
        #expect(seen.hasPrefix("1 of "), "\(seen)")
        #expect(seen.contains("after raised"))
    }

    @Test("A session with nothing expected has no score, says so, and still gives the KPIs")
    func nothingExpected() throws {
        let scenario = try Scenario.load(path: Self.root + "/scenarios/quiet-town.yaml")
        let debrief = try Debrief.build(path: Practice.run(scenario, file: "quiet-town.yaml", journalPath: Self.temporaryJournal()))
        #expect(debrief.score == nil)
        #expect(debrief.text().contains("SCORE none: the scenario has no scripted expectations to judge"))
        #expect(debrief.json().contains("\"score\" : null"))
        #expect(debrief.kpis.contains { $0.0 == "incidents created" && $0.1 != "0" })
    }
}
