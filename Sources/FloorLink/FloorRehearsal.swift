import DispatchEngine
import Foundation
import Journal
import Scenario

/// A floor session played headless by model people, each through the floor's own path: joining
/// a seat, every action checked against it, performed and journalled as theirs. A call handler
/// answers and decides calls; a dispatcher for each of the first two areas sends the engine's
/// first recommendation and now and then takes a send back as a mistake; a supervisor notes the
/// oldest job each half hour; the engine plays the rest. A third of the way in, the call
/// handler's console is lost in the middle of a call and not back: the seat is freed and the
/// caller goes back to the front of the queue. What `audit` and CI read as "a floor session of
/// several named people".
public enum FloorRehearsal {
    public static let people = (handler: "Ann Carter", dispatchers: ["Ben Doyle", "Cat Evans"], supervisor: "Dan Ford")

    public static func run(_ scenario: Scenario, file: String, journalPath: String, seed: UInt64?, until: SimTime,
                           signer: JournalSigner? = nil) throws(JournalError) -> String {
        let room = try FloorRoom.start(scenario, file: file, seed: seed, from: scenario.consoleFrom, training: false, journalPath: journalPath)
        room.recorder.signer = signer
        // A console gone is not waited for: its seat is freed at the next tick.
        room.seatKeptFor = 0
        let sim = room.simulation
        let areas = sim.config.areas.map(\.name)
        var next: UInt64 = 0
        // A model dispatcher asked (another person's area) goes ahead, as one sending the
        // recommended unit would: the area's dispatcher is told.
        var asked: Set<UInt64> = []
        room.send = { _, message in if case .ask(let id, _) = message { asked.insert(id) } }
        func act(_ connection: Int, _ action: OperatorAction) {
            next += 1
            room.act(connection, id: next, action)
            if asked.remove(next) != nil { room.act(connection, id: next, action, across: true) }
        }
        room.hello(1, name: people.handler, seat: "call-handler", version: FloorProtocol.version)
        for (i, name) in people.dispatchers.enumerated() where areas.indices.contains(i) {
            room.hello(2 + i, name: name, seat: "dispatcher:" + areas[i], version: FloorProtocol.version)
        }
        room.hello(9, name: people.supervisor, seat: "supervisor", version: FloorProtocol.version)
        act(1, .command(.seatCallHandler))
        var seat: HandlerIndex? = sim.world.personSeats.last
        var answeredAt: SimTime = 0
        var sends = 0
        var handlerGone = false
        let end = min(until, sim.config.duration)
        let start = sim.now
        while sim.now < end {
            room.tick(elapsed: 10_000, budget: 60_000_000_000)
            let world = sim.world
            // The call handler: answer the next call, decide it a minute later by what the caller says.
            if let h = seat, !handlerGone {
                if let id = world.handlers[Int(h)].call, let call = world.call(id), call.line.isPhone {
                    if sim.now - answeredAt >= Clock.minute {
                        let d = call.draw
                        let decision: CallDecision = d.silent ? .noResponse
                            : d.grade.deploys ? .incident(type: d.type, grade: d.grade, place: d.place)
                            : .advice(closingType: d.type, place: d.place)
                        act(1, .command(.decideCall(h, decision)))
                    } else if !handlerGone && sim.now - start >= (end - start) / 3 {
                        // Lost mid-call, and not back.
                        handlerGone = true
                        room.gone(1)
                    }
                } else if world.handlers[Int(h)].call == nil && world.callsWaiting > 0 {
                    act(1, .command(.answerNext(h)))
                    answeredAt = sim.now
                }
            }
            // The dispatchers: the first recommendation to what waits in their area.
            for (i, _) in people.dispatchers.enumerated() where areas.indices.contains(i) {
                let waiting = world.urgent + (0..<3).flatMap { Array(world.dispatchQueues[$0]) }
                guard let id = waiting.first(where: { id in
                    guard let r = world.incident(id), r.unitsWanted > 0 else { return false }
                    return sim.config.places.isEmpty || sim.config.places[Int(r.place)].area == i
                }), let best = sim.recommendations(for: id).first else { continue }
                act(2 + i, .command(best.divertsFrom == nil ? .assign(best.unit, id) : .divert(best.unit, id)))
                sends += 1
                // Every seventh send a mistake, taken back at once.
                if sends % 7 == 0, world.units[Int(best.unit)].incident == id { act(2 + i, .command(.withdrawSend(best.unit, id))) }
            }
            // The supervisor: a note on the oldest open job each half hour.
            if (sim.now / Clock.minute) % 30 == 0, sim.now % Clock.minute < 10 * Clock.second,
               let oldest = world.incidents.live.min(by: { $0.element.createdAt < $1.element.createdAt }) {
                let id = IncidentID(slot: oldest.slot, generation: world.incidents.generations[Int(oldest.slot)])
                act(9, .command(.addNote(id, "Supervisor: reviewed, still open at \(sim.now / Clock.minute) min.")))
            }
            if seat != nil && !world.personSeats.contains(seat!) { seat = nil }
        }
        room.stop()
        if let failure = room.recorder.failure { throw failure }
        return journalPath
    }
}
