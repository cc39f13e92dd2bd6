import Foundation
import Testing
import TmuxHarness

/// The call handler's seat through the real binary on the call-handling training scenarios: a
/// mobile caller's location arriving and narrowing the place, staying on the line with an
/// ambulance informed until the police arrive, and an abandoned 999 rung back from the list.
@Suite("Call handling in a terminal", .serialized)
struct CallHandlingEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    func session(_ scenario: String, from: String, journal: String = JournalEndToEndTests.temporaryJournal()) -> TmuxSession {
        TmuxSession(binary: Self.binary, ["run", Self.root + "/scenarios/training/" + scenario, "--role", "call-handler",
                                          "--trainee", "Casey", "--from", from, "--speed", "1",
                                          "--journal", journal], width: 130, height: 42)
    }

    @Test("A mobile 999 call: the AML fix arrives and Tab takes the place inside its circle; F3 keeps the caller, t informs the ambulance, the police arrive, x ends the call")
    func mobileLocationStayAndAmbulance() throws {
        let t = session("10-vague-mobile-caller.yaml", from: "3m57s")
        #expect(t.wait(timeout: 30) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "\(t.screen())")
        t.keys("n")
        #expect(t.wait(for: "AML: waiting for the handset's location"), "\(t.screen())")
        let fixed = t.wait(timeout: 30) { $0.contains("AML \u{00B1}350 m") }
        #expect(fixed.contains("Inside the AML circle (\u{00B1}350 m)"), "\(fixed)")
        #expect(fixed.contains("Riverside car park"))
        // The small map below: the accuracy circle in braille, its radius under it as on the caller's line.
        #expect(MapEndToEndTests.braille(fixed) && fixed.components(separatedBy: "AML \u{00B1}350 m").count >= 3, "\(fixed)")
        t.keys("Tab")
        #expect(t.wait { $0.contains("Location    Riverside car park") }.contains("Riverside car park"), "\(t.screen())")
        t.keys("Enter", "violence", "Tab", "Enter", "1")
        for line in ["attacked, bleeding", "head wound", "may pass out", "two in grey tracksuits", "alone, injured"] { t.keys(line, "Down") }
        t.keys("stay on the line")
        t.keys("F3")
        #expect(t.wait(for: "On the line while officers travel"), "\(t.screen())")
        t.keys("t")
        #expect(t.wait(for: "ambulance informed, their ref AMB-00001"), "\(t.screen())")
        t.keys("h")
        #expect(t.wait(for: "You: Help is on the way"))
        // Faster, until the first unit is with him.
        t.keys("+", "+", "+", "+")
        #expect(t.wait(timeout: 60) { $0.contains("the police are here") }.contains("the police are here"), "\(t.screen())")
        t.keys("x")
        #expect(t.wait { $0.contains("Call ended") && $0.contains("Ref ") }.contains("Call ended"), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
    }

    @Test("An abandoned 999 call lands on the callback list; b rings it back and she answers in a whisper; the replay shows that call screen")
    func abandonedRungBack() throws {
        let journal = JournalEndToEndTests.temporaryJournal()
        let t = session("11-abandoned-999-genuine.yaml", from: "6m57s", journal: journal)
        let listed = t.wait(timeout: 30) { $0.contains("Ring back (b): abandoned 999") }
        #expect(listed.contains("01632 960"), "a landline number to ring: \(listed)")
        t.keys("b")
        #expect(t.wait(for: "RING BACK"), "\(t.screen())")
        #expect(t.wait(timeout: 20) { $0.contains("he's downstairs") }.contains("You ring the 999 caller back. Someone picks up."), "\(t.screen())")
        #expect(!t.screen().contains("Ring back (b): abandoned 999"), "off the list once rung back")
        // Esc leaves the form's typing, Esc again the call's screen (each on its own).
        t.keys("Escape")
        #expect(t.wait(for: "x no answer / made by accident"), "\(t.screen())")
        t.keys("Escape")
        #expect(t.wait(for: "Still on the call"))
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
        // The replay opens the call screen as Casey had it.
        let r = TmuxSession(binary: Self.binary, ["replay", journal, "--speed", "10"], width: 130, height: 42)
        let replayed = r.wait(timeout: 30) { $0.contains("RING BACK") && $0.contains("he's downstairs") }
        #expect(replayed.contains("REPLAY of Casey"), "\(replayed)")
        #expect(replayed.contains("typing is not recorded"), "\(replayed)")
        r.keys("Escape")
        #expect(r.wait(for: "ON THE LINE: 999 call"), "\(r.screen())")
        r.keys("q", "y")
        #expect(r.wait(for: "[exit 0]"), "\(r.screen())")
    }
}

