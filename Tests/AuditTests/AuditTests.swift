import Audit
import Claims
import Debrief
import DispatchEngine
import Foundation
import Journal
import Scenario
import Testing

/// The audit is the oracle the views are tested against: these sessions are recorded as people
/// play them (mistakes, undos, states booked early) and every figure the views state must agree
/// with what the audit works out from the raw journal on its own.
@Suite("The audit")
struct AuditTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("audit-test-\(UUID().uuidString)/s.journal").path
    }

    /// A dispatcher of every area who makes and undoes mistakes: sends and withdraws the send,
    /// books state 6 while the unit is minutes away and withdraws it, diverts and withdraws the
    /// divert, stands units down, regrades, adds notes.
    static func mistakenNight(hours: Double) throws -> String {
        let scenario = Scenario.builtInDefault()
        let path = temporaryPath()
        let journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: "default", scenarioSource: scenario.source, seed: scenario.config.seed,
            role: "dispatcher", areas: [], trainee: "Sam Okafor", operatorName: "Sam Okafor", startedAt: 1_800_000_000, program: "tests"))
        let simulation = Simulation(config: scenario.config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "dispatcher")
        simulation.advance(to: Clock.hour)
        try simulation.perform(.dispatchSeat(areas: []))
        var random = RandomStream(seed: 7, stream: 3)
        var turn = 0, nearly = 0
        while simulation.now < SimTime(hours * Double(Clock.hour)) {
            simulation.advance(to: simulation.now + 20 * Clock.second)
            turn += 1
            let world = simulation.world
            guard let id = world.urgent.first(where: world.wantsUnits) ?? world.firstQueued, world.wantsUnits(id),
                  let best = simulation.recommendations(for: id).first else { recorder.flush(); continue }
            let command: Command = best.divertsFrom == nil ? .assign(best.unit, id) : .divert(best.unit, id)
            guard (try? simulation.perform(.command(command))) != nil else { continue }
            switch random.index(below: 6) {
            case 0:
                try? simulation.perform(.command(.withdrawSend(best.unit, id)))
            case 1:
                // State 6 booked minutes early, then undone; or kept, attending when it gets there.
                try? simulation.perform(.command(.setStatus(best.unit, .atScene)))
                if random.index(below: 2) == 0 { try? simulation.perform(.command(.withdrawArrival(best.unit, id))) }
            case 2:
                try? simulation.perform(.command(.addNote(id, "turn \(turn)")))
            case 3 where world.incident(id)?.grade == .scheduled:
                try? simulation.perform(.command(.regrade(id, .priority)))
            default:
                break
            }
            // A unit all but there booked at scene (it arrives now), and now and then undone.
            if let u = world.units.indices.first(where: { world.units[$0].status == .enRoute && world.units[$0].arrivesAt - simulation.now <= Simulation.nearlyThere }),
               let job = world.units[u].incident, (try? simulation.perform(.command(.setStatus(UnitIndex(u), .atScene)))) != nil {
                // Its arrival undone, or its whole send (the arrival goes with it), in turn.
                nearly += 1
                switch nearly % 3 {
                case 0: try? simulation.perform(.command(.withdrawArrival(UnitIndex(u), job)))
                case 1: try? simulation.perform(.command(.withdrawSend(UnitIndex(u), job)))
                default: break
                }
            }
            // A grade 1 already past its target with nobody there, re-graded to 2 (it stays
            // missed); an incident moved to another place (its target follows, urban or rural).
            if turn % 9 == 0, let (slot, record) = world.incidents.live.first(where: { _, i in
                i.assisting == nil && i.grade != .resolution && ((i.grade == .immediate && i.firstArrivedAt < 0 && (i.targetAt.map { $0 < simulation.now } ?? false)) || i.grade == .scheduled) }) {
                try? simulation.perform(.command(.regrade(IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)]), record.grade == .immediate ? .priority : .priority)))
            }
            if turn % 13 == 0, let (slot, record) = world.incidents.live.first(where: { _, i in i.assisting == nil && i.firstArrivedAt < 0 }) {
                let place = Int32((Int(record.place) + 11) % simulation.config.addressCount)
                try? simulation.perform(.command(.relocate(IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)]), place: place)))
            }
            // Now and then two open incidents found to be one: the later joined to the earlier as a
            // duplicate (attended or not, with units on it or not).
            if turn % 11 == 0 {
                let open = world.incidents.live.filter { $0.1.assisting == nil }.sorted { $0.1.createdAt < $1.1.createdAt }
                    .map { IncidentID(slot: $0.0, generation: world.incidents.generations[Int($0.0)]) }
                if open.count >= 2 { try? simulation.perform(.command(.link(open[open.count - 1], into: open[open.count - 2]))) }
            }
            // Now and then a unit at scene booked clear (state 2), as if stood down.
            if random.index(below: 8) == 0, let u = world.units.indices.first(where: { world.units[$0].status == .atScene }) {
                try? simulation.perform(.command(.setStatus(UnitIndex(u), .onPatrol)))
            }
            recorder.flush()
        }
        recorder.finish()
        return path
    }

    @Test("A night of a dispatcher's mistakes, undos and duplicates joined: every figure of every view agrees with the audit")
    func mistakesAndUndos() throws {
        let path = try Self.mistakenNight(hours: 8)
        let result = try Claims.audit(path: path)
        #expect(result.checked > 1_000, "\(result.checked) figures")
        #expect(result.disagreements.isEmpty, "\(result.lines().prefix(30).joined(separator: "\n"))")
        // The night had what the audit is for: withdrawals, states booked early.
        let audited = try AuditedJournal.read(path)
        let kinds = Set(audited.events.map { "\($0.event)".prefix(while: { $0 != "(" }) })
        #expect(kinds.contains("sendWithdrawn") && kinds.contains("arrivalBooked") && kinds.contains("arrivalWithdrawn")
                && kinds.contains("incidentRegraded") && kinds.contains("incidentRelocated") && kinds.contains("incidentLinked"), "\(kinds.sorted())")
        // Every action carries its person, and the events the person's name.
        #expect(audited.actions.allSatisfy { $0.person == "Sam Okafor" })
        #expect(audited.events.contains { $0.actor == "person:Sam Okafor" })
    }

    @Test("A thin night: grade 1s missed, re-graded to 2, then attended; incidents moved; every figure of every view agrees with the audit")
    func missedRegradedAndMoved() throws {
        let scenario = Scenario.builtInDefault()
        let path = Self.temporaryPath()
        let journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: "thin", scenarioSource: scenario.source, seed: scenario.config.seed,
            role: "dispatcher", areas: [], trainee: nil, operatorName: "Lee Jones", startedAt: 1_800_000_000, program: "tests"))
        // The person dispatches every area and sends a unit only to a grade 1 already past its
        // target: the night is thin by their choice.
        let simulation = Simulation(config: scenario.config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "dispatcher")
        simulation.advance(to: Clock.hour)
        try simulation.perform(.dispatchSeat(areas: []))
        var regraded = 0
        while simulation.now < 6 * Clock.hour {
            simulation.advance(to: simulation.now + Clock.minute)
            let world = simulation.world
            // Missed grade 1s re-graded, then a unit sent; the rest wait.
            for (slot, i) in world.incidents.live where i.grade == .immediate && i.assisting == nil && i.firstArrivedAt < 0
                && i.unitsAttached == 0 && (i.targetAt.map { $0 < simulation.now } ?? false) {
                let id = IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)])
                if (try? simulation.perform(.command(.regrade(id, .priority)))) != nil { regraded += 1 }
                if let best = simulation.recommendations(for: id).first(where: { $0.divertsFrom == nil }) {
                    try? simulation.perform(.command(.assign(best.unit, id)))
                }
                break
            }
            if Int(simulation.now / Clock.minute) % 17 == 0, let (slot, record) = world.incidents.live.first(where: { _, i in i.assisting == nil && i.firstArrivedAt < 0 }) {
                let place = Int32((Int(record.place) + 23) % simulation.config.addressCount)
                try? simulation.perform(.command(.relocate(IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)]), place: place)))
            }
            recorder.flush()
        }
        recorder.finish()
        #expect(regraded > 0, "a missed grade 1 was re-graded")
        let result = try Claims.audit(path: path)
        #expect(result.disagreements.isEmpty, "\(result.lines().prefix(30).joined(separator: "\n"))")
    }

    @Test("Every training scenario played by the model, a poor and an idle trainee: each one's debrief (what was theirs, what they met, their points), the report, records and exports agree with the audit",
          arguments: [ModelTrainee.Play.model, .poor, .idle])
    func trainees(_ play: ModelTrainee.Play) throws {
        let folder = #filePath.components(separatedBy: "/Tests/")[0] + "/scenarios/training"
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".yaml") {
            let scenario = try Scenario.load(path: folder + "/" + file)
            let path = try Practice.run(scenario, file: file, journalPath: Self.temporaryPath(), play: play)
            let result = try Claims.audit(path: path)
            #expect(result.disagreements.isEmpty, "\(file): \(result.lines().prefix(20).joined(separator: "\n"))")
        }
    }

    @Test("The audit judges each trainee by its own rules: a debrief that credited the engine's grading to the trainee would disagree")
    func auditJudgesTrainees() throws {
        // The idle trainee's journal: the engine graded the call, and the audit says the grade
        // was the trainee's to give and not met by them.
        let folder = #filePath.components(separatedBy: "/Tests/")[0] + "/scenarios/training"
        let scenario = try Scenario.load(path: folder + "/04-swans-on-the-road.yaml")
        let path = try Practice.run(scenario, file: "04.yaml", journalPath: Self.temporaryPath(), play: .idle)
        let audited = try AuditedJournal.read(path)
        let book = TrainingBook(audited, end: audited.reached)
        #expect(book.trainees == ["idle trainee"])
        #expect(book.judgement(of: "idle trainee", subject: "swans", kind: "graded") == TrainingBook.Judgement(yours: true, met: false))
        #expect(book.judgement(of: "idle trainee", subject: "swans", kind: "sent") == TrainingBook.Judgement(yours: true, met: false))
    }

    @Test("The audit's own rule: a grade 1 past its target with nobody there counts as missed from that moment")
    func missedAtOnce() throws {
        // The engine alone on a busy night: at some hour a grade 1 waits past its target.
        let scenario = Scenario.builtInDefault()
        var config = scenario.config
        config.units = config.units.filter { $0.kind != .response }
        let simulation = Simulation(config: config)
        let book = NightBook(config: config)
        simulation.observers.append { time, event in book.read(event, at: time, actor: "world") }
        var seen = false
        while simulation.now < config.duration, !seen {
            simulation.advance(to: simulation.now + 10 * Clock.minute)
            let overdue = simulation.world.incidents.live.contains { _, i in
                i.grade == .immediate && i.assisting == nil && i.firstArrivedAt < 0 && (i.targetAt.map { $0 < simulation.now } ?? false)
            }
            guard overdue else { continue }
            seen = true
            let audit = AuditFigures.attendance(book, at: simulation.now)[0]
            #expect(audit.unattendedPastTarget > 0)
            // The engine's figure for the overview agrees: it counts the waiting one at once.
            let engine = simulation.statistics.gradesNow(world: simulation.world)[0]
            #expect(engine.unattendedPastTarget == audit.unattendedPastTarget)
            #expect(engine.attendedWithinTarget == audit.withinTarget && engine.attended == audit.attended)
        }
        #expect(seen, "no grade 1 went past its target unattended")
    }

    @Test("A disagreement is listed with the view, the figure, what it is of and both values; the result fails")
    func disagreementListed() {
        var result = AuditResult(journal: "j")
        result.number("overview", "grade 1 attended within target %", subject: "at Fri 21:00:00", stated: .some(100), audited: 57.1)
        result.number("report", "incidents.created", stated: .some(12), audited: 12)
        result.text("incidents export", "dispatched_by", subject: "incident 0015", stated: nil, audited: "person:Lee Jones")
        #expect(result.checked == 3)
        #expect(result.disagreements.count == 2)
        #expect(result.lines()[1] == "  overview: grade 1 attended within target % (at Fri 21:00:00): stated 100, audit 57.1000")
        #expect(result.lines()[2] == "  incidents export: dispatched_by (incident 0015): stated (not stated), audit person:Lee Jones")
    }
}
