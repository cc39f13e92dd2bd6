import DispatchEngine
@testable import Scenario
import Testing

/// Mistakes in a scenario's script get a located message like every other part of the file.
@Suite("Script validation")
struct ScriptValidationTests {
    func problems(_ script: String) -> [String] {
        do {
            _ = try Scenario.parse(text: ValidationTests.valid + "\nscript:\n" + script, file: "s.yaml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("A name longer than 200 characters is a located problem, and a huge one does not hold validation up")
    func lengthLimit() {
        let long = String(repeating: "Market Square ", count: 15)
        let found = problems("  - {at: 20m, call: {name: first, type: fight, grade: 1, place: \"\(long)\"}}")
        #expect(found.contains { $0.contains("s.yaml:") && $0.contains("is \(long.trimmingCharacters(in: .whitespaces).count) characters long; expected at most 200") }, "\(found)")
        // 200,000 characters: refused for its length, with no edit distance worked out against it.
        let huge = String(repeating: "x", count: 200_000)
        let hugeFound = problems("  - {at: 20m, call: {name: first, type: fight, grade: 1, place: \(huge)}}")
        #expect(hugeFound.contains { $0.contains("is 200000 characters long") }, "\(hugeFound.map { $0.prefix(200) })")
        // What a caller says may be a sentence or several.
        let sentence = String(repeating: "They are still here and he has a knife. ", count: 10)
        #expect(problems("  - {at: 20m, call: {name: first, type: fight, grade: 1, place: Market Square, says: [\"\(sentence)\"]}}").isEmpty)
    }

    @Test("A valid script loads: calls, conditions, unit events, expectations")
    func valid() throws {
        let text = ValidationTests.valid + """

        script:
          - at: "18:20"
            call:
              name: first
              type: fight
              grade: 1
              place: Market Square
              says: ["There's a fight!", {after: 20s, sound: "Glass breaking."}]
              expect: {grade: 1, dispatch_within: 10m, skills: [taser], warnings_passed: true}
          - {at: 30m, if: {no_unit_at_scene: first}, call: {name: second, type: fight, grade: 1, place: Market Square, reports_again: first}}
          - {at: 40m, emergency: T1, expect: {acknowledged_within: 30s}}
        """
        let scenario = try Scenario.parse(text: text, file: "s.yaml")
        let script = scenario.config.script
        #expect(script.calls.map(\.name) == ["first", "second"])
        #expect(script.calls[0].turns == [ScriptTurn(after: 1000, text: "There's a fight!"), ScriptTurn(after: 20_000, voice: .sound, text: "Glass breaking.")])
        #expect(script.calls[0].expect.dispatchWithin == 10 * Clock.minute)
        #expect(script.calls[0].expect.skills == .taser)
        #expect(script.calls[1].duplicateOf == 0)
        #expect(script.cues.map(\.at) == [20 * Clock.minute, 30 * Clock.minute, 40 * Clock.minute])
        #expect(script.cues[1].condition == .noUnitAtScene(call: 0))
        #expect(script.cues[0].label == "18:20 call: first")
    }

    @Test("A script without demand has no generated calls")
    func scriptOnly() throws {
        let text = ValidationTests.valid.replacingOccurrences(of: """
            demand:
              "999":
                calls_per_hour: 4
                handling: 2m
                outcomes: {incident: 60, advice: 40}

            """, with: "") + "\nscript:\n  - {at: 5m, call: {name: only, type: fight, grade: 2, place: Market Square}}\n"
        let scenario = try Scenario.parse(text: text, file: "s.yaml")
        #expect(scenario.config.lines.allSatisfy { $0.callsPerHour == 0 })
    }

    @Test("Each mistake is reported where it is, with what was expected")
    func mistakes() {
        #expect(problems("  - {at: 5m, radio: {unit: T9, says: hello}}") == ["s.yaml:20:28: no unit 'T9' on the roster; expected a callsign such as T1; did you mean 'T1'?"])
        #expect(problems("  - {at: 5m}").first?.contains("a scripted event does nothing; expected one of call, radio") == true)
        #expect(problems("  - {at: 5m, emergency: T1, book_off: [T1]}").first?.contains("expected exactly one thing per event") == true)
        #expect(problems("  - {at: 3h, emergency: T1}").first?.contains("after the scenario ends") == true)
        #expect(problems("  - {at: soon, emergency: T1}").first?.hasPrefix("s.yaml:20:10: at should be a time such as 19:42") == true)
        #expect(problems("  - {at: 5m, call: {name: a, type: fihgt, grade: 1, place: Market Square}}").first?
            .contains("no incident type 'fihgt' in the scenario; expected one of its incident types; did you mean 'fight'?") == true)
        #expect(problems("  - {at: 5m, call: {name: a, type: fight, grade: 1, place: Market Square, reports_again: b}}").first?
            .contains("no scripted call named 'b' before this one") == true)
        #expect(problems("  - {at: 5m, if: {no_unit_at_scene: x}, emergency: T1}").first?.contains("no scripted call named 'x'") == true)
        #expect(problems("  - {at: 5m, call: {name: a, type: fight, grade: 1, place: Market Square, silent: true}}").first?
            .contains("a silent call with nothing heard on the line") == true)
        #expect(problems("  - {at: 5m, call: {name: a, type: fight, grade: 1, place: Market Square, expect: {grade: 1, colour: red}}}").first?
            .contains("unknown key 'colour' in the call's expectations") == true)
        #expect(problems("  - {at: 5m, radio: {unit: T1, says: hi}, expect: {acknowledged_within: 30s}}").first?
            .contains("'expect' here belongs to an emergency") == true)
        #expect(problems("""
              - {at: 5m, call: {name: a, type: fight, grade: 1, place: Market Square}}
              - {at: 6m, call: {name: a, type: fight, grade: 1, place: Market Square}}
            """).first?.contains("a scripted call named 'a' is already written") == true)
    }
}
