import Console
import ReadModel
@testable import DispatchEngine
import Scenario
import Testing

/// Generated callers say what fits what the call is and where it is.
@Suite("Callers' words fit the call")
struct CallerWordsTests {
    let config = Scenario.builtInDefault().config

    func words(type: String, grade: Grade, place: String, identity: UInt32) -> [String] {
        let t = Int32(config.incidentTypes.firstIndex { $0.name == type }!)
        let p = Int32(config.places.firstIndex { $0.name == place }!)
        let draw = CallDraw(type: t, grade: grade, place: p, patience: .max, handling: 0, outcome: .incident, silent: false,
                            duplicatePick: 0, caller: Caller(relation: .witness, identity: identity))
        var call = Call(number: Int64(identity), line: .emergency, arrivedAt: 0, draw: draw)
        call.answeredAt = 0
        return CallerWords.heard(call, subject: CallerWords.Subject(type: t, grade: grade, place: p), config: config, now: Clock.hour).map(\.text)
    }

    @Test("Something over and done with is not told as happening now; animals on the road are on the road outside a club, not in it")
    func fitting() {
        let now = ["still here", "still around", "right now", "still going on", "won't leave", "smashing"]
        for identity in UInt32(0)..<40 {
            let over = words(type: "domestic", grade: .resolution, place: "High Street, Northfield", identity: identity)
            #expect(!over.contains { line in now.contains { line.contains($0) } }, "\(over)")
            let animals = words(type: config.incidentTypes.first { $0.name.contains("animal") }?.name ?? "animals on the road",
                                grade: .priority, place: "The Crown, 2 Market Place", identity: identity)
            let located = animals.filter { $0.contains("The Crown") }
            #expect(located.allSatisfy { $0.contains("road") }, "\(located)")
        }
    }
}

@Suite("A scripted caller's name")
struct ScriptedCallerNameTests {
    @Test("A scripted caller gives the trainer's name (a woman's whisper under a woman's name), on the form and in the calls export")
    func named() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let config = try Scenario.load(path: root + "/scenarios/training/11-abandoned-999-genuine.yaml").config
        let k = try #require(config.script.calls.firstIndex { $0.name == "hung up" })
        #expect(config.script.calls[k].callerName == "Leanne Hughes")
        var draw = CallDraw(type: 0, grade: .immediate, place: 0, patience: .max, handling: 0, outcome: .incident, silent: false,
                            duplicatePick: 0, caller: Caller(relation: .victim, identity: 3))
        #expect(CallerDetails.name(draw, config) == CallerDetails.name(draw.caller), "a generated caller: the identity's name")
        draw.script = Int32(k)
        #expect(CallerDetails.name(draw, config) == "Leanne Hughes")
    }
}
