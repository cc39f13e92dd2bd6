import Foundation
import Journal
import Testing
import TmuxHarness

/// A system account of the test's own, made for it and removed after: a second person on the
/// machine, whose consoles the floor must know by their account, not by what they type.
final class TestAccount {
    let name: String
    let uid: UInt32
    let gid: UInt32

    init() throws {
        name = "crt" + String(UInt32.random(in: 0..<0xFFFFFF), radix: 16)
        let made = Spawn.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name])
        guard made.status == 0, let entry = getpwnam(name) else { throw TestAccountProblem(words: "useradd \(name): \(made.output)") }
        uid = entry.pointee.pw_uid
        gid = entry.pointee.pw_gid
    }

    /// The arguments that run a program as this account (setpriv, from util-linux).
    func runs(_ arguments: [String]) -> [String] {
        ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"] + arguments
    }

    deinit { Spawn.run(["userdel", name]) }
}

struct TestAccountProblem: Error { var words: String }

/// The floor knows each console by the system account at the other end of its socket.
@Suite("The floor knows who each console is", .serialized, .enabled(if: getuid() == 0, "makes a second system account: needs root, as CI has"))
struct FloorIdentityTests {
    @Test("With a roster: another account's console cannot pass for the floor's person; it is seated as the roster's name in the roster's seat; its send is refused by the floor and journalled as refused; it cannot stop the floor")
    func rosterAndAccounts() throws {
        let sam = try TestAccount()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder + "/sam", withIntermediateDirectories: true)
        chmod(folder, 0o755)
        chown(folder + "/sam", sam.uid, sam.gid)
        let roster = folder + "/roster.yaml"
        try """
            people:
              - {account: root, name: Rita, seats: [dispatcher:Hartley, supervisor]}
              - {account: \(sam.name), name: Sam, seats: [call-handler]}
            """.write(toFile: roster, atomically: true, encoding: .utf8)
        let floor = try FloorProcess(["start", FloorEndToEndTests.intruders, "--from", "9m50s", "--roster", roster], folder: folder)
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        #expect(floor.log.contains("roster \(roster): 2 people"), "\(floor.log)")
        // The floor's group: Sam's account may open the socket (mode 0660), as a site would set it.
        chown(floor.socket, 0, sam.gid)

        func samJoins(_ arguments: [String]) -> TmuxSession {
            TmuxSession(binary: sam.runs([ConsoleEndToEndTests.binary]).joined(separator: " "), ["join", floor.socket] + arguments,
                        width: 130, height: 40, env: ["XDG_STATE_HOME": folder + "/sam", "HOME": folder + "/sam"])
        }
        // Sam's account says it is Rita: refused, and the floor's log names the account.
        let impostor = samJoins(["--name", "Rita", "--seat", "dispatcher:Hartley"])
        let refused = impostor.wait { $0.contains("[exit") }
        #expect(refused.contains("is Sam on this floor's roster") && refused.contains("[exit 1]"), "\(refused)")
        #expect(floor.log.contains("from \(sam.name) (uid \(sam.uid))"), "\(floor.log)")
        // Without a name or a seat: the roster's person in the roster's one seat.
        let handler = samJoins([])
        #expect(handler.wait(for: "FLOOR · Sam, call handler"), "\(handler.screen())")
        #expect(floor.wait(for: "Sam joined as call-handler from \(sam.name)"), "\(floor.log)")
        let rita = floor.join(seat: "dispatcher:Hartley", name: "Rita")
        #expect(rita.wait(for: "FLOOR · Rita, dispatcher Hartley"), "\(rita.screen())")
        // The call handler radios a unit: the floor refuses it, and the journal says who tried.
        handler.keys(":", "msg HY11 come back to the station", "Enter")
        #expect(handler.wait(for: "the dispatcher's work"), "\(handler.screen())")
        // Sam's account cannot end the floor; the floor's own can.
        let stop = Spawn.run(sam.runs([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket]))
        #expect(stop.status == 1 && stop.output.contains("may not end this floor"), "\(stop.output)")
        #expect(!floor.waitForExit(0.5), "the floor is still running")
        handler.keys("q")
        rita.keys("q")
        let stopped = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(floor.waitForExit(20))
        let journal = try Journal.open(at: floor.journal, readOnly: true)
        let tried = try journal.actions().filter { $0.person == "Sam" && $0.refusal != nil }
        #expect(tried.count == 1 && "\(tried[0].action)".contains("message"), "\(tried)")
    }

}

/// Another dispatcher's area: asked first, then done and its dispatcher told.
@Suite("Acting in another dispatcher's area, through the real binary", .serialized)
struct AcrossAreasEndToEndTests {
    @Test("A dispatcher radios a unit of an area another person dispatches: the floor asks first and nothing is sent until y; then it is done and the area's dispatcher sees who did what")
    func askedThenTold() throws {
        let floor = try FloorProcess(["start", FloorEndToEndTests.intruders, "--from", "9m50s"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        #expect(floor.log.contains("no roster: anyone who can open the socket"), "said plainly at start: \(floor.log)")
        let lee = floor.join(seat: "dispatcher:Hartley", name: "Lee")
        #expect(lee.wait(for: "FLOOR · Lee, dispatcher Hartley"), "\(lee.screen())")
        let kim = floor.join(seat: "'dispatcher:Hartley Villages'", name: "Kim")
        _ = kim.wait { $0.contains("FLOOR · Kim") || $0.contains("[exit") }
        kim.keys(":", "msg HY11 return to the station", "Enter")
        let asked = kim.wait { $0.contains("y to go ahead") }
        #expect(asked.contains("HY11 is Hartley's, dispatched by Lee: send a radio message anyway (they are told)?"), "\(asked)")
        #expect(!lee.screen().contains("return to the station"), "nothing sent before the answer")
        kim.keys("y")
        #expect(lee.wait(for: "Kim (dispatcher Hartley Villages) acted in Hartley: send a radio message, HY11."), "\(lee.screen())")
        kim.keys("q")
        lee.keys("q")
        floor.kill(SIGTERM)
    }
}

