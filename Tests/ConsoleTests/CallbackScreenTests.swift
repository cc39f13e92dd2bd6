import Console
import ReadModel
import DispatchEngine
import Testing

/// The callback list in the call handler's pane, and ringing back from it.
@Suite("Callback list")
struct CallbackScreenTests {
    @Test("An abandoned 999 call is listed to ring back with its number; b rings it back; x closes a ring back with a reason on its record")
    func ringBackFromTheList() throws {
        let c = ConsoleFixture(role: .callHandler)
        while c.floor.world.callbacks.isEmpty { _ = c.floor.simulation.step(limit: 30 * Clock.day) }
        Update.drawn(&c.state, c.floor)
        let waiting = try #require(c.floor.callbackList().first)
        let cli = try #require(waiting.cli)
        #expect(c.screen.contains("Ring back (b): abandoned 999"))
        #expect(c.screen.contains("#\(waiting.number)  \(cli)  hung up"))
        // On a call already, b is refused; between calls it rings the oldest back.
        let seat = try #require(c.state.handlerSeat)
        let effects = c.act(.character("b"))
        #expect(effects == [.execute(.ringBack(seat, number: waiting.number))])
        let call = try #require(c.floor.call(at: seat))
        #expect(call.ringBack && call.number == waiting.number)
        #expect(c.state.mode == .call)
        #expect(c.screen.contains("999 call \(waiting.number) RING BACK"))
        #expect(c.screen.contains(call.calledBack == true ? "Someone picks up" : "No answer: it goes to voicemail"))
        #expect(!c.floor.callbackList().contains { $0.number == waiting.number })
        c.act(.escape, .character("x"))
        #expect(c.screen.contains(call.calledBack == true ? "made by accident" : "no answer, voicemail left"))
        c.actTyping("rang back, voicemail left")
        c.act(.enter)
        #expect(c.floor.call(at: seat) == nil, "the ring back is over")
        #expect(c.state.message?.contains("Ring back closed") == true)
        #expect(c.command("ringback 999999").isEmpty)
        #expect(c.state.message?.contains("is not on the callback list") == true || c.state.message?.contains("No abandoned") == true)
    }
}
