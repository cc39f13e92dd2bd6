import Console
import ReadModel
import DispatchEngine
import Foundation
import Scenario
import Testing

/// A live chat at the call handler's seat: queued under the calls with the time left to its
/// standard, taken beside a 101 call, the two gone between with their forms kept, and decided as
/// a call is.
@Suite("Digital contact at the call handler's seat")
struct DigitalContactScreenTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    func chatScenario() throws -> ConsoleFixture {
        let scenario = try Scenario.load(path: Self.root + "/scenarios/training/13-chat-reveals-risk.yaml")
        return ConsoleFixture(hours: 0, role: .callHandler, scenario: scenario)
    }

    @Test("A live chat both ways: w opens the line under the transcript, Enter sends; the reply is on the screen and the record, and the person answers in turn, sooner than they would have")
    func chatReplies() throws {
        let c = try chatScenario()
        let seat = try #require(c.state.handlerSeat)
        c.floor.simulation.advance(to: 4 * Clock.minute + 5 * Clock.second)
        c.act(.character("c"))
        let chat = try #require(c.floor.call(at: seat))
        #expect(chat.line == .chat && c.state.mode == .call)
        #expect(c.screen.contains("w: write to them"), "\(c.screen)")
        c.act(.escape)   // out of the form's typing, onto the call's keys
        c.advance(seconds: 3)
        c.act(.character("w"))
        #expect(c.state.mode == .reply)
        c.actTyping("Hi, I can help with that. Are you okay?")
        #expect(c.screen.contains("You: Hi, I can help with that. Are you okay?"), "\(c.screen)")
        let effects = c.act(.enter)
        #expect(effects == [.execute(.replyToChat(seat, "Hi, I can help with that. Are you okay?"))])
        #expect(c.state.mode == .reply && c.state.line.isEmpty, "the line stays open for the next")
        // Their next line comes 8 s after the reply, not at 20 s.
        c.advance(seconds: 9)
        #expect(c.floor.now - chat.answeredAt < 20 * Clock.second)
        #expect(c.screen.contains("Chat: actually it doesnt matter now"), "\(c.screen)")
        #expect(c.screen.contains("You: Hi, I can help with that. Are you okay?"))
        c.actTyping("It does matter. What has happened?")
        c.act(.enter)
        c.advance(seconds: 9)
        #expect(c.floor.now - chat.answeredAt < 40 * Clock.second)
        #expect(c.screen.contains("Chat: ive taken all my tablets"), "\(c.screen)")
        // Esc goes back to the chat's keys; the replies are the chat's record.
        c.act(.escape)
        #expect(c.state.mode == .call)
        #expect(c.floor.world.chatReplies.values.first?.map(\.text) == ["Hi, I can help with that. Are you okay?", "It does matter. What has happened?"])
    }

    @Test("c takes the chat beside the 101 call; F6 goes between them, each with its own form; the chat's words are written, its incident created from it")
    func chatBesideCall() throws {
        let c = try chatScenario()
        let seat = try #require(c.state.handlerSeat)
        // The 101 call rings at 3 minutes: answered, the form started.
        c.floor.simulation.advance(to: 3 * Clock.minute + Clock.second)
        c.act(.character("n"))
        let call = try #require(c.floor.call(at: seat))
        #expect(call.line == .nonEmergency)
        c.actTyping("bins behind")
        c.act(.escape)
        c.act(.escape)
        #expect(c.state.mode == .normal)
        // The chat comes in at 4 minutes: listed with the time left to its standard.
        c.floor.simulation.advance(to: 4 * Clock.minute + 20 * Clock.second)
        Update.drawn(&c.state, c.floor)
        #expect(c.screen.contains("Digital (c): 1 chat"), "\(c.screen)")
        #expect(c.screen.contains("to standard"))
        let effects = c.act(.character("c"))
        #expect(effects == [.execute(.takeContact(seat))])
        let chat = try #require(c.floor.call(at: seat))
        #expect(chat.line == .chat && c.state.mode == .call)
        #expect(c.screen.contains("chat \(chat.number)"))
        #expect(c.screen.contains("held: 101 call \(call.number)"))
        #expect(c.screen.contains("@example.org"), "a chat shows the address, not a phone number")
        // Its words arrive as they are written.
        c.floor.simulation.advance(to: c.floor.now + 65 * Clock.second)
        Update.drawn(&c.state, c.floor)
        #expect(c.screen.contains("Chat: ive taken all my tablets"))
        // F6: back to the call, whose form is as it was left.
        c.act(.function(6))
        #expect(c.floor.call(at: seat)?.number == call.number)
        #expect(c.state.call?.text[.location] == "bins behind", "the call's form kept what was typed")
        c.act(.function(6))
        #expect(c.floor.call(at: seat)?.number == chat.number)
        // The chat's incident: grade 1 at Birch Close, from its form (still being typed into, as left).
        #expect(c.state.call?.editing == true)
        c.actTyping("14 Birch Close, Hartley")
        c.act(.enter)
        c.actTyping("concern for safety")
        c.act(.enter)
        c.actTyping("1")
        for line in ["took all tablets", "overdose", "life at risk", "none", "alone at home", "on the chat"] {
            c.actTyping(line); c.act(.down)
        }
        c.act(.function(2))
        #expect(!c.state.messageIsError, "\(c.state.message ?? "")")
        let reference = try #require(c.floor.incidents.reference(openedBy: chat.number))
        #expect(c.floor.incident(reference: reference)?.1.grade == .immediate)
        // The call comes forward again, with its form.
        #expect(c.floor.call(at: seat)?.number == call.number)
        #expect(c.floor.heldContacts(at: seat).isEmpty)
        #expect(c.screen.contains("101 call \(call.number)"))
    }

    @Test("With nothing waiting c says so; on a call F6 with nothing held says so, changing nothing")
    func nothingToTake() throws {
        let c = try chatScenario()
        c.act(.character("c"))
        #expect(c.state.messageIsError && c.state.message?.contains("No chat, e-mail or online report is waiting") == true)
        c.floor.simulation.advance(to: 3 * Clock.minute + Clock.second)
        c.act(.character("n"))
        let effects = c.act(.function(6))
        #expect(effects.isEmpty && c.state.messageIsError)
        #expect(c.state.message?.contains("You hold nothing else") == true)
    }
}
