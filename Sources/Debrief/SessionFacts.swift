import DispatchEngine

/// What the debrief judges that the incident log does not keep, gathered from the event stream
/// as the journal is replayed: for each scripted call, when it rang and was answered, which
/// incident it made or joined and the grade given, its further callers, the welfare checks on
/// its units and the emergency buttons pressed on it; for each scripted emergency, when it was
/// acknowledged. How the incident was resourced, warned and closed is `IncidentLog`'s.
final class SessionFacts {
    struct CallFacts {
        var rangAt: SimTime?
        var answeredAt: SimTime?
        var incident: IncidentID?
        var reference: Int64?
        var createdAt: SimTime?
        /// The grade the call handler gave it (nil: linked to another incident instead).
        var gradeGiven: Grade?
        /// Further calls about it (scripted repeats and other callers): linked, or made into a
        /// separate incident.
        var furtherCalls = 0
        var furtherLinked = 0
        /// Welfare checks on its units at scene: the worst lateness, and how many were late.
        var welfareLate = 0
        var welfareWorst: SimTime = 0
        var welfareDue = 0
        /// Emergency buttons pressed by its units: when, and when acknowledged.
        var emergencies: [(pressed: SimTime, acknowledged: SimTime?)] = []
        /// Where the handler put it, how far from the truth (metres), and units who found nobody there.
        var placeGiven: Int32?
        var offBy: Double?
        var foundNobody: [UnitIndex] = []
        /// Abandoned before an answer, and rung back: when, and by whom.
        var abandonedAt: SimTime?
        var rungBackAt: SimTime?
        var rungBackBy: Actor?
        /// The handler stayed on the line after creating it, until this time (nil: still on).
        var stayed = false
        var lineEndedAt: SimTime?
        /// Grades it was re-graded to, in order.
        var regrades: [Grade] = []
        /// A silent call closed with no response although it was real.
        var closedSilentWhileReal = false
    }

    struct EmergencyFacts {
        var cue: Int
        var unit: UnitIndex
        var pressedAt: SimTime?
        var acknowledgedAt: SimTime?
        var acknowledgedBy: Actor?
        /// The urgent-assistance incident raised for it, and its first unit sent (by whom).
        var assistance: IncidentID?
        var firstSentAt: SimTime?
        var firstSentBy: Actor?
    }

    var calls: [CallFacts]
    var emergencies: [EmergencyFacts]
    /// Person's actions that the engine refused, for "what went wrong".
    private let script: Script
    private var callScript: [Int64: (call: Int, part: Int32)] = [:]
    private var callByID: [CallID: (call: Int, part: Int32)] = [:]
    private var welfareDue: [UnitIndex: SimTime] = [:]
    private var unitIncident: [UnitIndex: IncidentID] = [:]
    private var pressedOn: [UnitIndex: (call: Int, index: Int)] = [:]
    static let welfareGrace = Clock.minute

    init(script: Script) {
        self.script = script
        calls = Array(repeating: CallFacts(), count: script.calls.count)
        emergencies = script.cues.enumerated().compactMap { i, cue in
            if case .emergency(let unit) = cue.event { return EmergencyFacts(cue: i, unit: unit) }
            return nil
        }
    }

    func attach(to simulation: Simulation) {
        simulation.observers.append { [unowned self] time, event in
            self.note(event, at: time, simulation)
        }
    }

    private func scripted(_ id: IncidentID, _ simulation: Simulation) -> Int? {
        calls.indices.first { simulation.scriptedIncident($0) == id }
    }

