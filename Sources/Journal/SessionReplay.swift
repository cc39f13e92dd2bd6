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
    public private(set) var lastAction: Int64 = 0

    public init(header: SessionHeader, journalPath: String) throws(JournalError) {
        self.header = header
        do {
            scenario = try Scenario.parse(text: header.scenarioSource, file: header.scenarioFile)
        } catch {
            throw .unreadableScenario(path: journalPath, detail: error.description)
        }
        var config = scenario.config
        config.seed = header.seed
        simulation = Simulation(config: config)
        actions = []
    }

    /// Opens `journal` and sets up its replay (nothing is run yet: attach observers first).
    public convenience init(journal: Journal) throws(JournalError) {
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

    /// Runs to `mark`, performing each recorded action at its own point on the way.
    public func run(to mark: RunMark) {
        while next < actions.count, actions[next].mark <= mark {
            perform(next)
        }
        simulation.run(to: mark)
    }

    /// Runs until the clock reaches `time` (or `limit`, the end of the record, if sooner).
    public func run(until time: SimTime, limit: RunMark) {
        let time = min(time, limit.time)
        while next < actions.count, actions[next].mark.time <= time, actions[next].mark <= limit {
            perform(next)
        }
        // Runs what is due by `time`, never past what the recording had run.
        while simulation.happeningsRun < limit.step, simulation.step(limit: time) {}
        if time > simulation.now { simulation.run(to: RunMark(step: simulation.happeningsRun, time: time)) }
    }

    private func perform(_ i: Int) {
        simulation.run(to: actions[i].mark)
        // A refused action is refused again, changing nothing: as recorded.
        try? simulation.perform(actions[i].action)
        next = i + 1
    }
}
