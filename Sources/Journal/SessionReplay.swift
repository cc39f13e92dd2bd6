import DispatchEngine
import Scenario

/// A recorded session rebuilt: the scenario from the journal's own copy, the same seed, and the
/// person's actions performed again at the points they were taken. The engine being
/// deterministic, the world it rebuilds is the recorded one, event for event. Used to recover a
/// crashed session, to replay one, to follow one live, and to report on one.
public final class SessionReplay {
    public let header: SessionHeader
    public let scenario: Scenario
    public let simulation: Simulation
    /// The person's actions, in the order taken, as read so far.
    public private(set) var actions: [RecordedAction]
    private var next = 0
    /// Told of each recorded action just before it is performed again, the world as it was then.
    public var beforeAction: ((RecordedAction) -> Void)?
    public private(set) var lastAction: Int64 = 0
    private let journalPath: String

    public init(header: SessionHeader, journalPath: String) throws(JournalError) {
        self.header = header
        self.journalPath = journalPath
        do {
            scenario = try Scenario.parse(text: header.scenarioSource, file: header.scenarioFile)
        } catch {
            throw .unreadableScenario(path: journalPath, detail: error.description)
        }
        var config = scenario.config
        config.seed = header.seed
        // The engine the session ran on: a journal of revision 1 replays as it ran.
        if header.engineRevision < 2 { config.dispatch.asRevisionOne() }
        // Begun by the first run, after observers are attached: they see the first events too.
        simulation = Simulation(config: config, startLater: true)
        // A console of its own: its one person by the name the session was started with (a
        // floor's people are named as they act).
        if header.role != "floor" && header.role != "engine" { simulation.nameConsolePerson(header.operatorName) }
        actions = []
    }

    /// Opens `journal` and sets up its replay (nothing is run yet: attach observers first). A
    /// journal whose chain of links is broken is refused: what it says cannot be trusted.
    public convenience init(journal: Journal) throws(JournalError) {
        if case .broken(let problem) = try journal.reading({ db in try JournalChain.check(db) }) {
            throw .notIntact(path: journal.path, detail: problem)
        }
        try self.init(header: journal.header(), journalPath: journal.path)
        try take(journal.actions())
    }

    /// Adds actions recorded since (a live session being watched).
    public func take(_ more: [RecordedAction]) {
        actions += more
        if let last = more.last { lastAction = last.sequence }
    }

    /// The actions performed so far.
    public var actionsPerformed: Int { next }

    /// Runs to `mark`, performing each recorded action at its own point on the way. Throws when
    /// the world does not reach a recorded point: the record is not this world's.
    public func run(to mark: RunMark) throws(JournalError) {
        while next < actions.count, actions[next].mark <= mark {
            try perform(next)
        }
        guard simulation.run(to: mark) else { throw diverged("the record's end (step \(mark.step))", mark) }
    }

    /// Runs until the clock reaches `time` (or `limit`, the end of the record, if sooner).
    public func run(until time: SimTime, limit: RunMark) throws(JournalError) {
        let time = min(time, limit.time)
        while next < actions.count, actions[next].mark.time <= time, actions[next].mark <= limit {
            try perform(next)
        }
        // Runs what is due by `time`, never past what the recording had run.
        while simulation.happeningsRun < limit.step, simulation.step(limit: time) {}
        if time > simulation.now {
            guard simulation.run(to: RunMark(step: simulation.happeningsRun, time: time)) else {
                throw diverged("the time \(time) ms", RunMark(step: simulation.happeningsRun, time: time))
            }
        }
    }

    private func perform(_ i: Int) throws(JournalError) {
        guard simulation.run(to: actions[i].mark) else { throw diverged("action \(actions[i].sequence)", actions[i].mark) }
        beforeAction?(actions[i])
        // A refused action is refused again, changing nothing: as recorded. One the floor
        // refused for the person's seat never reached the engine, so it is not performed.
        if case .seat(let why)? = actions[i].refusal {
            simulation.refuseForSeat(actions[i].action, by: actions[i].person, why)
        } else {
            try? simulation.perform(actions[i].action, by: actions[i].person)
        }
        next = i + 1
    }

    private func diverged(_ what: String, _ mark: RunMark) -> JournalError {
        .doesNotReplay(path: journalPath, detail: "\(what) was recorded at step \(mark.step), \(mark.time) ms; "
                       + "replayed, the world is at step \(simulation.happeningsRun), \(simulation.now) ms")
    }
}
