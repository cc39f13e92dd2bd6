import DispatchEngine
import Foundation
import Scenario
import Testing

@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shipped() -> [String] {
        let dir = root.appendingPathComponent("scenarios").path
        let all = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".yaml") }.sorted().map { dir + "/" + $0 }
    }

    @Test("Every shipped scenario validates")
    func allValid() throws {
        let files = Self.shipped()
        #expect(files.count >= 4)
        for file in files {
            #expect(throws: Never.self, "\(file)") { _ = try Scenario.load(path: file) }
        }
    }

    @Test("The built-in default is scenarios/default.yaml, byte for byte")
    func builtInMatchesFile() throws {
        let file = try Scenario.load(path: Self.root.appendingPathComponent("scenarios/default.yaml").path)
        let builtIn = Scenario.builtInDefault()
        #expect(builtIn.name == file.name)
        #expect(builtIn.config.units.map(\.callsign) == file.config.units.map(\.callsign))
    }

    @Test("The default is a Friday night with figures from the domain notes")
    func defaultIsFridayNight() {
        let config = Scenario.builtInDefault().config
        #expect(config.calendar.dayOfWeek == 4)
        #expect(config.calendar.timeOfDay == 18 * Clock.hour)
        #expect(config.targets == .national)
        // Evening peak 18-22 above the early-morning trough by about three times.
        let peak = config.profile.hours[19], trough = config.profile.hours[4]
        #expect(peak / trough > 2.5 && peak / trough < 4)
        #expect(config.units.contains { $0.kind == .armed } && config.units.contains { $0.kind == .pcso })
    }
}
