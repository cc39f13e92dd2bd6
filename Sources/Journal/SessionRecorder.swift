import DispatchEngine
import ReadModel
import Foundation

/// Writes a live session into its journal. Simulated events are kept and written once per tick
/// (`flush`); an action of the person is written, with the events it caused, in its own
/// transaction before `perform` returns, so it is on disk before the console acknowledges it.
///
/// When a write fails (disk full, file removed or replaced, read-only, an I/O error) nothing is
/// dropped: what was not written stays here, `failure` says why, and each `flush` (at most once a
/// second) tries again. The console stops the clock and refuses actions meanwhile, and an action
/// whose own write failed is not acknowledged.
public final class SessionRecorder {
    public let journal: Journal
    private let simulation: Simulation
    private let personLabel: String
    /// The session's hold on its journal: no second console writes it.
    private let hold: JournalHold
    /// Events since the last flush, numbered when written.
    private var pending: [EventRecord] = []
    private var nextEvent: Int64
    private var nextAction: Int64
    /// The chain's last link written (nil: a journal of format 1, not linked).
    private var chainHead: String?
    /// Actions whose write failed, each with its wall time and how many of `pending` came before
    /// or with it: written, with their events, once writing works again.
    private var unwrittenActions: [(action: OperatorAction, mark: RunMark, refusal: CommandRefusal?, wall: Double, events: Int, person: String?)] = []
    /// Why the journal cannot be written now (nil: everything so far is on disk).
    public private(set) var failure: JournalError?
    private var lastAttempt = 0.0
    /// Writes that failed since the last one known done: each may yet have been committed (its
    /// answer lost on the way back, or the statement still waiting at the server when the floor
    /// stopped waiting). Before writing again the journal is asked which, if any, is there, by its
    /// chain's head: one that is there is not written twice.
    private var inDoubt: [(head: String, events: Int, actions: Int, checkpointed: Double?)] = []
    /// How often a failed journal is tried again.
    public static let retryInterval = 1.0
    /// Signs a checkpoint each `checkpointEvery` seconds and at the end (nil: none signed).
    public var signer: JournalSigner?
    public static let checkpointEvery = 60.0
    private var lastCheckpoint = 0.0

    /// Starts recording `simulation` from where it is now. `role`: the seat, written as the actor
    /// of the person's events ("person:dispatcher"). Refused if another console holds the journal.
    public init(journal: Journal, simulation: Simulation, role: String, hold: JournalHold? = nil) throws(JournalError) {
        self.journal = journal
        self.simulation = simulation
        if let hold { self.hold = hold } else { self.hold = try JournalHold(path: journal.location) }
        personLabel = "person:" + role
        (nextEvent, nextAction, chainHead) = try journal.reading { store in
            let (events, actions) = try store.lastSequences()
            guard let session = try store.session() else { return (events + 1, actions + 1, nil) }
            // A journal of format 1 (rows without links) goes on unlinked; a new one is linked
            // from its session onwards.
            let head = session.chainHead ?? (events == 0 && actions == 0 ? JournalChain.seed(session) : nil)
            return (events + 1, actions + 1, head)
        }
        // A new record holds the run from its first event: the simulation must not have begun.
        precondition(nextEvent > 1 || nextAction > 1 || !simulation.begun,
                     "a journal's simulation is made with startLater: true, so its first events are recorded")
        // A console of its own names its one person as the session was started (the replay does the same).
        let header = try journal.header()
        if header.role != "floor" && header.role != "engine" && simulation.people[0].isEmpty {
            simulation.nameConsolePerson(header.operatorName)
        }
        simulation.observers.append { [unowned self] time, event in self.keep(event, at: time) }
        simulation.actionObservers.append { [unowned self] action, mark, refusal in
            self.record(action, at: mark, refusal: refusal)
        }
    }

    private func keep(_ event: Event, at time: SimTime) {
        let (kind, payload) = Coding.split(event)
        pending.append(EventRecord(sequence: 0, step: simulation.happeningsRun, simTime: time, wallTime: Date().timeIntervalSince1970,
                                   actor: Wording.actor(simulation.actor, person: personLabel, people: simulation.people), kind: kind, payload: payload))
    }

    /// Writes the events kept since the last flush and where the run has got to. After a failure,
    /// tries again at most once a second.
    public func flush() {
        if failure != nil && Date().timeIntervalSince1970 - lastAttempt < Self.retryInterval { return }
        write(ended: false)
    }

    /// The operator ended the session: written, so a later start does not offer to resume it.
    /// Tried even after a failure; returns whether everything is on disk.
    @discardableResult
    public func finish() -> Bool {
        ended = true
        write(ended: true)
        return failure == nil
    }
    /// Once finished, every later write keeps the session ended (a last flush after the end
    /// does not reopen it).
    private var ended = false

