/// One line of an incident's narrative: a timestamped fact about it.
public struct NarrativeEntry: Sendable, Equatable {
    public enum Fact: Sendable, Equatable {
        case opened(reference: Int64, callNumber: Int64, line: Line, grade: Grade, type: Int32, caller: Caller?)
        case duplicateCallLinked
        case stacked(StackReason)
        case regraded(Grade)
        /// The call handler's THRIVE, vulnerability flags, caller details and narrative.
        case assessed(Assessment)
        case note(String)
        case warningsPassed(UnitIndex)
        case unitStoodDown(UnitIndex)
        case emergencyAcknowledged(UnitIndex)
        case unitDeployed(UnitIndex, eta: SimTime)
        case unitTakenOff(UnitIndex)
        case unitAtScene(UnitIndex)
        case unitResult(UnitIndex, JobResult)
        case backupRequested(UnitIndex)
        case urgentAssistance(UnitIndex)
        case unitsRequested(Int32)
        case closed(closingType: Int32, result: JobResult?)
    }

    public var time: SimTime
    public var fact: Fact
}

/// The narrative of each open incident, built from the event stream. The console and the journal
/// attach one; a headless run does not, so it keeps no per-incident history in memory.
public final class IncidentNarrative {
    public private(set) var entries: [IncidentID: [NarrativeEntry]] = [:]
    /// Closed incidents' narratives, most recent last, kept for a while for the console.
    public private(set) var closed: [(id: IncidentID, reference: Int64, entries: [NarrativeEntry])] = []
    public let keepClosed: Int

    public init(keepClosed: Int = 200) { self.keepClosed = keepClosed }

    /// Attaches to a simulation: every event from now on is written into the narratives.
    /// The simulation keeps this alive while it runs (no cycle: this holds no simulation).
    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self, world = simulation.world] time, event in
            self.record(event, at: time, world: world)
        }
    }

    public func narrative(of id: IncidentID) -> [NarrativeEntry] {
        entries[id] ?? closed.last { $0.id == id }?.entries ?? []
    }

    func record(_ event: Event, at time: SimTime, world: World) {
        func add(_ id: IncidentID, _ fact: NarrativeEntry.Fact) {
            entries[id, default: []].append(NarrativeEntry(time: time, fact: fact))
        }
        switch event {
        case let .incidentCreated(id, o):
            // The call is still with its handler when the incident is created.
            let caller = world.calls.live.first { $0.element.number == o.callNumber }?.element.draw.caller
            add(id, .opened(reference: o.reference, callNumber: o.callNumber, line: o.line, grade: o.grade,
                            type: o.type, caller: caller))
        case let .callHandled(_, .duplicate, id?): add(id, .duplicateCallLinked)
        case let .incidentStacked(id, reason): add(id, .stacked(reason))
        case let .incidentRegraded(id, grade): add(id, .regraded(grade))
        case let .incidentAssessed(id, assessment): add(id, .assessed(assessment))
        case let .noteAdded(id, text): add(id, .note(text))
        case let .warningsPassed(id, unit): add(id, .warningsPassed(unit))
        case let .unitStoodDown(unit, id): add(id, .unitStoodDown(unit))
        case let .emergencyAcknowledged(unit):
            if let id = world.units[Int(unit)].incident { add(id, .emergencyAcknowledged(unit)) }
        case let .unitAssigned(u, id, eta, _, _): add(id, .unitDeployed(u, eta: eta))
        case let .unitDetached(u, id): add(id, .unitTakenOff(u))
        case let .unitArrived(u, id): add(id, .unitAtScene(u))
        case let .unitCleared(u, id, result): add(id, .unitResult(u, result))
        case let .unitsRequested(id, count, _): add(id, .unitsRequested(count))
        case let .radio(t):
            if let id = t.incident, t.message == .backupRequested { add(id, .backupRequested(t.unit)) }
            if let id = t.incident, t.message == .urgentAssistance { add(id, .urgentAssistance(t.unit)) }
        case let .incidentClosed(id, closingType, result):
            add(id, .closed(closingType: closingType, result: result))
            // Observed after the close is applied: the record is gone, so the reference comes
            // from the opening entry.
            let story = entries.removeValue(forKey: id) ?? []
            var reference: Int64 = 0
            if case let .opened(ref, _, _, _, _, _)? = story.first?.fact { reference = ref }
            closed.append((id, reference, story))
            if closed.count > keepClosed { closed.removeFirst(closed.count - keepClosed) }
        default:
            break
        }
    }
}
