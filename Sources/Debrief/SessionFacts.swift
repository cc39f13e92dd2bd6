import DispatchEngine
import ReadModel

/// What the debrief judges that the ledgers (`IncidentLog`, `CallLog`) do not keep, gathered
/// from the event stream as the journal is replayed: which calls and incidents belong to which
/// scripted call, who could have taken a call the engine took (a person free in a call-handling
/// seat while it rang), the welfare checks and emergency buttons with who answered them, staying
/// on the line, a real silent call closed. Who did a thing is named as the journal names them
/// ("person:NAME", "engine:dispatcher", "engine:call-handler-2"). How an incident was resourced,
/// graded, warned and closed, and how a call ended and by whom, are the ledgers'.
final class SessionFacts {
    /// Where the incident judged for a scripted call came from.
    enum MadeFrom: Equatable {
        /// Its own call.
        case theCall
        /// The call was linked to an incident already open.
        case linked
        /// The caller ringing again (nobody had come), or someone ringing as it got worse.
        case callerAgain
        case worse(anotherCaller: Bool)
        /// A further caller's call (a scripted call reporting it again).
        case furtherCaller(String)
    }

    struct FurtherCall {
        var number: Int64
        var at: SimTime
        /// People free in a call-handling seat while it rang unanswered.
        var couldHaveTaken: Set<String>
    }

    struct CallFacts {
        var rangAt: SimTime?
        /// The call's own number (part 0), for its row in the call ledger.
        var number: Int64?
        var couldHaveTaken: Set<String> = []
        var abandonedAt: SimTime?
        /// People in a call-handling seat when the caller hung up: any could have rung back.
        var couldRingBack: Set<String> = []
        /// The incident judged (its reference), and where it came from.
        var reference: Int64?
        var madeFrom: MadeFrom?
        var madeAt: SimTime?
        /// Further calls about it (scripted repeats, escalations and other callers).
        var further: [FurtherCall] = []
        /// The handler stayed on the line after creating it (who), until when (nil: still on).
        var stayedBy: String?
        var lineEndedAt: SimTime?
        /// Welfare checks due on its units at scene: when due, when made and by whom.
        var welfare: [(unit: UnitIndex, due: SimTime, checkedAt: SimTime?, by: String?)] = []
        /// Emergency buttons pressed by its units: when, when acknowledged and by whom.
        var emergencies: [(unit: UnitIndex, pressed: SimTime, acknowledged: SimTime?, by: String?)] = []
        /// A real silent call closed with no response: when, and by whom.
        var silentClosed: (at: SimTime, by: String)?
    }

    struct EmergencyFacts {
        var cue: Int
        var unit: UnitIndex
        var pressedAt: SimTime?
        /// The area whose dispatcher answers it: where the officer was.
        var area: Int?
        var acknowledgedAt: SimTime?
        var acknowledgedBy: String?
        /// The urgent-assistance incident raised for it (its reference: its sends are the ledger's).
        var assistance: Int64?
    }

