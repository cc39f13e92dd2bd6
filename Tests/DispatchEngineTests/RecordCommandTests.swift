@testable import DispatchEngine
import Foundation
import Scenario
import Testing

@Suite("Incidents left until later, reopened and noted after closing")
struct RecordCommandTests {
    @Test("Left until later, the engine's dispatcher leaves it alone until its time, then sends a unit")
    func deferredUntilItsTime() throws {
        let sim = ResponsePlanTests.quietDistrict()
        let id = ResponsePlanTests.open(sim, type: 1, grade: .scheduled, place: 0)
        #expect(throws: CommandRefusal.timeNotAhead) { try sim.execute(.stackUntil(id, until: sim.now)) }
        try sim.execute(.stackUntil(id, until: sim.now + 30 * Clock.minute))
        sim.seatDispatcher(nil)
        sim.advance(to: 20 * Clock.minute)
        #expect(sim.world.incident(id)?.unitsAttached == 0)
        sim.advance(to: 32 * Clock.minute)
        #expect(sim.world.incident(id)?.unitsAttached == 1)
        #expect(sim.world.incident(id)?.backFromLaterAt == 31 * Clock.minute)
    }

    @Test("Reopening needs a closed incident that existed; a note by reference works after closing")
    func reopenAndAnnotate() throws {
        let sim = ResponsePlanTests.quietDistrict()
        let id = ResponsePlanTests.open(sim, type: 1, grade: .scheduled, place: 2)
        sim.nextReference = 2
        #expect(throws: CommandRefusal.incidentStillOpen) { try sim.execute(.reopen(reference: 1, type: 1, grade: .scheduled, place: 2)) }
        try sim.execute(.close(id, closingType: 1, result: .adviceGiven))
        try sim.execute(.annotate(reference: 1, "Caller rang to say thank you"))
        #expect(throws: CommandRefusal.noSuchReference) { try sim.execute(.annotate(reference: 7, "x")) }
        try sim.execute(.reopen(reference: 1, type: 1, grade: .scheduled, place: 2))
        let again = try #require(sim.world.handle(forReference: 1))
        #expect(sim.world.incident(again)?.unitsWanted == 1 && sim.world.incident(again)?.reopened == true)
    }
}

@Suite("Scripted callers")
struct ScriptedCallerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The caller of each scripted call that rang, by call.
    static func callers(_ file: String) throws -> [Int32: [UInt32]] {
        let config = try Scenario.load(path: root.appendingPathComponent("scenarios/training/" + file).path).config
        let sim = Simulation(config: config)
        var found: [Int32: [UInt32]] = [:]
        sim.observers.append { _, event in
            if case let .callArrived(_, _, _, draw) = event, draw.script >= 0 { found[draw.script, default: []].append(draw.caller.identity) }
        }
        sim.runToEnd()
        return found
    }

    @Test("Each scripted caller keeps one identity on every call they make, and the first caller differs from one scenario to the next")
    func oneIdentityEach() throws {
        let a = try Self.callers("06-street-fight.yaml"), b = try Self.callers("02-domestic-warning-markers.yaml")
        for calls in Array(a.values) + Array(b.values) { #expect(Set(calls).count == 1, "one caller, one identity: \(calls)") }
        #expect(a[0]?.first != nil && a[0]?.first != b[0]?.first)
    }
}
