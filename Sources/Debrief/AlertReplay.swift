import DispatchEngine
import Journal
import ReadModel

/// The alerts of a recorded session, raised again as the journal is replayed (the same desk the
/// console looks with, once a simulated second), and for each person the ones their own console
/// raised (from when they joined: a console takes the floor as it finds it as known) and when
/// they saw each: their `alertsSeen` actions say how many of their console's alerts they had
/// seen, and when.
final class AlertReplay {
    private(set) var desk = AlertDesk()
    private var lastLook: SimTime = -1

    func attach(to simulation: Simulation, floor: Floor) {
        simulation.observers.append { [unowned self, unowned floor] time, _ in
            guard time - self.lastLook >= Clock.second else { return }
            self.lastLook = time
            self.desk.look(floor)
        }
    }

    /// The last look at the end.
    func finish(_ floor: Floor) {
        desk.look(floor)
    }

    /// The alerts `person`'s console raised, from `joined` on, and for each how long after it
    /// was raised they saw it (nil: never), from their own `alertsSeen` actions.
    func alerts(of person: String, joined: SimTime, actions: [RecordedAction], single: String?) -> (raised: [Alert], seen: [SimTime?]) {
        let raised = desk.list.filter { $0.at >= joined }
        let marks = actions.compactMap { recorded -> (count: Int, at: SimTime)? in
            guard case .alertsSeen(let count) = recorded.action, recorded.refusal == nil,
                  (recorded.person ?? single) == person else { return nil }
            return (count, recorded.mark.time)
        }
        let seen = raised.enumerated().map { i, alert in
            marks.first { $0.count > i && $0.at >= alert.at }.map { $0.at - alert.at }
        }
        return (raised, seen)
    }
}