    private(set) var calls: [CallFacts]
    private(set) var emergencies: [EmergencyFacts]
    private let script: Script
    /// Scripted call numbers: which scripted call, and which part (0 itself, 1 ringing again,
    /// 2 as it got worse).
    private var byNumber: [Int64: (call: Int, part: Int32)] = [:]
    private var byCall: [CallID: Int64] = [:]
    /// Each scripted call's line, for who was free for it when it ended.
    private var lineOf: [Int64: Line] = [:]
    private var byReference: [Int64: Int] = [:]
    private var welfareOpen: [UnitIndex: (call: Int, index: Int)] = [:]
    private var unitJob: [UnitIndex: Int64] = [:]
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
        simulation.observers.append { [unowned self, unowned simulation] time, event in
            self.note(event, at: time, simulation)
        }
    }

    /// The scripted call a further call is about: its own for a ringing again, else the one it
    /// reports again.
    private func about(_ k: Int, _ part: Int32) -> Int { part > 0 ? k : (script.calls[k].duplicateOf ?? k) }

    /// The scripted call an incident belongs to.
    func call(ofReference reference: Int64) -> Int? { byReference[reference] }

    private func actor(_ sim: Simulation) -> String {
        Wording.actor(sim.actor, person: "person", people: sim.people)
    }

    /// People free to take a call on `line` now: in a person's call-handling seat, not on the
    /// phone (a phone call) or with room for one more (a written contact).
    private func freePeople(_ line: Line, _ sim: Simulation) -> Set<String> {
        let world = sim.world
        var out: Set<String> = []
        for seat in world.personSeats where world.handlers[Int(seat)].onDuty {
            let free = line.isPhone ? !world.handlers[Int(seat)].onPhone : world.contactsHeld(by: seat) < sim.config.contactsAtOnce
            guard free, let owner = sim.workload.owner(of: seat), sim.people.indices.contains(owner) else { continue }
            out.insert(Wording.actor(.person(owner), person: "person", people: sim.people))
        }
        return out
    }

    private func note(_ event: Event, at t: SimTime, _ sim: Simulation) {
        switch event {
        case let .callArrived(id, number, line, draw) where draw.script >= 0:
            let k = Int(draw.script), part = draw.scriptPart
            byNumber[number] = (k, part)
            byCall[id] = number
            lineOf[number] = line
            let free = freePeople(line, sim)
            if part == 0 && script.calls[k].duplicateOf == nil {
                if calls[k].rangAt == nil { calls[k].rangAt = t; calls[k].number = number; calls[k].couldHaveTaken = free }
            } else {
                calls[about(k, part)].further.append(FurtherCall(number: number, at: t, couldHaveTaken: free))
            }
        case let .callAnswered(id, _):
            // The engine took it: whoever was free then let it go too.
            guard case .automatedHandler = sim.actor, let number = byCall[id], let (k, part) = byNumber[number],
                  let line = sim.world.call(id)?.line else { break }
            let free = freePeople(line, sim)
            if part == 0 && script.calls[k].duplicateOf == nil && calls[k].number == number {
                calls[k].couldHaveTaken.formUnion(free)
            } else if let i = calls[about(k, part)].further.firstIndex(where: { $0.number == number }) {
                calls[about(k, part)].further[i].couldHaveTaken.formUnion(free)
            }
        case let .callAbandoned(id):
            if let number = byCall[id], let (k, part) = byNumber[number], part == 0, calls[k].number == number, calls[k].abandonedAt == nil {
                calls[k].abandonedAt = t
                // Those free when the caller hung up (one on another call could not); all busy,
                // everyone in a seat: the first to come free should have.
                let idle = lineOf[number].map { freePeople($0, sim) } ?? []
                calls[k].couldRingBack = !idle.isEmpty ? idle : Set(sim.world.personSeats.compactMap { seat in
                    sim.workload.owner(of: seat).map { Wording.actor(.person($0), person: "person", people: sim.people) }
                })
            }
        case let .rungBack(id, number, _, _):
            if byNumber[number] != nil { byCall[id] = number }
        case let .stayedOnLine(id, _):
            if let number = byCall[id], let (k, part) = byNumber[number], part == 0, calls[k].number == number {
                calls[k].stayedBy = actor(sim)
            }
        case let .callHandled(id, outcome, _) where byCall[id] != nil && outcome != .duplicate:
            let number = byCall[id]!
            guard let (k, part) = byNumber[number], part == 0, calls[k].number == number else { break }
            if calls[k].stayedBy != nil { calls[k].lineEndedAt = t }
            if outcome == .silentNoResponse && script.calls[k].silent { calls[k].silentClosed = (t, actor(sim)) }
        case let .incidentCreated(_, opening) where opening.assisting != nil:
            if let e = emergencies.firstIndex(where: { $0.unit == opening.assisting && $0.assistance == nil && $0.pressedAt != nil }) {
                emergencies[e].assistance = opening.reference
                emergencies[e].area = sim.config.places.indices.contains(Int(opening.place)) ? sim.config.places[Int(opening.place)].area : nil
            }
        case let .incidentCreated(_, opening):
            guard let (k, part) = byNumber[opening.callNumber] else { break }
            let target = about(k, part)
            // The first incident made from any of its calls is the one judged: from the call
            // itself, or (the call closed or lost) from the caller ringing again, someone ringing
            // as it got worse, or a further caller. One made while it already had one is a
            // further caller not linked (the ledger's duplicate count says so).
            guard calls[target].reference == nil else { break }
            calls[target].reference = opening.reference
            calls[target].madeAt = t
            byReference[opening.reference] = target
            if part == 0 && target == k {
                calls[target].madeFrom = .theCall
            } else if part == 1 {
                calls[target].madeFrom = .callerAgain
            } else if part == 2 {
                calls[target].madeFrom = .worse(anotherCaller: script.calls[k].escalation?.isAnotherCaller ?? false)
            } else {
                calls[target].madeFrom = .furtherCaller(script.calls[k].name)
            }
        case let .callHandled(id, .duplicate, incident?):
            // The scripted call itself linked to an incident already open: that is the one judged.
            guard let number = byCall[id], let (k, part) = byNumber[number], part == 0, calls[k].number == number,
                  calls[k].reference == nil, let reference = sim.world.incident(incident)?.reference else { break }
            calls[k].reference = reference
            calls[k].madeFrom = .linked
            calls[k].madeAt = t
            if byReference[reference] == nil { byReference[reference] = k }
        case let .unitAssigned(unit, id, _, _, _):
            if let reference = sim.world.incident(id)?.reference { unitJob[unit] = reference }
        case let .welfareChecked(unit, next):
            settleWelfare(unit, at: t, by: actor(sim))
            if let reference = unitJob[unit], let k = byReference[reference] {
                calls[k].welfare.append((unit, next, nil, nil))
                welfareOpen[unit] = (k, calls[k].welfare.count - 1)
            }
        case let .unitStatusChanged(unit, status) where status != .atScene && status != .emergency:
            // Leaving the scene settles the check that was due; one not yet due is not owed.
            if let (k, i) = welfareOpen.removeValue(forKey: unit), calls[k].welfare[i].due > t { calls[k].welfare[i].due = .max }
        case .radio(let transmission) where transmission.message == .urgentAssistance:
            let unit = transmission.unit
            if let id = transmission.incident, let reference = sim.world.incident(id)?.reference, let k = byReference[reference] {
                calls[k].emergencies.append((unit, t, nil, nil))
                pressedOn[unit] = (k, calls[k].emergencies.count - 1)
            }
            // A scripted button: pressed at its time, or when the instructor injected it (a
            // person's action fires it, whatever the time written).
            let injected = { if case .person = sim.actor { true } else { false } }()
            if let e = emergencies.firstIndex(where: { $0.unit == unit && $0.pressedAt == nil
                                                       && (injected || script.cues[$0.cue].at <= t) }) {
                emergencies[e].pressedAt = t
                let job = sim.world.units[Int(unit)].incident.flatMap { sim.world.incident($0) }
                if let place = job?.place, sim.config.places.indices.contains(Int(place)) { emergencies[e].area = sim.config.places[Int(place)].area }
            }
        case let .emergencyAcknowledged(unit):
            if let (k, i) = pressedOn.removeValue(forKey: unit) {
                calls[k].emergencies[i].acknowledged = t
                calls[k].emergencies[i].by = actor(sim)
            }
            if let e = emergencies.firstIndex(where: { $0.unit == unit && $0.pressedAt != nil && $0.acknowledgedAt == nil }) {
                emergencies[e].acknowledgedAt = t
                emergencies[e].acknowledgedBy = actor(sim)
            }
        default: break
        }
    }

    /// A check made settles the one that was due (made when it was made, by whoever made it).
    private func settleWelfare(_ unit: UnitIndex, at t: SimTime, by: String) {
        guard let (k, i) = welfareOpen.removeValue(forKey: unit) else { return }
        calls[k].welfare[i].checkedAt = t
        calls[k].welfare[i].by = by
    }

    /// At the end of the record: checks not yet due are not owed.
    func finish(at end: SimTime) {
        for (k, i) in welfareOpen.values where calls[k].welfare[i].due > end { calls[k].welfare[i].due = .max }
        for k in calls.indices { calls[k].welfare.removeAll { $0.due == .max } }
        welfareOpen.removeAll()
    }
}
