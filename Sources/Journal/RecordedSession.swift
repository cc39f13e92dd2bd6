import ReadModel
import DispatchEngine

/// A journal read back to its last durable point: the rebuilt world as the console sees it
/// (the floor), every incident as it went, and the whole radio log. What reports, exports and
/// the debrief read.
public final class RecordedSession {
    public let journal: Journal
    public let replay: SessionReplay
    public let floor: Floor
    public let progress: SessionProgress
    /// Every incident as it went, and every transmission: the floor's own.
    public var incidents: IncidentLog { floor.incidents }
    public var radio: RadioLog { floor.radio }
    public var actions: [RecordedAction] { replay.actions }
    public var header: SessionHeader { replay.header }
    public var simulation: Simulation { replay.simulation }

    /// `attach`: more observers of the replay (the debrief's), set before it runs, with the
    /// floor the replay rebuilds.
    /// `before`: told of each action just before it is performed again (the world as it was then).
    public init(path: String, attach: (Simulation, Floor) -> Void = { _, _ in },
                before: ((RecordedAction, Floor) -> Void)? = nil) throws(JournalError) {
        journal = try Journal.open(at: path, readOnly: true)
        replay = try SessionReplay(journal: journal)
        progress = try journal.progress()
        let floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name,
                          person: "person:" + replay.header.role, radioCapacity: .max)
        self.floor = floor
        attach(replay.simulation, floor)
        if let before { replay.beforeAction = { before($0, floor) } }
        try replay.run(to: progress.mark)
    }
}
