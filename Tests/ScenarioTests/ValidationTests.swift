import DispatchEngine
@testable import Scenario
import Testing

/// Bad scenario files get a located, specific message: file:line:column, what is wrong, what was
/// expected.
@Suite("Scenario validation")
struct ValidationTests {
    static let valid = """
    name: tiny
    start: 2026-11-27 18:00
    duration: 2h
    area:
      areas: [{name: Town}]
      stations: [{name: Town Station, at: [0, 0], area: Town}]
      places: [{name: Market Square, at: [1, 0], area: Town}]
    roster:
      units:
        - {callsign: T1, station: Town Station, shift: "14:00-00:00"}
      call_handlers: 2
    demand:
      "999":
        calls_per_hour: 4
        handling: 2m
        outcomes: {incident: 60, advice: 40}
    incident_types:
      - {name: fight, share: 100, grades: [50, 50, 0, 0], handling: 2m, on_scene: 30m}
    """

    func problems(_ text: String) -> [ScenarioProblem] {
        do {
            _ = try Scenario.parse(text: text, file: "s.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    /// Replaces one line of the valid file.
    func replacing(_ old: String, with new: String) -> String {
        precondition(Self.valid.contains(old), "no '\(old)' in the base scenario")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("The base file is valid")
    func baseIsValid() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        #expect(scenario.config.units.count == 1)
        #expect(scenario.config.calendar.dayOfWeek == 4)   // 27 November 2026 is a Friday
    }

    @Test("Problems are reported where they are, with what was expected", arguments: [
        // (change from, change to, line, column, words the message must contain)
        ("    calls_per_hour: 4", "    calls_per_hr: 4", 14, 5, ["unknown key 'calls_per_hr'", "did you mean 'calls_per_hour'"]),
        ("    calls_per_hour: 4", "    calls_per_hour: -4", 14, 21, ["calls_per_hour", "expected a number from 0"]),
        ("outcomes: {incident: 60, advice: 40}", "outcomes: {incident: 60, advice: 30}", 16, 15, ["add up to 90%", "expected incident + advice + transfer + crime_report = 100"]),
        ("grades: [50, 50, 0, 0]", "grades: [50, 40, 0, 0]", 18, 39, ["add up to 90%", "expected 100"]),
        ("shift: \"14:00-00:00\"", "shift: \"07:00-06:00\"", 10, 52, ["ends before it starts", "at most 12h"]),
        ("station: Town Station, shift", "station: Town Statoin, shift", 10, 31, ["station 'Town Statoin'", "did you mean 'Town Station'"]),
        ("places: [{name: Market Square, at: [1, 0], area: Town}]", "places: [{name: Market Square, at: [1, 0], area: Twon}]", 7, 52, ["area 'Twon'", "expected one of Town"]),
        ("duration: 2h", "duration: 2 hours", 3, 11, ["not a duration", "such as 90s"]),
        ("start: 2026-11-27 18:00", "start: 2026-02-30 18:00", 2, 8, ["no valid date"]),
        ("handling: 2m\n", "handling: {exponential: -2m}\n", 15, 29, ["not a duration"]),
        ("handling: 2m\n", "handling: {lognormal: {median: 5m, p90: 2m}}\n", 15, 45, ["p90 must be longer than its median"]),
        ("handling: 2m\n", "handling: {gamma: 2m}\n", 15, 16, ["unknown distribution 'gamma'"]),
        ("call_handlers: 2", "call_handlers: two", 11, 18, ["whole number"]),
        ("    - {callsign: T1, station", "    - {callsign: T1, kind: pcsoo, station", 10, 28, ["unknown unit kind 'pcsoo'", "did you mean 'pcso'"]),
    ])
    func located(change: (String, String, Int, Int, [String])) {
        let found = problems(replacing(change.0, with: change.1))
        #expect(!found.isEmpty, "\(change.1) should be refused")
        guard let first = found.first else { return }
        #expect(first.file == "s.yaml")
        #expect((first.line, first.column) == (change.2, change.3), "\(first)")
        for words in change.4 { #expect(first.message.contains(words), "\(first.message) lacks '\(words)'") }
    }

    @Test("Welfare checks can be switched off, tuned, or refused when mistyped")
    func welfare() throws {
        let off = try Scenario.parse(text: Self.valid + "\nwelfare: off\n", file: "s.yaml")
        #expect(!off.config.welfare.enabled)
        let tuned = try Scenario.parse(text: Self.valid + "\nwelfare: {interval: 45m, violent: 10m}\n", file: "s.yaml")
        #expect(tuned.config.welfare.interval == 45 * 60_000 && tuned.config.welfare.violent == 10 * 60_000)
        #expect(problems(Self.valid + "\nwelfare: sometimes\n").first?.message.contains("true or false") == true)
        #expect(problems(Self.valid + "\nwelfare: {intervall: 5m}\n").first?.message.contains("did you mean 'interval'") == true)
    }

    @Test("An area's outline is read in km, and a broken one refused where it is, each ring's problem")
    func areaOutlines() throws {
        let scenario = try Scenario.parse(text: replacing("areas: [{name: Town}]", with: "areas: [{name: Town, outline: [[[-1, -1], [2, -1], [2, 1], [-1, 1]]]}]"), file: "s.yaml")
        #expect(scenario.config.areas[0].outline == [[Position(x: -1, y: -1), Position(x: 2, y: -1), Position(x: 2, y: 1), Position(x: -1, y: 1)]])
        #expect(try Scenario.parse(text: Self.valid, file: "s.yaml").config.areas[0].outline.isEmpty)
        let found = problems(replacing("areas: [{name: Town}]", with: "areas: [{name: Town, outline: [[[0, 0], [1, 0]], [[0, 0], [1, 0, 2], [1, 1]], [0, 1]]}]"))
        #expect(found.map { "\($0.line):\($0.column) \($0.message)" } == [
            "5:34 an outline's ring has 2 points; expected three at least",
            "5:61 outline point should be [x, y] in km, found 3 numbers",
            "5:81 an outline's ring should be a list of points [x, y] in km, as [[0, 0], [1, 0], [1, 1]]",
        ])
        #expect(problems(replacing("areas: [{name: Town}]", with: "areas: [{name: Town, outline: []}]")).map(\.message)
                == ["outline is empty; expected a list of rings, each a list of points [x, y] in km"])
    }

    @Test("A callsign used twice is refused at the second")
    func duplicateCallsigns() {
        let found = problems(replacing("    - {callsign: T1, station: Town Station, shift: \"14:00-00:00\"}",
                                       with: "    - {callsign: T1, station: Town Station}\n    - {callsign: t1}"))
        #expect(found.count == 1)
        #expect(found.first?.line == 11)
        #expect(found.first?.message.contains("callsign 't1' is used twice") == true)
    }

    @Test("Numbered callsigns expand, and refuse a count that does not fit")
    func numberedCallsigns() throws {
        let text = replacing("    - {callsign: T1, station: Town Station, shift: \"14:00-00:00\"}",
                             with: "    - {callsign: \"R##\", count: 12}")
        let scenario = try Scenario.parse(text: text, file: "s.yaml")
        #expect(scenario.config.units.map(\.callsign).prefix(3) == ["R01", "R02", "R03"])
        #expect(scenario.config.units.count == 12)
        let tooMany = problems(text.replacingOccurrences(of: "count: 12", with: "count: 100"))
        #expect(tooMany.first?.message.contains("does not fit in 2 # digit(s)") == true)
    }

    @Test("Several problems are all reported, in file order")
    func several() {
        let text = replacing("duration: 2h", with: "duration: 0s")
            .replacingOccurrences(of: "call_handlers: 2", with: "call_handlers: -1")
        let found = problems(text)
        #expect(found.count == 2)
        #expect(found.map(\.line) == [3, 11])
    }

    @Test("Missing sections, wrong shapes and broken YAML are refused, located")
    func shapes() {
        #expect(problems("").first?.message.contains("empty") == true)
        #expect(problems("- just\n- a list\n").first?.message.contains("should be a mapping") == true)
        let broken = problems("name: [unclosed\nstart: x\n")
        #expect(broken.first?.message.hasPrefix("not valid YAML") == true)
        #expect(broken.first?.line == 3 || broken.first?.line == 2)
        let missing = problems("name: x\n")
        #expect(missing.contains { $0.message.contains("missing 'start'") })
        #expect(missing.contains { $0.message.contains("missing 'roster'") })
        let noTravel = problems(Self.valid.replacingOccurrences(of: Self.valid[Self.valid.range(of: "area:")!.lowerBound..<Self.valid.range(of: "roster:")!.lowerBound], with: ""))
        #expect(noTravel.contains { $0.message.contains("needs 'travel'") })
    }

    @Test("Bytes that are not UTF-8 text, and control characters, are refused with their place")
    func bytes() {
        var bytes = Array(Self.valid.utf8)
        bytes.insert(0xFF, at: 20)
        #expect(throws: ScenarioError.self) { try Scenario.parse(bytes: bytes, file: "b.yaml") }
        do { _ = try Scenario.parse(bytes: bytes, file: "b.yaml") } catch {
            #expect(error.problems.first?.line == 2)
            #expect(error.problems.first?.message.contains("not UTF-8") == true)
        }
        let escape = Self.valid.replacingOccurrences(of: "name: tiny", with: "name: ti\u{1B}[2Jny")
        #expect(problems(escape).first?.message.contains("control character") == true)
    }

    @Test("Durations read as people write them")
    func durations() {
        #expect(DurationText.parse("90s") == 90_000)
        #expect(DurationText.parse("1h30m") == 5_400_000)
        #expect(DurationText.parse("2d") == 172_800_000)
        #expect(DurationText.parse("250ms") == 250)
        #expect(DurationText.parse("1.5h") == 5_400_000)
        #expect(DurationText.parse("90") == nil)
        #expect(DurationText.parse("h") == nil)
        #expect(DurationText.parse("") == nil)
    }
}

import Foundation

@Suite("Every problem in one run")
struct OneRunValidationTests {
    func problems(_ text: String) -> [ScenarioProblem] { ValidationTests().problems(text) }

