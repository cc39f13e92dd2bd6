import DispatchEngine

/// A trainee played by the program, sitting in every seat of a console of its own (call handler
/// and dispatcher of every area) and acting only through the person's commands, which the
/// engine checks like anyone's. The model plays as the trainer expects, to prove a scenario can
/// be completed by a person; the poor trainee makes the mistakes trainers see, to prove the
/// debrief names them. Either knows the truth of each call (it is the program): what it shows
/// is what a person who heard the call well, or badly, would do with it.
public final class ModelTrainee {
    public enum Play: String, Sendable, CaseIterable {
        /// Does what the trainer expects: answers at once, grades and places as the caller
        /// says, records THRIVE, stays on the line, tells the ambulance, links further callers,
        /// rings back, sends the right units in time, passes warnings, checks welfare, re-grades
        /// when told more, acknowledges and answers emergency buttons.
        case model
        /// Takes the calls and dispatches, but badly: grades a grade too low, closes a silent
        /// line, puts a vague caller at the first place named, leaves THRIVE and the line, links
        /// nobody, rings nobody back, tells no other service, sends late and the wrong kind, passes
        /// no warnings, checks on nobody, never re-grades, answers alarms late.
        case poor
        /// Takes the seats and does nothing at all.
        case idle
    }

    let simulation: Simulation
    let play: Play
    private var seat: HandlerIndex?
    private var ringBacksTried: Set<Int64> = []
    private var decidedFor: Set<CallID> = []
    private var warned: [IncidentID: Set<UnitIndex>] = [:]

    public init(simulation: Simulation, play: Play = .model) {
        self.simulation = simulation
        self.play = play
    }

    /// Sits down: call handler, and dispatcher of every area.
    public func sitDown() {
        try? simulation.perform(.command(.seatCallHandler))
        seat = simulation.world.personSeats.last
        try? simulation.perform(.dispatchSeat(areas: []))
    }

    /// Looks at the floor and acts on what needs doing now.
    public func act() {
        guard play != .idle else { return }
        answerEmergencies()
        handleCalls()
        dispatch()
    }

    private func perform(_ command: Command) { try? simulation.perform(.command(command)) }

    // MARK: Emergencies

    private func answerEmergencies() {
        let now = simulation.now
        for pending in simulation.world.pendingEmergencies where play == .model || now - pending.since >= 45 * Clock.second {
            perform(.acknowledgeEmergency(pending.unit))
        }
    }

    // MARK: Calls

    private func handleCalls() {
        guard let seat else { return }
        let world = simulation.world
        let now = simulation.now
        let handler = world.handlers[Int(seat)]
        if let id = handler.call, let call = world.call(id) {
            onCall(seat, id, call)
            return
        }
        // The model rings back an abandoned 999 before anything else; the poor trainee never does.
        if play == .model, let back = world.callbacks.first, !ringBacksTried.contains(back.number) {
            ringBacksTried.insert(back.number)
            perform(.ringBack(seat, number: back.number))
            return
        }
        if let next = world.nextCallToAnswer(), let call = world.call(next) {
            // The poor trainee lets it ring a while (still inside the ten seconds it rings for them).
            if play == .model || now - call.arrivedAt >= 8 * Clock.second { perform(.answerNext(seat)) }
            return
        }
        if world.contactsWaiting > 0, world.contactsHeld(by: seat) < simulation.config.contactsAtOnce {
            perform(.takeContact(seat))
        }
    }

    /// The scripted call of a call, if it is one.
    private func scripted(_ call: Call) -> ScriptedCall? {
        let k = Int(call.draw.script)
        return simulation.config.script.calls.indices.contains(k) ? simulation.config.script.calls[k] : nil
    }

