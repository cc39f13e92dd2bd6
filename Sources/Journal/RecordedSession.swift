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
    public init(path: String, attach: (Simulation, Floor) -> Void = { _, _ in }) throws(JournalError) {
        journal = try Journal.open(at: path, readOnly: true)
        replay = try SessionReplay(journal: journal)
        progress = try journal.progress()
        floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name,
                      person: "person:" + replay.header.role, radioCapacity: .max)
        attach(replay.simulation, floor)
        try replay.run(to: progress.mark)
    }
}
