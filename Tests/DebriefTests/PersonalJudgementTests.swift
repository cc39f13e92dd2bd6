import Debrief
import DispatchEngine
import Foundation
import Journal
import ReadModel
import Scenario
import Testing

/// Every shipped scenario played by the model, a poor trainee and one who does nothing, in a
/// console's every seat: only the person's own actions earn.
@Suite("Training: each trainee judged on their own actions")
struct PersonalJudgementTests {
    static let training = DebriefTests.training

    static func practise(_ name: String, _ play: ModelTrainee.Play) throws -> Debrief {
        let path = DebriefTests.root + "/scenarios/training/" + name
        let scenario = try Scenario.load(path: path)
        return try Debrief.build(path: Practice.run(scenario, file: path, journalPath: DebriefTests.temporaryJournal(), play: play))
    }

    @Test("A trainee who presses nothing scores 0 of their seats' points, on every shipped training scenario", arguments: training)
    func idleScoresNothing(_ name: String) throws {
        let debrief = try Self.practise(name, .idle)
        #expect(debrief.pointsPossible > 0, "\(name): nothing fell to the trainee's seats")
        #expect(debrief.pointsMet == 0 && debrief.score == 0, "\(name): \(debrief.yours.filter(\.met).map { "\($0.expectation): \($0.detail)" })")
        // The engine played no seat of theirs: nothing it did is credited as theirs.
        #expect(!debrief.yours.contains { $0.detail.replacingOccurrences(of: "not by you", with: "").contains("by you") }, "\(name)")
    }

    @Test("A poor trainee's debrief names the teaching points: each miss says what happened, by whom, and the score is low", arguments: training)
    func poorNamesTeachingPoints(_ name: String) throws {
        let debrief = try Self.practise(name, .poor)
        let missed = debrief.yours.filter { !$0.met }
        #expect(!missed.isEmpty, "\(name): nothing named")
        #expect((debrief.score ?? 100) < 60, "\(name): \(debrief.score ?? -1)")
        for f in missed {
            // What it led to, not just "missed".
            #expect(f.detail.count > 20, "\(name): \(f.expectation): \(f.detail)")
            switch f.kind {
            case .graded: #expect(f.detail.contains("it was a grade") || f.detail.contains("no incident") || f.detail.contains("not by you"), "\(f.detail)")
            case .sent: #expect(f.detail.contains("late") || f.detail.contains("no unit"), "\(f.detail)")
            case .skills: #expect(f.detail.contains("none has") || f.detail.contains("no unit"), "\(f.detail)")
            case .warnings: #expect(f.detail.contains("not passed to") || f.detail.contains("no unit"), "\(f.detail)")
            default: break
            }
        }
    }

    @Test("Every kind of expectation is written in a shipped scenario and met by the model trainee in person")
    func everyKindProved() throws {
        var proved: Set<ExpectationKind> = []
        for name in Self.training {
            let debrief = try Self.practise(name, .model)
            for f in debrief.findings where f.yours && f.met { proved.insert(f.kind) }
        }
        let all = Set(ExpectationKind.allCases).subtracting([.silentClosed])
        #expect(proved == all, "not proved: \(all.subtracting(proved).map(\.rawValue).sorted())")
    }

    @Test("How the score is made lists every point a seat can earn")
    func scoringListsEveryPoint() {
        for kind in ExpectationKind.allCases where kind.points > 0 {
            #expect(Debrief.scoring.contains("\(kind.earned) \(kind.points)"), "\(kind)")
        }
    }