    private func onCall(_ seat: HandlerIndex, _ id: CallID, _ call: Call) {
        let world = simulation.world
        let now = simulation.now
        // Stayed on the line: until officers are there.
        if let line = world.onTheLine[id] {
            let arrived = world.incident(line.incident).map { $0.firstArrivedAt >= 0 } ?? true
            if arrived { perform(.endCall(seat)) }
            return
        }
        guard !decidedFor.contains(id) else { return }
        let spec = call.draw.scriptPart == 0 ? scripted(call) : nil
        let since = call.answeredAt
        // A silent line: listen, then ring the number back (the model), or close it (the poor).
        if call.draw.silent && !call.ringBack {
            guard now - since >= 5 * Clock.second else { return }
            if play == .poor {
                decide(seat, id, .noResponse)
                return
            }
            if call.calledBack == nil && call.draw.answersCallBack {
                perform(.callBack(seat))
                return
            }
            if !call.lineKept { perform(.keepLine(seat)) }
        }
        // Decide once the caller has said what matters.
        let turns: [ScriptTurn]
        let from: SimTime
        if call.calledBack == true, let spec {
            turns = spec.callBackTurns; from = call.calledBackAt
        } else if let spec {
            turns = spec.turns; from = since
        } else {
            turns = []; from = since
        }
        let heard = min((turns.map(\.after).max() ?? 0) + 2 * Clock.second, 90 * Clock.second)
        guard now - from >= max(heard, 3 * Clock.second) else { return }
        decide(seat, id, decision(for: call, spec))
    }

    private func decide(_ seat: HandlerIndex, _ id: CallID, _ decision: CallDecision) {
        decidedFor.insert(id)
        perform(.decideCall(seat, decision))
        if play == .model, case .incident = decision { informExpected() }
    }

    /// Police attend, and the other services the trainer expects are told (the model).
    private func informExpected() {
        for (k, spec) in simulation.config.script.calls.enumerated() where !spec.expect.informed.isEmpty {
            guard let incident = simulation.scriptedIncident(k), simulation.world.isOpen(incident) else { continue }
            for agency in spec.expect.informed where !simulation.world.informed(incident, agency) {
                perform(.inform(incident, agency))
            }
        }
    }

    /// What the call is, as the trainee decides it: the truth (the model), or the truth heard
    /// badly (the poor trainee).
    private func decision(for call: Call, _ spec: ScriptedCall?) -> CallDecision {
        let d = call.draw
        let config = simulation.config
        let full = Assessment(thrive: ["the threat as the caller told it", "who is hurt or at risk of harm", "the risk if nobody goes",
                                       "what to keep for the investigation", "who is vulnerable", "how to engage: the caller's words and needs"])
        let thin = Assessment(thrive: ["as the caller said", "", "", "", "", ""])
        // A further call about an open incident: linked (the model), or made into another (the poor).
        if let open = simulation.incidentReportedAgain(by: call), play == .model {
            return .duplicate(of: open)
        }
        if call.ringBack && call.calledBack != true { return .noResponse }
        let truth: Grade = d.scriptPart == 2 ? (spec?.escalation?.grade ?? d.grade) : d.grade
        if let spec, spec.expect.noDeployment || truth == .resolution {
            let type = spec.expect.closingType ?? d.type
            return play == .model ? .advice(closingType: type, place: d.place)
                : .incident(type: d.type, grade: .scheduled, place: d.place, assessment: thin)
        }
        switch d.outcome {
        case .advice where spec == nil: return .advice(closingType: d.type, place: d.place)
        case .transfer: return .transfer(.ambulance)
        case .crimeReport: return .crimeReport(type: d.type, place: d.place)
        case .signposted: return .signpost(.council)
        case .rightCare: return .rightCare
        case .silentNoResponse, .noAnswer, .accidental: return .noResponse
        default: break
        }
        if d.outcome == .advice && spec == nil || !truth.deploys { return .advice(closingType: d.type, place: d.place) }
        if play == .model {
            let stay = spec?.expect.stayedOnLine ?? false
            return .incident(type: d.type, grade: truth, place: d.place, assessment: full, stay: stay && call.line != .email && call.line != .onlineReport)
        }
        // The poor trainee: a grade too low, and a vague caller put at the first place named.
        let lower = Grade(rawValue: min(truth.rawValue + 1, 3)) ?? truth
        var place = d.place
        if spec?.expect.locatedWithin != nil, let first = config.places.indices.first(where: { $0 != Int(d.place) }) { place = Int32(first) }
        return .incident(type: d.type, grade: lower, place: place, assessment: thin)
    }

