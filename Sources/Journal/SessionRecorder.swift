import DispatchEngine
import ReadModel
import Foundation
import GRDB

/// Writes a live session into its journal. Simulated events are kept and written once per tick
/// (`flush`); an action of the person is written, with the events it caused, in its own
/// transaction before `perform` returns, so it is on disk before the console acknowledges it.
public final class SessionRecorder {
    public let journal: Journal
    private let simulation: Simulation
    private let personLabel: String
    /// Events since the last flush, numbered when written.
    private var pending: [EventRecord] = []
    private var nextEvent: Int64
    /// The first write that failed, said on the console: the session goes on, unrecorded.
    public private(set) var failure: JournalError?


    /// Starts recording `simulation` from where it is now. `role`: the seat, written as the actor
    /// of the person's events ("person:dispatcher").
    public init(journal: Journal, simulation: Simulation, role: String) throws(JournalError) {
        self.journal = journal
        self.simulation = simulation
        personLabel = "person:" + role
        nextEvent = try journal.reading { db in (try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0) + 1 }
        simulation.observers.append { [unowned self] time, event in self.keep(event, at: time) }
        simulation.actionObservers.append { [unowned self] action, mark, refusal in
            self.record(action, at: mark, refusal: refusal)
        }
    }

    private func keep(_ event: Event, at time: SimTime) {
        let (kind, payload) = Coding.split(event)
        pending.append(EventRecord(sequence: 0, step: simulation.happeningsRun, simTime: time, wallTime: Date().timeIntervalSince1970,
                                   actor: Wording.actor(simulation.actor, person: personLabel), kind: kind, payload: payload))
    }

    /// Writes the events kept since the last flush and where the run has got to.
    public func flush() {
        write(action: nil)
    }

    /// The operator ended the session: written, so a later start does not offer to resume it.
    public func finish() {
        write(action: nil, ended: true)
    }

    private func record(_ action: OperatorAction, at mark: RunMark, refusal: CommandRefusal?) {
        write(action: (action, mark, refusal))
    }

    private func write(action: (OperatorAction, RunMark, CommandRefusal?)?, ended: Bool = false) {
        guard failure == nil else { return }
        let events = pending
        let first = nextEvent
        let mark = simulation.mark
        let wall = Date().timeIntervalSince1970
        do {
            try journal.writing { db in
                for (i, var event) in events.enumerated() {
                    event.sequence = first + Int64(i)
                    try event.insert(db)
                }
                if let (action, at, refusal) = action {
                    try ActionRow(step: Int64(at.step), simTime: at.time, wallTime: wall, eventSequence: first + Int64(events.count) - 1,
                                  action: Coding.text(action), refusal: refusal.map(Coding.text)).insert(db)
                }
                try SessionRow.filter(key: 1).updateAll(db, [
                    Column("progress_step").set(to: Int64(mark.step)), Column("progress_time").set(to: mark.time),
                    Column("progress_wall").set(to: wall), Column("ended").set(to: ended),
                ])
            }
            pending.removeAll(keepingCapacity: true)
            nextEvent = first + Int64(events.count)
        } catch {
            failure = error
        }
    }
}
