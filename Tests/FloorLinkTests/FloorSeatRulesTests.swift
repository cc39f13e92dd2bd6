import DispatchEngine
import FloorLink
import Foundation
import Journal
import ReadModel
import Scenario
import Testing

/// The floor checks every action against the seat of the person who sent it, before the engine
/// sees it: a seat cannot act beyond its role, whatever its console sends.
@Suite("The floor knows what each seat may do")
struct FloorSeatRulesTests {
    /// A room whose sent messages are kept, by connection.
    final class Outbox {
        var messages: [(Int, FloorMessage)] = []
        func problems(to connection: Int) -> [String] {
            messages.compactMap { to, m in
                guard to == connection, case .ack(_, _, let problem?) = m else { return nil }
                return problem
            }
        }
        func refusals(to connection: Int) -> [String] {
            messages.compactMap { to, m in if to == connection, case .refused(let why) = m { why } else { nil } }
        }
    }

    static func room(training: Bool = false, path: String = FloorRoomTests.temporaryPath()) throws -> (FloorRoom, Outbox) {
        let room = try FloorRoomTests.room(training: training, path: path)
        let box = Outbox()
        room.send = { to, message in for c in to { box.messages.append((c, message)) } }
        return (room, box)
    }

    /// An open incident wanting units and a free unit, found by running the night on.
    static func job(_ room: FloorRoom, area: Int? = nil) throws -> (IncidentID, UnitIndex) {
        let sim = room.simulation
        func pick() -> (IncidentID, UnitIndex)? {
            let waiting = (0..<3).flatMap { Array(sim.world.dispatchQueues[$0]) }
            for id in waiting where sim.world.wantsUnits(id) {
                guard let record = sim.world.incident(id) else { continue }
                if let area, sim.config.places[Int(record.place)].area != area { continue }
                if let unit = sim.recommendations(for: id).first(where: { $0.divertsFrom == nil })?.unit { return (id, unit) }
            }
            return nil
        }
        FloorRoomTests.run(room, upTo: 6 * Clock.hour) { pick() != nil }
        return try #require(pick())
    }

    @Test("A call handler's send is refused by the floor: journalled as refused with why, the unit not moved, and the journal still replays")
    func callHandlerCannotSend() throws {
        let path = FloorRoomTests.temporaryPath()
        let (room, box) = try Self.room(path: path)
        room.hello(1, name: "Alex Call", seat: "call-handler", version: FloorProtocol.version)
        room.hello(2, name: "Lee Jones", seat: "dispatcher", version: FloorProtocol.version)
        let (incident, unit) = try Self.job(room)
        let before = room.simulation.world.units[Int(unit)]
        room.act(1, id: 7, .command(.assign(unit, incident)))
        #expect(room.simulation.world.units[Int(unit)].incident == before.incident, "not sent")
        #expect(box.problems(to: 1).last?.contains("the dispatcher's work") == true, "\(box.problems(to: 1))")
        // Nor may a call handler talk to units.
        room.act(1, id: 8, .command(.message(unit, "Go to the high street")))
        #expect(box.problems(to: 1).last?.contains("the dispatcher's work") == true)
        // Nor join incidents; and a dispatcher types no chat reply.
        room.act(1, id: 9, .command(.link(incident, into: incident)))
        #expect(box.problems(to: 1).last?.contains("the dispatcher's work") == true)
        room.act(2, id: 2, .command(.replyToChat(0, "hello")))
        #expect(box.problems(to: 2).last?.contains("call handler's seat") == true, "\(box.problems(to: 2))")
        // A watching seat records no answer to a question.
        room.hello(3, name: "Sam Watch", seat: "watch", version: FloorProtocol.version)
        room.act(3, id: 1, .askedFirst("NF11 is single-crewed: send anyway"))
        #expect(box.problems(to: 3).last?.contains("read-only") == true, "\(box.problems(to: 3))")
        // The dispatcher may.
        room.act(2, id: 1, .command(.assign(unit, incident)))
        #expect(room.simulation.world.units[Int(unit)].incident == incident)
        room.stop()
        let journal = try Journal.open(at: path, readOnly: true)
        let refused = try journal.actions().filter { $0.person == "Alex Call" && $0.refusal != nil }
        #expect(refused.count == 3 && refused.allSatisfy { if case .seat? = $0.refusal { true } else { false } }, "\(refused)")
        let outcome = try JournalVerification.check(journal)
        #expect(outcome.difference == nil, "the journal replays with the refusals in it: \(outcome.difference ?? "")")
    }

