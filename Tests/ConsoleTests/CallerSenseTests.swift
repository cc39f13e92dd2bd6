@testable import Console
@testable import DispatchEngine
import ReadModel
import Scenario
import Testing

/// A caller waiting on the line says what fits, once: no line repeated within a call, nothing
/// that answers what the handler never said.
@Suite("Callers who make sense on the line")
struct CallerSenseTests {
    @Test("Over a night of calls stayed on for ten minutes: no caller line twice in one call, and 'like you said' only after the handler told them to stay")
    func noRepeatsNoFalseEchoes() throws {
        let c = ConsoleFixture(hours: 2, role: .callHandler)
        let config = c.floor.config
        // Every call answered over some hours, as it was when answered.
        var seen: [Int64: Call] = [:]
        for _ in 0..<240 {
            c.floor.simulation.advance(to: c.floor.now + Clock.minute)
            for (_, call) in c.floor.world.calls.live where call.answeredAt >= 0 && !call.draw.silent { seen[call.number] = seen[call.number] ?? call }
        }
        var calls = 0, lines = 0
        for (i, call) in seen.values.sorted(by: { $0.number < $1.number }).enumerated() {
            let subject = c.floor.subject(of: call)
            for reassured in [false, true] {
                let since = call.answeredAt + 60 * Clock.second
                var staying = OnTheLine(incident: IncidentID(slot: 0, generation: 0), since: since)
                if reassured { staying.reassuredAt = since + 90 * Clock.second }
                let said = CallerWords.onTheLine(call, staying, subject: subject, config: config, now: since + 10 * Clock.minute, unitArrivedAt: nil)
                    .filter { $0.speaker == .caller }
                let texts = said.map(\.text)
                #expect(Set(texts).count == texts.count, "call \(i): a line said twice: \(texts)")
                for u in said where u.text.contains("like you said") {
                    #expect(reassured && call.answeredAt + u.after >= staying.reassuredAt, "call \(i): 'like you said' before anything was said: \(u.text)")
                }
                lines += texts.count
            }
            calls += 1
        }
        #expect(calls > 10 && lines > 50, "\(calls) calls, \(lines) lines")
    }

    /// Words of risk to life or of something happening now: never on a grade 3 or 4 call.
    static let urgentWords = ["hurry", "right now", "still going on", "still here", "jump", "railing", "not breathing", "kill",
                              "knife", "gun", "machete", "blood", "not moving", "hurting himself", "screaming", "smashing",
                              "nearly hit", "come now", "send someone now"]
    /// Risk to life, on a grade 2 call: it would be a grade 1.
    static let lifeRiskWords = ["jump", "railing", "not breathing", "kill", "hurting himself", "knife", "gun", "machete",
                                "right now", "hurry", "still going on", "still here"]
    /// Words of an offender, on a call about nobody's doing (a collapse, a missing person, someone in crisis).
    static let offenderWords = ["come back", "gone far", "still around", "they're still"]
    /// Words of a house or a street of houses, on an open road.
    static let homeWords = ["my window", "mum's place", "neighbour", "next door"]

    @Test("A week of generated calls on the default district: risk words only on a grade 1, no offender where nobody did it, no window or neighbour on a dual carriageway, nothing said twice, nothing that answers what the handler never said")
    func aWeekOfCallsMakesSense() throws {
        var config = Scenario.builtInDefault().config
        config.duration = 7 * Clock.day
        let simulation = Simulation(config: config)
        var seen: [Int64: Call] = [:]
        simulation.observers.append { _, event in
            if case let .callArrived(_, number, line, draw) = event { seen[number] = Call(number: number, line: line, arrivedAt: 0, draw: draw) }
        }
        while simulation.now < config.duration { simulation.advance(to: simulation.now + Clock.hour) }
        let offenderless = ["concern for safety", "mental health", "missing person", "collapse / injury / trapped", "sudden death",
                            "animals on the road", "road traffic collision"]
        var calls = 0, problems: [String] = []
        for call in seen.values.sorted(by: { $0.number < $1.number }) where call.draw.outcome == .incident && !call.draw.silent && call.line.isPhone {
            let subject = CallerWords.Subject(type: call.draw.type, grade: call.draw.grade, place: call.draw.place)
            let said = CallerWords.spoken(call, subject: subject, config: config, whisper: false).map(\.text)
            let text = said.joined(separator: " ").lowercased()
            let type = config.incidentTypes[Int(call.draw.type)].name
            let place = config.places[Int(call.draw.place)].name
            func problem(_ what: String) { problems.append("call \(call.number) (\(type), grade \(call.draw.grade.rawValue), \(place)): \(what): \(said)") }
            if call.draw.grade.rawValue >= 3, let w = Self.urgentWords.first(where: text.contains) { problem("'\(w)' on a grade \(call.draw.grade.rawValue)") }
            if call.draw.grade == .priority, let w = Self.lifeRiskWords.first(where: text.contains) { problem("'\(w)' on a grade 2") }
            if offenderless.contains(type), let w = Self.offenderWords.first(where: text.contains) { problem("'\(w)' where nobody did it") }
            if CallerWords.Category.openRoad(place), let w = Self.homeWords.first(where: text.contains) { problem("'\(w)' on an open road") }
            if Set(said).count != said.count { problem("a line said twice") }
            if text.contains("like you said") || text.contains("as you said") { problem("answers what was never said") }
            calls += 1
        }
        #expect(calls > 400, "\(calls) calls read of \(seen.count), at \(simulation.now)")
        #expect(problems.isEmpty, "\(problems.count) contradictions in \(calls) calls, such as:\n\(problems.prefix(12).joined(separator: "\n"))")
        print("a week of generated calls: \(calls) read, \(problems.count) contradictions")
    }
}
