import Console
import ReadModel
import DispatchEngine
import Testing
import Scenario
import Foundation

/// The call screen's line: the caller's number, and where the exchange says they are (the AML
/// fix arriving a few seconds in, with the gazetteer's places inside its circle; a landline's
/// subscriber address), which Tab picks from on an empty location.
@Suite("Caller's line on the call screen")
struct CallerLocationScreenTests {
    /// A call handler with the next ringing call one that `fits`, answered.
    func answering(_ fits: (CallDraw, CallerPhone) -> Bool) -> ConsoleFixture {
        let c = ConsoleFixture(role: .callHandler)
        while true {
            c.waitForRinging()
            if let id = c.floor.world.nextCallToAnswer(), let call = c.floor.world.call(id), fits(call.draw, call.phone(c.floor.config)) { break }
            _ = c.floor.simulation.step(limit: c.floor.config.duration)
        }
        c.act(.character("n"))
        return c
    }

    @Test("A mobile 999 call: the number at once, the AML fix a few seconds in with the places inside its circle; Tab on the empty location picks the nearest")
    func mobileFix() throws {
        let c = answering { draw, phone in phone.kind == .mobile && phone.hasFix && !draw.silent }
        let call = try #require(c.floor.call(at: c.state.handlerSeat))
        let number = try #require(CallerDetails.number(call, c.floor.config))
        #expect(c.screen.contains("CLI \(number) mobile  AML: waiting for the handset's location"))
        c.advance(seconds: Int(call.phone(c.floor.config).fixAfter / Clock.second) + 1)
        let location = c.floor.callerLocation(call)
        guard case .fix(_, let accuracy) = location.source else { Issue.record("no fix after its time"); return }
        #expect(c.screen.contains("CLI \(number) mobile  AML ±"))
        #expect(c.screen.contains("\(Int(accuracy.rounded())) m") || accuracy >= 1000)
        // The small map under the places: the circle round the fix (+), its radius, north.
        let screen = c.screen
        #expect(screen.contains("AML ±" + (accuracy >= 1000 ? "" : "\(Int(accuracy.rounded())) m")), "\(screen)")
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the circle in braille")
        #expect(screen.split(separator: "\n").contains { $0.contains("+") && $0.contains("│") })
        if let nearest = location.places.first {
            #expect(c.screen.contains("Inside the AML circle"))
            #expect(c.screen.contains(c.floor.placeName(nearest.place)))
            c.act(.tab)
            #expect(c.state.call?.place == nearest.place, "Tab on an empty location takes the nearest place in the circle")
        } else {
            #expect(c.screen.contains("no place of the gazetteer inside"))
        }
    }

    /// The vague-mobile training scenario with its map placed on the Earth and the caller's
    /// location given as the AML message the SMS brings (`message(lat, lon)`).
    static func withAML(_ message: (Double, Double) -> String) throws -> ConsoleFixture {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        var text = try String(contentsOfFile: root + "/scenarios/training/10-vague-mobile-caller.yaml", encoding: .utf8)
        let origin = GeoOrigin(latitude: 54.76397, longitude: -0.18305)
        // Riverside car park is 0.6 km west and 0.8 km south of the grid's (0, 0).
        let lat = origin.latitude - 0.8 / 111.132, lon = origin.longitude - 0.6 / (111.320 * cos(origin.latitude * Double.pi / 180))
        text = text.replacingOccurrences(of: "area:\n", with: "area:\n  origin: [54.76397, -0.18305]\n")
        text = text.replacingOccurrences(of: #"location: {accuracy: 350m, after: 12s, centre: "Riverside car park"}"#,
                                         with: "location: {aml: '\(message(lat, lon))', after: 12s}")
        let scenario = try Scenario.parse(text: text, file: "aml.yaml")
        let c = ConsoleFixture(hours: 0, role: .callHandler, scenario: scenario)
        c.floor.simulation.advance(to: 4 * Clock.minute + Clock.second)
        c.act(.character("n"))
        return c
    }

    @Test("AML as the SMS brings it: the message's point and radius on the call screen, the place inside its circle; a bad message is said as unreadable and the call goes on")
    func amlMessage() throws {
        let good = try Self.withAML { lat, lon in
            String(format: "A\"ML=1;lt=%+.5f;lg=%+.5f;rd=50;top=20261127220412;lc=90;pm=G;si=234302543446355;ei=356708041746734;mcc=234;mnc=30;ml=124", lat, lon)
        }
        #expect(good.screen.contains("AML: waiting for the handset's location"), "\(good.screen)")
        good.advance(seconds: 13)
        #expect(good.screen.contains("mobile  AML ±50 m: 1 place inside"), "\(good.screen)")
        #expect(good.screen.contains("Riverside car park"))
        let bad = try Self.withAML { lat, _ in String(format: "A\"ML=1;lt=%+.5f;rd=50;pm=G", lat) }
        bad.advance(seconds: 13)
        #expect(bad.screen.contains("AML unreadable (no longitude (lg)): ask"), "\(bad.screen)")
        #expect(bad.floor.callerLocation(bad.floor.call(at: bad.state.handlerSeat)!).source == .unreadableAML("no longitude (lg)"))
        #expect(bad.floor.call(at: bad.state.handlerSeat) != nil, "the call goes on")
    }

    @Test("A landline: the number and the subscriber's address; Tab takes it")
    func landline() throws {
        let c = answering { draw, phone in phone.kind == .landline && phone.subscriber >= 0 && !draw.silent }
        let call = try #require(c.floor.call(at: c.state.handlerSeat))
        let number = try #require(CallerDetails.number(call, c.floor.config))
        #expect(number.hasPrefix("01632 960"), "a landline in the drama range")
        #expect(c.screen.contains("CLI \(number) landline  subscriber: \(c.floor.placeName(call.phone(c.floor.config).subscriber))"))
        #expect(c.screen.contains("Subscriber's address"))
        c.act(.tab)
        #expect(c.state.call?.place == call.phone(c.floor.config).subscriber)
        #expect(c.state.call?.value(.caller).contains(number) == true, "the caller's number on the form is the one shown")
    }

    @Test("A mobile 999 call with no fix says so after 30 s, with the mast's area only; a 101 mobile call has no location")
    func noFix() throws {
        let c = answering { draw, phone in phone.kind == .mobile && !phone.hasFix && !draw.silent }
        let call = try #require(c.floor.call(at: c.state.handlerSeat))
        if call.line == .emergency {
            #expect(c.screen.contains("AML: waiting"))
            c.advance(seconds: 31)
        }
        #expect(c.screen.contains(call.line == .emergency ? "no AML location: mast in" : "no location on 101: ask"))
    }
}