    @Test("A dispatcher acting in an area another person dispatches is asked first, nothing done until yes; then it is done and that dispatcher told; the supervisor takes over without asking, the dispatcher told")
    func otherAreasAsk() throws {
        let (room, box) = try Self.room()
        room.hello(1, name: "Lee Jones", seat: "dispatcher:Northfield Town", version: FloorProtocol.version)
        room.hello(2, name: "Sam Ashby", seat: "dispatcher:Ashby", version: FloorProtocol.version)
        room.hello(3, name: "Pat Super", seat: "supervisor", version: FloorProtocol.version)
        let (incident, unit) = try Self.job(room, area: 0)
        room.act(1, id: 1, .command(.assign(unit, incident)))
        #expect(room.simulation.world.units[Int(unit)].incident == incident, "Lee sends in Northfield Town")
        let notices = { (c: Int) in box.messages.compactMap { to, m -> String? in if to == c, case .notice(let n) = m { n } else { nil } } }
        let before = notices(1).count
        room.act(2, id: 2, .command(.standDown(unit, incident)))
        let asked = box.messages.compactMap { to, m -> String? in if to == 2, case .ask(2, let q) = m { q } else { nil } }
        #expect(asked.first?.contains("Northfield Town's, dispatched by Lee Jones: stand a unit down anyway (they are told)?") == true, "\(asked)")
        #expect(room.simulation.world.units[Int(unit)].incident == incident, "nothing done before the answer")
        #expect(notices(1).count == before, "nobody told of a question")
        room.act(2, id: 3, .command(.standDown(unit, incident)), across: true)
        #expect(room.simulation.world.units[Int(unit)].incident != incident, "done once Sam said yes")
        #expect(notices(1).last?.contains("Sam Ashby (dispatcher Ashby) acted in Northfield Town: stand a unit down") == true, "\(notices(1))")
        // The supervisor takes over without a question; Lee is told.
        room.act(1, id: 4, .command(.assign(unit, incident)))
        room.act(3, id: 1, .command(.standDown(unit, incident)))
        #expect(room.simulation.world.units[Int(unit)].incident != incident)
        #expect(notices(1).last?.contains("Pat Super (supervisor) acted in Northfield Town") == true, "\(notices(1))")
        room.stop()
    }

    @Test("Where the roster keeps dispatchers to their own areas, a cross-area stand-down is refused, journalled as refused, even when the console says yes")
    func otherAreasRefused() throws {
        let path = FloorRoomTests.temporaryPath()
        let (room, box) = try Self.room(path: path)
        room.use(try Roster.parse(text: """
            across_areas: refuse
            people:
              - {account: lee, name: Lee Jones, seats: [dispatcher:Northfield Town]}
              - {account: sam, name: Sam Ashby, seats: [dispatcher:Ashby]}
            """, file: "roster.yaml", areas: room.simulation.config.areas.map(\.name)))
        room.hello(1, name: "", seat: "", version: FloorProtocol.version, account: PeerAccount(uid: 1001, name: "lee"))
        room.hello(2, name: "", seat: "", version: FloorProtocol.version, account: PeerAccount(uid: 1002, name: "sam"))
        #expect(room.people.map(\.name) == ["Lee Jones", "Sam Ashby"])
        let (incident, unit) = try Self.job(room, area: 0)
        room.act(1, id: 1, .command(.assign(unit, incident)))
        room.act(2, id: 2, .command(.standDown(unit, incident)), across: true)
        #expect(room.simulation.world.units[Int(unit)].incident == incident, "not stood down")
        #expect(box.problems(to: 2).last?.contains("keeps each dispatcher to their own areas") == true, "\(box.problems(to: 2))")
        room.stop()
        let refused = try Journal.open(at: path, readOnly: true).actions().filter { $0.person == "Sam Ashby" && $0.refusal != nil }
        #expect(refused.count == 1, "\(refused)")
    }