extension CallHandlingEndToEndTests {
    @Test("A chat handled beside a 101 call: c takes it with the call held, F6 goes between them with each form kept, the chat's incident created and stayed on, then the call resolved")
    func chatBesideCall() throws {
        let t = session("13-chat-reveals-risk.yaml", from: "2m57s")
        #expect(t.wait(timeout: 30) { $0.contains("\u{25B6}101") }.contains("\u{25B6}101"), "\(t.screen())")
        t.keys("n")
        #expect(t.wait(for: "101 call 1"), "\(t.screen())")
        t.keys("Co-op", "Tab")
        #expect(t.wait(for: "Location    Co-op, Bridge Street"), "\(t.screen())")
        t.keys("Enter", "anti-social", "Tab")
        #expect(t.wait(for: "Type        anti-social behaviour"), "\(t.screen())")
        // Back to the floor with the caller held on the line, to see the chat come in.
        t.keys("Escape")
        #expect(t.wait(for: "c create  s stay on"), "\(t.screen())")
        t.keys("Escape")
        #expect(t.wait(for: "Still on the call"), "\(t.screen())")
        // 5x until the chat comes in and writes (the desk would take it after a simulated minute).
        t.keys("+", "+")
        #expect(t.wait(for: "5x"), "\(t.screen())")
        let queued = t.wait(timeout: 60) { $0.contains("Digital (c): 1 chat") }
        #expect(queued.contains("to standard"), "\(queued)")
        t.keys("c")
        let chat = t.wait { $0.contains("chat 2") && $0.contains("held: 101 call 1 (F6)") }
        #expect(chat.contains("@example.org"), "\(chat)")
        #expect(t.wait(timeout: 60) { $0.contains("Chat: ive taken all my tablets") }.contains("tablets"), "\(t.screen())")
        // F6: the call again, its form as it was left; F6 back to the chat.
        t.keys("F6")
        #expect(t.wait { $0.contains("101 call 1") && $0.contains("held: chat 2") && $0.contains("Co-op, Bridge Street") }.contains("Co-op"), "\(t.screen())")
        t.keys("F6")
        #expect(t.wait { $0.contains("held: 101 call 1") }.contains("chat 2"), "\(t.screen())")
        t.keys("14 Birch", "Tab")
        #expect(t.wait { $0.contains("Location    14 Birch Close, Hartley") }.contains("14 Birch"), "\(t.screen())")
        t.keys("Enter", "concern for", "Tab", "Enter", "1")
        for line in ["took all her tablets", "overdose", "life at risk", "none", "alone at home"] { t.keys(line, "Down") }
        t.keys("stay on the chat")
        t.keys("F3")
        #expect(t.wait(for: "On the chat while officers travel"), "\(t.screen())")
        // The call comes back with F6, and is resolved with advice while the chat stays open.
        t.keys("F6")
        #expect(t.wait { $0.contains("101 call 1") && $0.contains("held: chat 2") }.contains("101 call 1"), "\(t.screen())")
        // (Its form was left with Esc: the call's keys are in force.)
        t.keys("r")
        #expect(t.wait(for: "Resolve on the phone with advice"), "\(t.screen())")
        t.keys("logged, no attendance needed", "Enter")
        #expect(t.wait { $0.contains("chat 2") && $0.contains("On the chat while officers travel") }.contains("chat 2"), "\(t.screen())")
        t.keys("Escape")
        #expect(t.wait(for: "Still on the call"), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
    }
}