    /// What is held here because it could not be written: events and actions.
    public var unwritten: (events: Int, actions: Int) { (pending.count, unwrittenActions.count) }

    private func record(_ action: OperatorAction, at mark: RunMark, refusal: CommandRefusal?) {
        // Every action carries its person: a floor's by name, a console's own its one person's.
        let person = simulation.performing ?? (simulation.people[0].isEmpty ? nil : simulation.people[0])
        unwrittenActions.append((action, mark, refusal, Date().timeIntervalSince1970, pending.count, person))
        write(ended: false)
    }

    private func write(ended endedNow: Bool) {
        let ended = endedNow || self.ended
        lastAttempt = Date().timeIntervalSince1970
        // The file at the path must still be this session's journal; a removed one is written back.
        switch hold.standing {
        case .same: break
        case .removed:
            do {
                try journal.writeBack()
                try hold.moved()
            } catch {
                failure = .writeFailed(path: journal.path, detail: "the journal file was removed and cannot be written back yet (\(error))")
                return
            }
        case .lost:
            do {
                try hold.retake()
            } catch {
                // Taken by another floor (a standby, while this one was cut off): it acts no more.
                failure = journal.leaseTakenBy().map { .leaseLost(path: journal.path, to: $0) }
                    ?? .writeFailed(path: journal.path, detail: "the floor's hold on the journal's database was lost and cannot be taken again (\(error.reason))")
                return
            }
        case .replaced:
            failure = .writeFailed(path: journal.path, detail: "another file has been put in the journal's place; "
                                   + "move it away and the session is written back there")
            return
        case .immutable:
            failure = .writeFailed(path: journal.path, detail: "the journal's files are marked immutable or append-only; "
                                   + "chattr -i -a them")
            return
        }
        guard settleInDoubt() else { return }
        let first = nextEvent
        var events = pending
        for i in events.indices { events[i].sequence = first + Int64(i) }
        var actions = unwrittenActions.enumerated().map { i, a in
            ActionRow(sequence: nextAction + Int64(i), step: Int64(a.mark.step), simTime: a.mark.time, wallTime: a.wall,
                      eventSequence: first + Int64(a.events) - 1, action: Coding.text(a.action), refusal: a.refusal.map(Coding.text), person: a.person)
        }
        let head = chainHead.map { JournalChain.chain(&events, &actions, after: $0) }
        let mark = simulation.mark
        let wall = Date().timeIntervalSince1970
        // A signed checkpoint each minute and at the end: the head, the counts, the progress.
        var checkpoint: CheckpointRow?
        if let signer, let head, ended || wall - lastCheckpoint >= Self.checkpointEvery {
            var row = CheckpointRow(events: first - 1 + Int64(events.count), actions: nextAction - 1 + Int64(actions.count), head: head,
                                    progressStep: Int64(mark.step), progressTime: mark.time, ended: ended, wallTime: wall,
                                    publicKey: signer.publicKey, signature: "")
            row.signature = signer.sign(row.signed)
            checkpoint = row
        }
        do {
            try journal.write(JournalBatch(events: events, actions: actions, checkpoint: checkpoint,
                                           progress: SessionProgress(mark: mark, wallTime: wall, ended: ended), chainHead: head))
            pending.removeAll(keepingCapacity: true)
            if checkpoint != nil { lastCheckpoint = wall }
            nextEvent = first + Int64(events.count)
            nextAction += Int64(actions.count)
            chainHead = head
            unwrittenActions.removeAll()
            inDoubt.removeAll()
            failure = nil
        } catch {
            failure = error
            if let head, !events.isEmpty || !actions.isEmpty {
                inDoubt.append((head, events.count, actions.count, checkpoint != nil ? wall : nil))
            }
        }
    }

    /// Whether the writes in doubt are settled: the one the journal has (its head the session's),
    /// if any, taken as written, so only what came after it is written now. False when the
    /// journal cannot be read to know (tried again later).
    private func settleInDoubt() -> Bool {
        guard !inDoubt.isEmpty else { return true }
        let there: String?
        do {
            there = try journal.reading { store in try store.session()?.chainHead }
        } catch {
            failure = error
            return false
        }
        guard let written = inDoubt.last(where: { $0.head == there }) else { return true }
        pending.removeFirst(written.events)
        unwrittenActions.removeFirst(written.actions)
        for i in unwrittenActions.indices { unwrittenActions[i].events -= written.events }
        nextEvent += Int64(written.events)
        nextAction += Int64(written.actions)
        chainHead = written.head
        if let at = written.checkpointed { lastCheckpoint = at }
        inDoubt.removeAll()
        return true
    }
}
