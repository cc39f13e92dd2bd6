import DispatchEngine
import ReadModel

/// Checks a journal against its own replay: the scenario and seed it holds, with the person's
/// actions performed again where they were taken, must give every recorded event, in order, at
/// the same time, from the same actor. Proves a recovered session carried on exactly the world
/// it had, and that nothing in the record was lost or altered.
public enum JournalVerification {
    public struct Outcome: Sendable, Equatable {
        public var events: Int
        public var actions: Int
        /// The first difference, said plainly; nil when the record and the replay agree.
        public var difference: String?
        /// Whether the rows are linked (a journal of format 1 is not: only its replay is checked).
        public var linked: Bool
    }

    public static func check(_ journal: Journal) throws(JournalError) -> Outcome {
        // One snapshot: a live session's rows written during the check are not half read.
        try journal.snapshot { () throws(JournalError) in try checkNow(journal) }
    }

    private static func checkNow(_ journal: Journal) throws(JournalError) -> Outcome {
        // The chain first: an edited scenario or a deleted refusal changes no replayed event.
        let finding = try journal.reading { store in try JournalChain.check(store) }
        if case .broken(let problem) = finding {
            return Outcome(events: 0, actions: 0, difference: problem, linked: true)
        }
        let replay = try SessionReplay(journal: journal)
        let header = replay.header
        let progress = try journal.progress()
        var replayed: [EventRecord] = []
        let person = "person:" + header.role
        let simulation = replay.simulation
        simulation.observers.append { time, event in
            let (kind, payload) = Coding.split(event)
            replayed.append(EventRecord(sequence: Int64(replayed.count + 1), step: simulation.happeningsRun, simTime: time,
                                        wallTime: 0, actor: Wording.actor(simulation.actor, person: person, people: simulation.people),
                                        kind: kind, payload: payload))
        }
        simulation.begin()
        // Before format 4 a record began after the run's first events (who was on duty at the
        // start): such a record is compared from the event after them.
        let firstEvents = replayed.count
        var skip = 0
        if try journal.madeInFormat() < 4, let first = try journal.events(after: 0, limit: 1).first, let mine = replayed.first,
           (first.kind, first.payload) != (mine.kind, mine.payload) {
            skip = firstEvents
        }
        do {
            try replay.run(to: progress.mark)
        } catch {
            guard case .doesNotReplay(_, let detail) = error else { throw error }
            return Outcome(events: replayed.count, actions: replay.actionsPerformed, difference: "it does not replay: " + detail,
                           linked: finding == .intact)
        }
        var compared = 0
        var difference: String?
        var after: Int64 = 0
        outer: while true {
            let page = try journal.events(after: after, limit: 5_000)
            if page.isEmpty { break }
            for recorded in page {
                let i = Int(recorded.sequence) - 1 + skip
                guard i < replayed.count else {
                    difference = "event \(recorded.sequence) (\(recorded.kind)) is in the record but the replay ends after \(replayed.count)"
                    break outer
                }
                let mine = replayed[i]
                if (mine.step, mine.simTime, mine.actor, mine.kind, mine.payload)
                    != (recorded.step, recorded.simTime, recorded.actor, recorded.kind, recorded.payload) {
                    difference = "event \(recorded.sequence) differs: recorded \(recorded.kind) \(recorded.payload) at \(recorded.simTime) ms by \(recorded.actor); "
                        + "replayed \(mine.kind) \(mine.payload) at \(mine.simTime) ms by \(mine.actor)"
                    break outer
                }
                compared += 1
            }
            after = page.last!.sequence
        }
        if difference == nil, compared != replayed.count - skip {
            difference = "the replay gives \(replayed.count - skip) events by the last durable point, the record holds \(compared)"
        }
        return Outcome(events: compared, actions: replay.actionsPerformed, difference: difference, linked: finding == .intact)
    }
}