    private func note(_ event: Event, at t: SimTime, _ sim: Simulation) {
        switch event {
        case let .callArrived(id, number, _, draw) where draw.script >= 0:
            callScript[number] = (Int(draw.script), draw.scriptPart)
            callByID[id] = (Int(draw.script), draw.scriptPart)
            let k = Int(draw.script)
            if draw.scriptPart == 0, calls[k].rangAt == nil { calls[k].rangAt = t }
        case let .callAnswered(id, _):
            if let (k, part) = callByID[id], part == 0, calls[k].answeredAt == nil {
                calls[k].answeredAt = t
            }
        case let .callAbandoned(id):
            if let (k, part) = callByID[id], part == 0, calls[k].abandonedAt == nil { calls[k].abandonedAt = t }
        case let .rungBack(id, number, _, _):
            if let (k, part) = callScript[number] {
                callByID[id] = (k, part)
                if part == 0, calls[k].rungBackAt == nil { calls[k].rungBackAt = t; calls[k].rungBackBy = sim.actor }
            }
        case let .stayedOnLine(id, _):
            if let (k, part) = callByID[id], part == 0 { calls[k].stayed = true }
        case let .callHandled(id, outcome, _) where callByID[id] != nil && outcome != .duplicate:
            let (k, part) = callByID[id]!
            if part == 0 {
                if calls[k].stayed { calls[k].lineEndedAt = t }
                if outcome == .silentNoResponse && script.calls[k].silent { calls[k].closedSilentWhileReal = true }
            }
        case let .incidentRelocated(id, place):
            if let k = calls.firstIndex(where: { $0.incident == id }) {
                calls[k].placeGiven = place
                calls[k].offBy = sim.world.metresOff(place, script.calls[k].place)
            }
        case let .incidentRegraded(id, grade):
            if let k = calls.firstIndex(where: { $0.incident == id }) { calls[k].regrades.append(grade) }
        case .radio(let transmission) where transmission.message == .nothingFound:
            if let id = transmission.incident, let k = calls.firstIndex(where: { $0.incident == id }) {
                calls[k].foundNobody.append(transmission.unit)
            }
        case let .incidentCreated(id, opening) where opening.assisting != nil:
            if let e = emergencies.firstIndex(where: { $0.unit == opening.assisting && $0.assistance == nil }) {
                emergencies[e].assistance = id
            }
        case let .incidentCreated(id, opening):
            if let (k, part) = callScript[opening.callNumber] {
                if part == 0 && script.calls[k].duplicateOf == nil && calls[k].incident == nil {
                    calls[k].incident = id
                    calls[k].reference = opening.reference
                    calls[k].createdAt = t
                    calls[k].gradeGiven = opening.grade
                    calls[k].placeGiven = opening.place
                    calls[k].offBy = sim.world.metresOff(opening.place, script.calls[k].place)
                } else {
                    // A further caller made into an incident of its own: not linked.
                    let about = part > 0 ? k : (script.calls[k].duplicateOf ?? k)
                    calls[about].furtherCalls += 1
                }
            }
        case let .callHandled(id, .duplicate, incident?):
            if let (k, part) = callByID.removeValue(forKey: id) {
                let about = part > 0 ? k : (script.calls[k].duplicateOf ?? k)
                if part == 0 && script.calls[k].duplicateOf == nil {
                    // The scripted call itself linked to an incident already open.
                    if calls[k].incident == nil {
                        calls[k].incident = incident
                        calls[k].reference = sim.world.incident(incident)?.reference
                        calls[k].createdAt = t
                    }
                } else {
                    calls[about].furtherCalls += 1
                    if calls[about].incident == incident { calls[about].furtherLinked += 1 }
                }
            }
        case let .unitAssigned(unit, id, _, _, _):
            unitIncident[unit] = id
            if let e = emergencies.firstIndex(where: { $0.assistance == id && $0.firstSentAt == nil }) {
                emergencies[e].firstSentAt = t
                emergencies[e].firstSentBy = sim.actor
            }

        case let .welfareChecked(unit, next):
            settleWelfare(unit, at: t, sim)
            welfareDue[unit] = next
        case let .unitStatusChanged(unit, status) where status != .atScene && status != .emergency:
            settleWelfare(unit, at: t, sim)
            welfareDue[unit] = nil
        case .radio(let transmission) where transmission.message == .urgentAssistance:
            if let id = transmission.incident, let k = scripted(id, sim) {
                calls[k].emergencies.append((t, nil))
                pressedOn[transmission.unit] = (k, calls[k].emergencies.count - 1)
            }
            if let e = emergencies.firstIndex(where: { $0.unit == transmission.unit && $0.pressedAt == nil
                                                       && script.cues[$0.cue].at <= t }) {
                emergencies[e].pressedAt = t
            }
        case let .emergencyAcknowledged(unit):
            if let (k, i) = pressedOn.removeValue(forKey: unit) { calls[k].emergencies[i].acknowledged = t }
            if let e = emergencies.firstIndex(where: { $0.unit == unit && $0.pressedAt != nil && $0.acknowledgedAt == nil }) {
                emergencies[e].acknowledgedAt = t
                emergencies[e].acknowledgedBy = sim.actor
            }
        default: break
        }
    }

    /// A check (or leaving the scene) settles the one that was due: late if past due and grace.
    private func settleWelfare(_ unit: UnitIndex, at t: SimTime, _ sim: Simulation) {
        guard let due = welfareDue[unit], let incident = unitIncident[unit], let k = scripted(incident, sim) else { return }
        guard t >= due else { return }
        calls[k].welfareDue += 1
        if t > due + Self.welfareGrace {
            calls[k].welfareLate += 1
            calls[k].welfareWorst = max(calls[k].welfareWorst, t - due)
        }
    }

    /// At the end of the record: checks due and never made count as late.
    func finish(at end: SimTime, _ sim: Simulation) {
        for (unit, due) in welfareDue where end > due + Self.welfareGrace {
            guard let incident = unitIncident[unit], let k = scripted(incident, sim) else { continue }
            calls[k].welfareDue += 1
            calls[k].welfareLate += 1
            calls[k].welfareWorst = max(calls[k].welfareWorst, end - due)
        }
        welfareDue.removeAll()
    }
}