    @Test("A mistake in an early section does not hide the script's: both are reported")
    func laterSectionsStillChecked() {
        let text = ValidationTests.valid.replacingOccurrences(of: "calls_per_hour: 4", with: "calls_per_hour: lots")
            + "\nscript:\n  - {at: 10m, radio: {unit: T9, says: \"hello\"}}\n"
        let found = problems(text)
        #expect(found.contains { $0.message.contains("calls_per_hour") && $0.line == 14 }, "\(found)")
        #expect(found.contains { $0.message.contains("T9") && $0.line == 20 }, "\(found)")
    }

    @Test("A key given twice is reported where it is given again, each one")
    func repeatedKeyWhereRepeated() {
        let text = ValidationTests.valid.replacingOccurrences(of: "  call_handlers: 2", with: "  call_handlers: 2\n  call_handlers: 3")
            .replacingOccurrences(of: "duration: 2h", with: "duration: 2h\nseed: 1\nduration: 3h")
        let found = problems(text)
        // YAML stops at the first mapping found with one (the roster's, inside the top level).
        #expect(found.map(\.line) == [14], "\(found)")
        #expect(found.first?.message.contains("'call_handlers' is given again here (first at line 13)") == true, "\(found)")
        let top = problems(ValidationTests.valid.replacingOccurrences(of: "duration: 2h", with: "duration: 2h\nseed: 1\nduration: 3h"))
        #expect(top.map { "\($0.line):\($0.column)" } == ["5:1"], "\(top)")
        let roster = ValidationTests.valid.replacingOccurrences(of: "  call_handlers: 2", with: "  call_handlers: 2\n  call_handlers: 3")
        let again = problems(roster)
        #expect(again.map { "\($0.line):\($0.column)" } == ["12:3"], "\(again)")
    }

