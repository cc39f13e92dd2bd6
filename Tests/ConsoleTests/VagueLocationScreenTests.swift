import Console
import ReadModel
import DispatchEngine
import Testing

/// A street or an area alone, offered in the form's location matches when that is all a
/// caller can say.
@Suite("Vague locations in the form")
struct VagueLocationScreenTests {
    @Test("Typing a street offers its addresses and the street itself (house not known); an area's name offers the area only")
    func offered() throws {
        let c = ConsoleFixture(role: .callHandler)
        c.waitForRinging()
        c.act(.character("n"))
        #expect(c.floor.call(at: c.state.handlerSeat) != nil)
        c.actTyping("mill lane")
        #expect(c.screen.contains("Riverside Flats, Mill Lane"))
        #expect(c.screen.contains("Mill Lane, Northfield Town (street only)"), "\(c.screen)")
        for _ in 0..<9 { c.act(.backspace) }
        c.actTyping("ashby (ar")
        c.act(.tab)
        #expect(c.state.call?.place.map { c.floor.placeName($0) } == "Ashby (area only)")
    }
}
