import Console
import ReadModel
import DispatchEngine
import Testing

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