    @Test("An instructor is refused on a shift floor; a console holds one seat: a second hello on its connection is refused and holds nothing")
    func oneSeatPerConsole() throws {
        let (room, box) = try Self.room()
        room.hello(1, name: "Jo Teach", seat: "instructor", version: FloorProtocol.version)
        #expect(box.refusals(to: 1).last?.contains("a shift floor has no instructor") == true, "\(box.refusals(to: 1))")
        #expect(room.people.isEmpty)
        room.hello(2, name: "Lee Jones", seat: "call-handler", version: FloorProtocol.version)
        room.hello(2, name: "Lee Ghost", seat: "dispatcher", version: FloorProtocol.version)
        #expect(box.refusals(to: 2).last?.contains("already holds the call-handler seat") == true, "\(box.refusals(to: 2))")
        #expect(room.people.map(\.name) == ["Lee Jones"])
        // When it goes, nothing is left behind.
        room.gone(2, bye: true)
        #expect(room.people.isEmpty)
        room.stop()
    }

    @Test("A time no clock reaches is refused (nothing deferred), and the clock reads any time without crashing")
    func hostileTimes() throws {
        let (room, box) = try Self.room()
        room.hello(1, name: "Lee Jones", seat: "dispatcher", version: FloorProtocol.version)
        let (incident, _) = try Self.job(room)
        room.act(1, id: 1, .command(.stackUntil(incident, until: .max)))
        #expect(room.simulation.world.incident(incident)?.deferredUntil == nil, "not deferred")
        let refused = box.messages.compactMap { _, m -> CommandRefusal? in if case .ack(1, let r?, _) = m { r } else { nil } }
        #expect(refused == [.timeTooFar], "\(box.messages.suffix(3))")
        let clock = RoomClock(start: room.simulation.config.calendar)
        for t in [SimTime.max, SimTime.min, -1, 0] {
            #expect(clock.dateTime(t).count > 10 && clock.time(t).count == 8 && !RoomClock.elapsed(t).isEmpty)
        }
        room.stop()
    }

    @Test("Names that pass for another's are refused: a no-break space, a Cyrillic e, a tower of combining marks, a line separator; the floor's log never carries them raw")
    func namesThatPassForOthers() throws {
        let (room, box) = try Self.room()
        var log = ""
        room.log = { log += $0 + "\n" }
        room.hello(1, name: "Lee Jones", seat: "dispatcher:Ashby", version: FloorProtocol.version)
        let tries: [(String, String)] = [
            ("Lee\u{00A0}Jones", "letters, digits, spaces"),
            ("L\u{0435}e Jones", "looks like Lee Jones"),
            ("lee  jones", "one space between words"),
            ("A" + String(repeating: "\u{0301}", count: 20_000), "up to 40 letters"),
            ("Sam\u{2028}Lee", "letters, digits, spaces"),
        ]
        for (i, (name, says)) in tries.enumerated() {
            room.hello(10 + i, name: name, seat: "call-handler", version: FloorProtocol.version)
            #expect(box.refusals(to: 10 + i).last?.contains(says) == true, "\(name.prefix(20)): \(box.refusals(to: 10 + i))")
        }
        #expect(room.people.map(\.name) == ["Lee Jones"])
        #expect(!log.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x00A0 }, "\(log)")
        // One accent is a name; it is kept in its one (composed) form.
        room.hello(30, name: "Zoe\u{0308} Green", seat: "call-handler", version: FloorProtocol.version)
        #expect(room.people.map(\.name).contains("Zo\u{00EB} Green"))
        room.stop()
    }
}
