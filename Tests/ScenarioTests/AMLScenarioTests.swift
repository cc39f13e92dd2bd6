import DispatchEngine
import Foundation
import Scenario
import Testing

/// A scripted caller's location as an AML message: the map must be placed on the Earth
/// (`area.origin`), and the message gives its own point and radius.
@Suite("AML messages in a scenario")
struct AMLScenarioTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    static func text(origin: String?, location: String) throws -> String {
        var text = try String(contentsOfFile: root + "/scenarios/training/10-vague-mobile-caller.yaml", encoding: .utf8)
        if let origin { text = text.replacingOccurrences(of: "area:\n", with: "area:\n  origin: \(origin)\n") }
        return text.replacingOccurrences(of: #"location: {accuracy: 350m, after: 12s, centre: "Riverside car park"}"#, with: "location: \(location)")
    }

    @Test("An AML message needs the area's origin; accuracy and centre come from the message, not beside it; a bad origin is located")
    func problems() throws {
        let aml = #"{aml: 'A"ML=1;lt=+54.75677;lg=-0.19241;rd=50', after: 12s}"#
        let noOrigin = try Self.text(origin: nil, location: aml)
        #expect(throws: ScenarioError.self) { try Scenario.parse(text: noOrigin, file: "s.yaml") }
        do { _ = try Scenario.parse(text: noOrigin, file: "s.yaml") } catch {
            #expect(error.description.contains("area.origin: [LATITUDE, LONGITUDE]"), "\(error)")
        }
        let both = try Self.text(origin: "[54.76397, -0.18305]", location: #"{aml: 'A"ML=1;lt=+54.75677;lg=-0.19241;rd=50', accuracy: 40m}"#)
        do { _ = try Scenario.parse(text: both, file: "s.yaml"); Issue.record("accuracy beside aml was taken") } catch {
            #expect(error.description.contains("'accuracy' comes from the AML message itself"), "\(error)")
        }
        let badOrigin = try Self.text(origin: "[154.7, -0.18]", location: aml)
        do { _ = try Scenario.parse(text: badOrigin, file: "s.yaml"); Issue.record("a latitude of 154 was taken") } catch {
            #expect(error.description.contains("origin should be [LATITUDE, LONGITUDE]"), "\(error)")
        }
        // Placed, the message's point is where the caller's fix is, with its radius.
        let scenario = try Scenario.parse(text: try Self.text(origin: "[54.76397, -0.18305]", location: aml), file: "s.yaml")
        let spec = try #require(scenario.config.script.calls.first { $0.phone?.aml != nil })
        #expect(spec.phone?.aml?.hasPrefix("A\"ML=1") == true)
    }
}
