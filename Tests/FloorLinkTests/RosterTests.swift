import DispatchEngine
import FloorLink
import Foundation
import ReadModel
import Scenario
import Testing

/// A floor with a roster seats each console as the person its system account is, and only
/// where the roster lets them sit, whatever the console says.
@Suite("A roster: who each console is and where they may sit")
struct RosterTests {
    static let areas = ["Northfield Town", "Ashby"]
    static let text = """
        people:
          - account: lee
            name: Lee Jones
            seats: [call-handler, dispatcher:Ashby]
          - account: sam
            name: Sam Patel
            seats: [dispatcher]
          - account: kit
            name: Kit Moss
            seats: [trainee]
          - account: pat
            name: Pat Super
            seats: [supervisor]
        """

    @Test("A roster with problems is refused with every problem located: an unknown seat or area, a missing name, an account twice, names a screen cannot tell apart")
    func problemsAllAtOnce() throws {
        let bad = """
            people:
              - account: lee
                name: Lee Jones
                seats: [dispatcher:Nowhere, boss]
              - account: sam
                seats: [supervisor]
              - account: lee
                name: Kim Bell
              - account: lej
                name: L\u{0435}e Jones
            colour: blue
            """
        let error = #expect(throws: ScenarioError.self) { try Roster.parse(text: bad, file: "roster.yaml", areas: Self.areas) }
        let lines = error?.problems.map(\.description) ?? []
        #expect(lines.contains { $0.hasPrefix("roster.yaml:4:13: no seat 'dispatcher:Nowhere'") && $0.contains("Northfield Town, Ashby") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("roster.yaml:4:33: no seat 'boss'") }, "\(lines)")
        #expect(lines.contains { $0.contains("missing 'name'") }, "\(lines)")
        #expect(lines.contains { $0.contains("account 'lee' is on the roster twice") }, "\(lines)")
        #expect(lines.contains { $0.contains("cannot be told apart from 'Lee Jones'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("roster.yaml:11:1: unknown setting 'colour'") }, "\(lines)")
    }

    static func room(training: Bool = false) throws -> (FloorRoom, FloorSeatRulesTests.Outbox) {
        let (room, box) = try FloorSeatRulesTests.room(training: training)
        room.use(try Roster.parse(text: text, file: "roster.yaml", areas: room.simulation.config.areas.map(\.name)))
        return (room, box)
    }

    /// An account of the test's making: a uid no real account of this machine's has.
    static func account(_ name: String) -> PeerAccount {
        PeerAccount(uid: 4_000_000 + UInt32(["lee", "sam", "kit", "pat", "mallory"].firstIndex(of: name) ?? 99), name: name)
    }