    @Test("Tabs in the indentation are each reported as tabs, not as a token YAML cannot start")
    func tabsSaidAsTabs() {
        let text = ValidationTests.valid.replacingOccurrences(of: "  call_handlers: 2", with: "\tcall_handlers: 2")
            .replacingOccurrences(of: "    - {callsign: T1", with: "\t- {callsign: T1")
        let found = problems(text)
        #expect(found.count == 2, "\(found)")
        #expect(found.allSatisfy { $0.message.hasPrefix("a tab; indent with spaces") && $0.column == 1 })
    }
}

extension ValidationTests {
    @Test("A digital line with several problems reports each of them; a chat line needs someone on the digital desk; standard: none is no standard at all")
    func digitalLine() throws {
        // A line of demand under the 999 line, before the incident types.
        func withChat(_ line: String, desk: Bool = false) -> String {
            Self.valid.replacingOccurrences(of: "\nincident_types:", with: "\n  chat: \(line)\nincident_types:")
                .replacingOccurrences(of: "  call_handlers: 2", with: desk ? "  call_handlers: [{count: 2}, {count: 1, desk: digital}]" : "  call_handlers: 2")
        }
        let found = problems(withChat("{contacts_per_hour: -2, handling: 5m, outcomes: {advice: 90}, standard: soon, hours: [1, 2]}", desk: true)).map(\.message)
        for words in ["contacts_per_hour is -2", "outcomes of the chat line add up to 90%", "standard 'soon' is not a duration", "hours of the chat line has 2 factors"] {
            #expect(found.contains { $0.contains(words) }, "\(words): \(found)")
        }
        #expect(problems(withChat("{contacts_per_hour: 1, handling: 5m, outcomes: {advice: 100}}")).contains { $0.message.contains("nobody works the digital desk") })
        let none = withChat("{contacts_per_hour: 1, handling: 5m, outcomes: {advice: 100}, standard: none}", desk: true)
        let config = try Scenario.parse(text: none, file: "s.yaml").config
        #expect(config.standard(for: .chat) == nil)
        #expect(config.standard(for: .email) == 30 * Clock.minute, "a line not written keeps its usual standard")
    }
}