    // MARK: Dispatch

    /// The scripted call an incident was made from (or linked to).
    private func scriptedCall(of id: IncidentID) -> ScriptedCall? {
        let calls = simulation.config.script.calls
        return calls.indices.first { simulation.scriptedIncident($0) == id }.map { calls[$0] }
    }

    private func dispatch() {
        let world = simulation.world
        let config = simulation.config
        let now = simulation.now
        // Send to what waits: the urgent first, then grade by grade.
        var waiting: [IncidentID] = Array(world.urgent)
        for g in 0..<3 { waiting += Array(world.dispatchQueues[g]) }
        var seen: Set<IncidentID> = []
        for id in waiting where !seen.contains(id) && world.wantsUnits(id) {
            seen.insert(id)
            guard let record = world.incident(id) else { continue }
            let skills = scriptedCall(of: id)?.expect.skills ?? []
            if play == .poor {
                // Late: the poor trainee leaves a job five minutes (help for an officer, two).
                let wait = record.assisting != nil ? 2 * Clock.minute : 5 * Clock.minute
                guard now - record.createdAt >= wait else { continue }
            }
            let options = simulation.recommendations(for: id)
            let attachedSkilled = world.units.indices.contains { world.units[$0].incident == id && config.units[$0].skills.isSuperset(of: skills) }
            var pick = options.first
            if !skills.isEmpty && !attachedSkilled {
                // The model sends the skills asked for; the poor trainee whoever is first without them.
                pick = play == .model ? options.first { config.units[Int($0.unit)].skills.isSuperset(of: skills) } ?? options.first
                    : options.first { !config.units[Int($0.unit)].skills.isSuperset(of: skills) } ?? options.first
            }
            guard let pick else { continue }
            perform(pick.divertsFrom == nil ? .assign(pick.unit, id) : .divert(pick.unit, id))
        }
        guard play == .model else { return }
        for (k, spec) in config.script.calls.enumerated() {
            guard let id = simulation.scriptedIncident(k), let record = world.incident(id) else { continue }
            let expect = spec.expect
            // A unit with the skills asked for, beside whoever went first.
            if !expect.skills.isEmpty, record.grade.deploys,
               !world.units.indices.contains(where: { world.units[$0].incident == id && config.units[$0].skills.isSuperset(of: expect.skills) }),
               let pick = simulation.recommendations(for: id).first(where: { config.units[Int($0.unit)].skills.isSuperset(of: expect.skills) }) {
                perform(pick.divertsFrom == nil ? .assign(pick.unit, id) : .divert(pick.unit, id))
            }
            // A further caller told something graver: re-THRIVE and re-grade.
            if let grade = expect.regradedTo, record.duplicateCalls > 0, record.grade > grade {
                perform(.regrade(id, grade))
            }
        }
        // Warnings to every unit on an incident at a marked address; welfare checks when due.
        for slot in world.incidents.live.map(\.slot) {
            let id = IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)])
            guard let record = world.incident(id), record.hasWarnings, record.unitsAttached > 0 else { continue }
            // Every unit on it told, the ones sent later too.
            let onIt = Set(world.units.indices.filter { world.units[$0].incident == id }.map(UnitIndex.init))
            if !onIt.isSubset(of: warned[id] ?? []) {
                perform(.passWarnings(id))
                warned[id, default: []].formUnion(onIt)
            }
        }
        for u in world.units.indices where world.units[u].status == .atScene {
            if let due = world.units[u].welfareDueAt, due <= now { perform(.welfareCheck(UnitIndex(u))) }
        }
    }
}
