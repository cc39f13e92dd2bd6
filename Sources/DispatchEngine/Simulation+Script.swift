/// The scenario's script at work: cues fire at their times (if their condition holds), scripted
/// calls ring with their hidden truth, callers ring back and situations escalate when nobody has
/// come, units say and do what the trainer wrote.
extension Simulation {
    /// Whether a cue's condition holds now.
    func holds(_ condition: ScriptCondition) -> Bool {
        switch condition {
        case .noUnitAtScene(let k): return !scripted.attended[k]
        case .unitAtScene(let k): return scripted.attended[k]
        case .notDispatched(let k): return !scripted.dispatched[k]
        case .notAnswered(let k): return !scripted.answered[k]
        case .emergencyNotAcknowledged(let u): return world.pendingEmergencies.contains { $0.unit == u }
        }
    }

    func fire(_ event: ScriptEvent) {
        switch event {
        case .call(let k): scriptedCallRings(k, part: 0)
        case let .radio(unit, text):
            guard world.units[Int(unit)].status != .offDuty else { return }
            radio(Transmission(unit: unit, incident: world.units[Int(unit)].incident, direction: .toControl, message: .text(text)))
        case let .status(unit, status):
            try? execute(.setStatus(unit, status), by: .world)
        case .emergency(let unit):
            let state = world.units[Int(unit)]
            guard state.status != .offDuty, state.status != .emergency else { return }
            if state.status == .atScene, state.incident != nil {
                emergencyPress(unit)
            } else {
                // Away from any job: help goes to the officer's last known place.
                if let job = state.incident {
                    emit(.unitDetached(unit, job))
                    emit(.unitsRequested(job, count: 1, urgent: false))
                }
                raiseUrgentAssistance(unit)
                schedule(.emergencyOver, of: unit, at: now + 10 * Clock.minute)
            }
        case let .outOfService(unit, duration, reason):
            let state = world.units[Int(unit)]
            guard state.status != .offDuty else { return }
            radio(Transmission(unit: unit, incident: state.incident, direction: .toControl, message: .text(reason)))
            if let incident = state.incident {
                emit(.unitDetached(unit, incident))
                emit(.unitsRequested(incident, count: 1, urgent: false))
            }
            statusChanged(unit, .committedNotDeployable)
            schedule(.backInService, of: unit, at: now + duration)
        case .bookOff(let units):
            for unit in units where world.units[Int(unit)].onDuty { unitShiftEnds(unit) }
        case .bookOn(let units):
            for unit in units where world.units[Int(unit)].status == .offDuty {
                let length = config.units[Int(unit)].shift?.length ?? 8 * Clock.hour
                bookOn(unit, endsAt: now + length)
                schedule(.unitShiftEnds(unit), at: now + length)
            }
        case let .surge(factor, duration):
            scripted.surges.append(factor)
            setSurge()
            schedule(.surgeEnds(Int32(scripted.surges.count - 1)), at: now + duration)
        }
    }

    func surgeEnds(_ surge: Int) {
        scripted.surges[surge] = 1
        setSurge()
    }

    /// A scripted call rings: `part` 0 is the call as written, 1 the caller ringing back, 2 the
    /// caller ringing back as things get worse.
    func scriptedCallRings(_ k: Int, part: Int32) {
        let spec = config.script.calls[k]
        let reportsAgain = part > 0 || spec.duplicateOf != nil
        // Ringing as it gets worse may be someone else (the neighbour, not the victim): a caller
        // of their own, with their own identity.
        let another = part == 2 ? spec.escalation?.relation : nil
        // What it really is, as written; a scripted call is always about something real.
        var draw = CallDraw(
            type: spec.type, grade: part == 2 ? (spec.escalation?.grade ?? spec.grade) : spec.grade, place: spec.place,
            patience: spec.patience ?? .max, handling: 3 * Clock.minute,
            outcome: reportsAgain ? .duplicate : .incident,
            silent: spec.silent && part == 0, duplicatePick: 0,
            // One identity per scripted caller, the same on each of their calls, and another in
            // another scenario: the seed is mixed in, or every scenario's first caller would be
            // the same person.
            caller: Caller(relation: another ?? spec.relation, identity: UInt32(truncatingIfNeeded:
                (UInt64(k) &* 2_654_435_761 &+ (another == nil ? 97 : 0x5EC0_4D)) ^ (config.seed &* 0x9E37_79B9_7F4A_7C15 >> 17))),
            pressed55: spec.pressed55, answersCallBack: spec.answersCallBack)
        draw.script = Int32(k)
        draw.scriptPart = part
        scripted.byCallNumber[nextCallNumber] = k
        ring(draw, on: spec.line)
        guard part == 0 else { return }
        if let after = spec.ringsBackAfter { schedule(.scriptFollowUp(call: Int32(k), escalating: false), at: now + after) }
        if let escalation = spec.escalation {
            schedule(.scriptFollowUp(call: Int32(k), escalating: true), at: now + escalation.after)
        }
    }

    /// Nobody at scene yet: the caller rings back, or it gets worse (re-graded, and they ring).
    func followUp(call k: Int, escalating: Bool) {
        guard !scripted.attended[k] else { return }
        if escalating, let escalation = config.script.calls[k].escalation, let id = scripted.incidents[k],
           let record = world.incident(id), record.grade > escalation.grade {
            emit(.incidentRegraded(id, grade: escalation.grade))
        }
        scriptedCallRings(k, part: escalating ? 2 : 1)
    }

    /// The open incident a scripted further caller reports: the one made from the call they
    /// ring about (or ring back about).
    func scriptedIncidentReportedAgain(_ draw: CallDraw) -> IncidentID? {
        let spec = config.script.calls[Int(draw.script)]
        let about = draw.scriptPart > 0 ? Int(draw.script) : (spec.duplicateOf ?? Int(draw.script))
        guard let id = scripted.incidents[about], world.isOpen(id) else { return nil }
        return id
    }

    /// The incident made from a scripted call (or linked to it), if any yet.
    public func scriptedIncident(_ k: Int) -> IncidentID? {
        scripted.incidents.indices.contains(k) ? scripted.incidents[k] : nil
    }

    /// The instructor fires a cue now, whatever its time and condition.
    /// A cue fired by hand does not fire again at its time; a call rings only once.
    func inject(_ cue: Int) throws(CommandRefusal) {
        guard config.script.cues.indices.contains(cue) else { throw .noSuchCue }
        if scripted.fired[cue], case .call = config.script.cues[cue].event { throw .cueAlreadyFired }
        scripted.fired[cue] = true
        fire(config.script.cues[cue].event)
    }

    /// A cue's time has come: it fires unless the instructor fired it already, and if its
    /// condition holds.
    func cueDue(_ cue: Int) {
        guard !scripted.fired[cue] else { return }
        scripted.fired[cue] = true
        let spec = config.script.cues[cue]
        if spec.condition.map(holds) ?? true { fire(spec.event) }
    }

    private func setSurge() {
        let factor = scripted.surges.reduce(1, *)
        demand.surge = factor
        for line in Line.allCases {
            setNextArrival(line, demand.nextArrival(on: line, after: now) ?? .max)
        }
    }
}
