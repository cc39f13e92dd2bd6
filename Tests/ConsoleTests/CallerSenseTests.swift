@testable import Console
@testable import DispatchEngine
import ReadModel
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
            for case let call? in c.floor.world.calls.items where call.answeredAt >= 0 && !call.draw.silent { seen[call.number] = seen[call.number] ?? call }
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
}