    @Test("The account decides who a console is: not on the roster, refused; another's name, refused; no name, the roster's; the seat only as the roster gives it; the welcome says who the floor seated")
    func identityFromTheAccount() throws {
        let (room, box) = try Self.room()
        room.hello(1, name: "Lee Jones", seat: "dispatcher", version: FloorProtocol.version, account: Self.account("mallory"))
        #expect(box.refusals(to: 1).last?.contains("mallory (uid 4000004) is not on this floor's roster") == true, "\(box.refusals(to: 1))")
        room.hello(2, name: "Sam Patel", seat: "dispatcher", version: FloorProtocol.version, account: Self.account("lee"))
        #expect(box.refusals(to: 2).last?.contains("the account lee is Lee Jones on this floor's roster") == true, "\(box.refusals(to: 2))")
        room.hello(3, name: "", seat: "dispatcher:Northfield Town", version: FloorProtocol.version, account: Self.account("lee"))
        #expect(box.refusals(to: 3).last?.contains("does not give Lee Jones the dispatcher:Northfield Town seat; theirs: call-handler, dispatcher:Ashby") == true,
                "\(box.refusals(to: 3))")
        room.hello(4, name: "", seat: "", version: FloorProtocol.version, account: Self.account("lee"))
        #expect(box.refusals(to: 4).last?.contains("which seat?") == true, "two seats: the console must say which")
        room.hello(5, name: "", seat: "dispatcher:Ashby", version: FloorProtocol.version, account: Self.account("lee"))
        let welcome = box.messages.compactMap { to, m -> FloorWelcome? in if to == 5, case .welcome(let w) = m { w } else { nil } }.first
        #expect(welcome?.you == "Lee Jones" && welcome?.seat == "dispatcher:Ashby")
        // One seat on the roster: no --seat needed.
        room.hello(6, name: "", seat: "", version: FloorProtocol.version, account: Self.account("pat"))
        #expect(room.people.map(\.name) == ["Lee Jones", "Pat Super"] && room.people.last?.seat == "supervisor")
        // Everyone on the roster may watch; a trainee's seats are on training floors only.
        room.hello(7, name: "", seat: "call-handler", version: FloorProtocol.version, account: Self.account("kit"))
        #expect(box.refusals(to: 7).last?.contains("trainee seats are on training floors") == true, "\(box.refusals(to: 7))")
        room.hello(8, name: "", seat: "watch", version: FloorProtocol.version, account: Self.account("kit"))
        #expect(room.people.map(\.name).contains("Kit Moss"))
        // A console the floor cannot identify is not seated on a floor with a roster.
        room.hello(9, name: "Sam Patel", seat: "dispatcher", version: FloorProtocol.version, account: nil)
        #expect(box.refusals(to: 9).last?.contains("cannot tell which account") == true)
        #expect(room.mayStop(Self.account("pat")) && !room.mayStop(Self.account("kit")) && !room.mayStop(nil))
        room.stop()
        // Without a roster, only the floor's own account (or root) ends it.
        let (bare, _) = try FloorSeatRulesTests.room()
        #expect(!bare.mayStop(Self.account("pat")) && !bare.mayStop(nil))
        #expect(bare.mayStop(PeerAccount(uid: getuid(), name: "me")) && bare.mayStop(PeerAccount(uid: 0, name: "root")))
        bare.stop()
    }

    @Test("The roster in force is journalled; a resumed floor knows it; a roster others may write, or another account's, is refused")
    func rosterInTheRecord() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/roster.yaml", journal = folder + "/floor.journal"
        try Self.text.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        let areas = ["Northfield Town", "Ashby"]
        let roster = try Roster.load(path: file, areas: areas)
        do {
            let (room, _) = try FloorSeatRulesTests.room(path: journal)
            room.use(roster)
            #expect(room.recordedRoster == file + " sha256:" + roster.digest && roster.digest.count == 64)
            room.recorder.flush()
            // A crash: the room goes without stop.
        }
        let resumed = try FloorRoom.resume(journal)
        #expect(resumed.recordedRoster == roster.recorded, "a resume knows which roster the floor ran with")
        #expect(Roster.file(recorded: roster.recorded) == file)
        resumed.stop()
        chmod(file, 0o664)
        let writable = #expect(throws: ScenarioError.self) { try Roster.load(path: file, areas: areas) }
        #expect(writable?.description.contains("others may change it (mode 664)") == true, "\(String(describing: writable))")
        chmod(file, 0o644)
        chown(file, 4_000_001, 0)
        let theirs = #expect(throws: ScenarioError.self) { try Roster.load(path: file, areas: areas) }
        #expect(theirs?.description.contains("belongs to another account (uid 4000001)") == true || getuid() != 0, "\(String(describing: theirs))")
    }

    @Test("A trainee takes a call handler's or a dispatcher's seat on a training floor")
    func traineeOnTrainingFloor() throws {
        let (room, box) = try Self.room(training: true)
        room.hello(1, name: "", seat: "dispatcher:Ashby", version: FloorProtocol.version, account: Self.account("kit"))
        #expect(box.refusals(to: 1).isEmpty && room.people.map(\.name) == ["Kit Moss"], "\(box.refusals(to: 1))")
        room.stop()
    }

    @Test("Who sits where is sent as changes: a join sends the new person to the others, not the whole list; a seat freed sends who left")
    func peopleAsChanges() throws {
        let (room, box) = try FloorSeatRulesTests.room()
        for i in 1...5 { room.hello(i, name: "Person \(i)", seat: "watch", version: FloorProtocol.version) }
        let toFirst = box.messages.filter { $0.0 == 1 }.compactMap { _, m -> FloorPerson? in if case .person(let p) = m { p } else { nil } }
        #expect(toFirst.map(\.name) == ["Person 2", "Person 3", "Person 4", "Person 5"], "\(toFirst.map(\.name))")
        room.gone(3, bye: true)
        let left = box.messages.filter { $0.0 == 1 }.compactMap { _, m -> String? in if case .personLeft(let n) = m { n } else { nil } }
        #expect(left == ["Person 3"])
        // Away, then back: the one entry changes, marked away and then here again.
        room.gone(4)
        room.hello(14, name: "Person 4", seat: "watch", version: FloorProtocol.version)
        let fours = box.messages.filter { $0.0 == 1 }.compactMap { _, m -> FloorPerson? in if case .person(let p) = m, p.name == "Person 4" { p } else { nil } }
        #expect(fours.map { $0.awaySince != nil } == [false, true, false], "\(fours)")
        room.stop()
    }
}