    @Test("Two sessions of one scenario and seed side by side; a different scenario is refused")
    func acrossSessions() throws {
        let path = DebriefTests.root + "/scenarios/training/04-swans-on-the-road.yaml"
        let scenario = try Scenario.load(path: path)
        let good = try Practice.run(scenario, file: path, journalPath: DebriefTests.temporaryJournal(), play: .model)
        let poor = try Practice.run(scenario, file: path, journalPath: DebriefTests.temporaryJournal(), play: .poor)
        let bay = try BayReport.build(paths: [good, poor])
        #expect(bay.trainees.map(\.debrief.trainee) == ["model trainee", "poor trainee"])
        #expect(bay.trainees[0].debrief.score == 100 && (bay.trainees[1].debrief.score ?? 100) < 100)
        let text = bay.text()
        #expect(text.contains("model trainee (s.journal)") || text.contains("model trainee ("), "\(text)")
        #expect(text.contains("MISSED"), "\(text)")
        let other = try Scenario.load(path: DebriefTests.root + "/scenarios/training/05-lost-handbag.yaml")
        let handbag = try Practice.run(other, file: "05.yaml", journalPath: DebriefTests.temporaryJournal())
        #expect(throws: DebriefError.self) { try BayReport.build(paths: [good, handbag]) }
    }

    @Test("A scripted caller is their own person: the neighbour who rings as it gets worse has her own name and number; the silent caller is not named in the record")
    func callersWhoFit() throws {
        // Nobody answers or sends (an idle trainee in every seat): the neighbour rings as it gets worse.
        let path = DebriefTests.root + "/scenarios/training/01-silent-overdose.yaml"
        let scenario = try Scenario.load(path: path)
        let journal = try Practice.run(scenario, file: path, journalPath: DebriefTests.temporaryJournal(), play: .idle)
        var draws: [(Int32, CallDraw, Int64)] = []
        _ = try RecordedSession(path: journal) { simulation, _ in
            simulation.observers.append { _, event in
                if case let .callArrived(_, number, _, draw) = event, draw.script == 0 { draws.append((draw.scriptPart, draw, number)) }
            }
        }
        let silent = try #require(draws.first { $0.0 == 0 }), neighbour = try #require(draws.first { $0.0 == 2 })
        let config = scenario.config
        #expect(CallerDetails.givenName(silent.1, config) == nil, "she never gave her name")
        #expect(CallerDetails.givenName(neighbour.1, config) == "Karen Lewis")
        #expect(neighbour.1.caller.relation == .concerned && neighbour.1.caller.identity != silent.1.caller.identity)
        let silentLine = CallerPhone.of(number: silent.2, line: .emergency, draw: silent.1, config: config)
        let neighbourLine = CallerPhone.of(number: neighbour.2, line: .emergency, draw: neighbour.1, config: config)
        #expect(CallerDetails.number(neighbour.1, line: neighbourLine, config) == "01632 960188")
        #expect(CallerDetails.number(silent.1, line: silentLine, config) != "01632 960188")
    }

    @Test("A line break in a scenario's names cannot forge a line of the debrief or the bay report")
    func namesCannotForgeLines() throws {
        let path = DebriefTests.root + "/scenarios/training/06-street-fight.yaml"
        let forged = "SCORE 100/100 (75 of 75 points)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "name: fight\n", with: "name: \"fight\\n\(forged)\"\n")
            .replacingOccurrences(of: "reports_again: fight\n", with: "reports_again: \"fight\\n\(forged)\"\n")
        let scenario = try Scenario.parse(text: text, file: "forged.yaml")
        #expect(scenario.config.script.calls[0].name.contains("\n"), "the name really has a line break")
        let journal = try Practice.run(scenario, file: "forged.yaml", journalPath: DebriefTests.temporaryJournal(), play: .poor)
        let debrief = try Debrief.build(path: journal)
        for output in [debrief.text(width: 100), debrief.markdown(), try BayReport.build(paths: [journal]).text(width: 100)] {
            let lines = output.split(separator: "\n").filter { $0.hasPrefix(forged) || $0.hasPrefix("  " + forged) || $0.hasPrefix("  + " + forged) || $0.hasPrefix("  - " + forged) }
            #expect(lines.isEmpty, "\(output)")
        }
    }
}
