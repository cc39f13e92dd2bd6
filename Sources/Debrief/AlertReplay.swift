import DispatchEngine
import ReadModel

/// The alerts of a recorded session, raised again as the journal is replayed (the same desk the
/// console looks with, once a simulated second), and when the person saw each: the journal's
/// `alertsSeen` actions say who saw how many, and when.
final class AlertReplay {
    private(set) var desk = AlertDesk()
    /// For each alert raised, how long after it was raised the person saw it (nil: never).
    private(set) var seen: [SimTime?] = []
    private var lastLook: SimTime = -1
    private var seenMarks: [(count: Int, at: SimTime)] = []

    func attach(to simulation: Simulation, floor: Floor) {
        simulation.observers.append { [unowned self, unowned floor] time, _ in
            guard time - self.lastLook >= Clock.second else { return }
            self.lastLook = time
            self.desk.look(floor)
        }
        simulation.actionObservers.append { [unowned self] action, mark, refusal in
            if case .alertsSeen(let count) = action, refusal == nil { self.seenMarks.append((count, mark.time)) }
        }
    }

    /// The last look at the end, then each alert matched with the first time it was seen.
    func finish(_ floor: Floor) {
        desk.look(floor)
        seen = desk.list.enumerated().map { i, alert in
            seenMarks.first { $0.count > i && $0.at >= alert.at }.map { $0.at - alert.at }
        }
    }
}
