import DispatchEngine
import FloorLink
import Foundation
import Journal
import ReadModel
import Scenario
import Testing

/// The floor's authority in process: seats, the session's life and the instructor's clock in the
/// journal, and no caller left with a seat nobody sits at.
@Suite("The floor's room")
struct FloorRoomTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("room-test-\(UUID().uuidString)/floor.journal").path
    }

    static func room(training: Bool = false, path: String = temporaryPath()) throws -> FloorRoom {
        let scenario = Scenario.builtInDefault()
        return try FloorRoom.start(scenario, file: "default", seed: nil, from: scenario.consoleFrom, training: training, journalPath: path)
    }

    /// Ticks the floor on (ten seconds of its clock a tick) until `done`, for at most `limit`.
    static func run(_ room: FloorRoom, upTo limit: SimTime = 2 * Clock.hour, until done: () -> Bool) {
        let end = room.simulation.now + limit
        while !done() && room.simulation.now < end { room.tick(elapsed: 10_000, budget: 10_000_000_000) }
    }

    @Test("A call handler's console lost mid-999: during the grace the call is said to be held by an absent handler; then it goes back to the front of the queue, answered once, and an engine handler takes it")
    func strandedCaller() throws {
        let room = try Self.room()
        room.hello(1, name: "Lee Jones", seat: "call-handler", version: FloorProtocol.version)
        room.act(1, id: 1, .command(.seatCallHandler))
        let sim = room.simulation
        let seat = try #require(sim.world.personSeats.last)
        Self.run(room) { sim.world.waitingCount[0] > 0 }
        room.act(1, id: 2, .command(.answerNext(seat)))
        let id = try #require(sim.world.handlers[Int(seat)].call)
        let number = try #require(sim.world.call(id)).number
        #expect(sim.world.call(id)?.line == .emergency)
        // The console dies: its seat is kept, and the overview says who holds the caller.
        room.gone(1)
        let floor = Floor(simulation: sim, scenarioName: "default")
        floor.people = room.people
        let held = floor.callsHeldByAbsent()
        #expect(held.map(\.number) == [number] && held.first?.person == "Lee Jones", "\(held)")
        // The grace over: the seat freed, the caller back at the front of the 999 queue.
        room.seatKeptFor = 0
        var returned = false, abandoned = false, answeredAgain = false
        sim.observers.append { _, event in
            if case .callReturned(id, _) = event { returned = true }
            if case .callAbandoned(id) = event { abandoned = true }
            if case .callAnswered(id, _) = event { answeredAgain = true }
        }
        room.tick(elapsed: 1, budget: 10_000_000_000)
        #expect(returned)
        #expect(!sim.world.personSeats.contains(seat))
        Self.run(room, upTo: 30 * Clock.minute) { answeredAgain }
        #expect(answeredAgain && !abandoned, "the caller is taken by the next handler, never left to hang up")
        room.stop()
        // The record: answered once in the figures, held by Lee Jones then the engine.
        let log = CallLog()
        let session = try RecordedSession(path: room.recorder.journal.path) { simulation, _ in log.attach(to: simulation) }
        let call = try #require(log.entries.first { $0.number == number })
        #expect(call.heldBy.first == "person:Lee Jones" && call.heldBy.count == 2, "\(call.heldBy)")
        #expect(call.notes.contains { $0.contains("Lee Jones's console was lost") })
        #expect(session.simulation.statistics.lines[0].answered == session.simulation.statistics.lines[0].offered
                - session.simulation.statistics.lines[0].abandoned - session.simulation.world.waitingCount[0]
                - session.simulation.world.handlers.filter { h in h.call.flatMap { session.simulation.world.call($0) }.map { $0.line == .emergency && $0.answeredAt < 0 } ?? false }.count,
                "no call answered twice")
    }

    @Test("floor stop ends the session for good: the journal says so, and resume refuses it")
    func stopEnds() throws {
        let path = Self.temporaryPath()
        do {
            let room = try Self.room(path: path)
            room.tick(elapsed: 10_000)
            room.stop()
            // A last tick after the stop (the server's loop) does not reopen it.
            room.tick(elapsed: 10_000)
        }
        let journal = try Journal.open(at: path, readOnly: true)
        #expect(try journal.progress().ended)
        #expect(throws: JournalError.ended(path: path)) { _ = try FloorRoom.resume(path) }
        #expect(try SessionReport.build(RecordedSession(path: path)).table().contains("ended by the operator                     yes"))
    }

    @Test("A training floor starts paused until the instructor starts the clock; the instructor's clock is journalled and comes back after a crash")
    func instructorsClock() throws {
        let path = Self.temporaryPath()
        do {
            let room = try Self.room(training: true, path: path)
            #expect(room.paused, "waits for the instructor")
            let before = room.simulation.now
            room.tick(elapsed: 60_000)
            #expect(room.simulation.now == before, "no clock before the instructor starts it")
            room.hello(1, name: "Pat Instructor", seat: "instructor", version: FloorProtocol.version)
            room.clock(1, id: 1, paused: false, speed: 20)
            room.tick(elapsed: 1_000)
            #expect(room.simulation.now > before)
            room.clock(1, id: 2, paused: true, speed: 20)
            room.tick(elapsed: 1_000)
            // A crash: the room goes without stop.
        }
        let journal = try Journal.open(at: path, readOnly: true)
        let clocks = try journal.actions().filter { if case .clock = $0.action { true } else { false } }
        #expect(clocks.map(\.person) == ["Pat Instructor", "Pat Instructor"])
        let resumed = try FloorRoom.resume(path)
        #expect(resumed.paused && resumed.speed == 20, "paused at x20, as the instructor left it")
    }

    @Test("The floor makes the look ahead and sends the same one to every console: two supervisors never see two futures under one heading")
    func oneForesight() throws {
        let room = try Self.room()
        room.foresight.futures = 10
        var sent: [(Int, Foresight)] = []
        room.send = { to, message in
            if case .foresight(let look) = message { for c in to { sent.append((c, look)) } }
        }
        room.hello(1, name: "Pat Green", seat: "supervisor", version: FloorProtocol.version)
        room.hello(2, name: "Sam Lee", seat: "supervisor", version: FloorProtocol.version)
        room.tick(elapsed: 1_000, budget: 10_000_000_000)
        #expect(room.foresight.awaitLook(within: 120))
        room.tick(elapsed: 1_000, budget: 10_000_000_000)
        #expect(Set(sent.map(\.0)) == [1, 2], "both supervisors")
        #expect(sent.count == 2 && sent[0].1 == sent[1].1, "the same look")
        // :foresee from either asks the floor, and again everyone gets the one look.
        sent.removeAll()
        room.foresee(2, id: 9)
        room.tick(elapsed: 1, budget: 10_000_000_000)
        #expect(room.foresight.awaitLook(within: 120))
        room.tick(elapsed: 1, budget: 10_000_000_000)
        #expect(sent.count == 2 && sent[0].1 == sent[1].1 && sent[0].1.at == room.foresight.latest?.at)
    }
}
