/// Units' jobs: sent, travelling, at scene (backup, the emergency button, welfare checks),
/// clearing with a result, prisoners to custody, refreshments, and coming free again.
extension Simulation {
    func send(_ unit: UnitIndex, to incident: IncidentID, diverting: Bool) {
        let i = Int(unit)
        if diverting, let previous = world.units[i].incident {
            radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .diverted))
            emit(.unitDetached(unit, previous))
            // The job it leaves wants a unit in its place, unless its result is in (then, with
            // nobody left on it, it is done).
            if world.incidents[previous.slot].result == nil { emit(.unitsRequested(previous, count: 1, urgent: false)) }
            else { closeIfFinished(previous) }
        }
        if world.units[i].status == .refreshments {
            // Called off the break: the rest of it is owed, taken when the unit is next free.
            let allowance = config.units[i].shift?.refreshmentAllowance ?? 0
            emit(.refreshmentsInterrupted(unit, owed: max(allowance - (now - world.units[i].statusSince), 0)))
        }
        let grade = world.incidents[incident.slot].grade
        let place = Int(world.incidents[incident.slot].place)
        let from = world.units[i].position(at: now, roads: config.roads)
        let to = config.places.isEmpty ? from : config.places[place].position
        let eta = travel.actualTravel(unit: unit, from: from, to: to, grade: grade, rng: &durations)
        let message: RadioMessage = world.incidents[incident.slot].assisting.map { .deployedToAssist(officer: $0) } ?? .deployed(grade: grade)
        radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: message))
        unitAssigned(unit, incident, eta: eta, from: from, to: to)
        statusChanged(unit, .enRoute)
        radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .stateUpdate(.enRoute)))
        schedule(.arrives, of: unit, at: now + eta)
    }

    func unitArrives(_ unit: UnitIndex, announced: Bool = false) {
        guard let incident = world.units[Int(unit)].incident else { return }
        // Booked at scene by control before it got there: it said so then; now it is there.
        let booked = world.units[Int(unit)].status == .atScene
        unitArrived(unit, incident)
        if !booked { statusChanged(unit, .atScene) }
        if announced {
            // There sooner than planned: it is where it was going.
            emit(.unitMoved(unit, to: world.units[Int(unit)].destination))
        } else if !booked {
            radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .stateUpdate(.atScene)))
        }
        if world.incidents[incident.slot].assisting != nil {
            // With the officer: they stay until the officer is safe.
            closeAssistanceIfDone(incident)
            return
        }
        if world.incidents[incident.slot].misplaced {
            // Sent to the wrong place: nobody there who called. They search about, then clear.
            radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .nothingFound))
            schedule(.clears, of: unit, at: now + Self.searchAtWrongPlace)
            return
        }
        if world.incidents[incident.slot].onVagueStreet {
            // A street with no house number: they go along it until they find who called.
            radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .searchingStreet))
            schedule(.streetSearched, of: unit, at: now + Self.streetSearch)
            return
        }
        beginAtScene(unit, incident)
    }

    /// How long officers sent to a street take to find the caller on it.
    static let streetSearch: SimTime = 5 * Clock.minute

    /// The street searched: the caller found, the incident placed where they are, the job begun.
    func streetSearched(_ unit: UnitIndex) {
        guard let incident = world.units[Int(unit)].incident, world.units[Int(unit)].status == .atScene else { return }
        if world.incidents[incident.slot].onVagueStreet {
            let truth = world.incidents[incident.slot].truePlace
            emit(.incidentRelocated(incident, place: truth))
            emit(.unitMoved(unit, to: config.places[Int(truth)].position))
            radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .callerFound))
        }
        beginAtScene(unit, incident)
    }

    /// At scene with the caller: welfare checks, time at scene, what may happen there.
    private func beginAtScene(_ unit: UnitIndex, _ incident: IncidentID) {
        scheduleWelfare(unit, on: incident)
        let type = types[Int(world.incidents[incident.slot].type)]
        let onScene = max(type.onScene.sample(&durations), 0)
        schedule(.clears, of: unit, at: now + onScene)
        if outcomes.chance(type.backupShare) {
            schedule(.backupCall, of: unit, at: now + SimTime(Double(onScene) * outcomes.unit() * 0.5))
        }
        if outcomes.chance(type.emergencyShare) {
            schedule(.emergencyPress, of: unit, at: now + SimTime(Double(onScene) * outcomes.unit() * 0.8))
        }
    }

    /// How long officers at the wrong place look about before they clear.
    static let searchAtWrongPlace: SimTime = 10 * Clock.minute

    func unitClears(_ unit: UnitIndex) {
        guard let incident = world.units[Int(unit)].incident else { return }
        let typeIndex = Int(world.incidents[incident.slot].type)
        let type = types[typeIndex]
        // An incident has one result: the first unit to clear gives it (and takes any prisoner);
        // the others on it report the same as they finish.
        let decided = world.incidents[incident.slot].result
        let result: JobResult = decided ?? (world.incidents[incident.slot].misplaced ? .noTrace
            : outcomes.chance(type.prisonerShare) ? .oneDetained : JobResult(rawValue: resultChoice[typeIndex].pick(outcomes.unit()))!)
        radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .result(result)))
        unitCleared(unit, incident, result: result)
        if decided == nil { jobDone(incident) }
        closeIfFinished(incident)
        if result == .oneDetained && decided == nil {
            statusChanged(unit, .prisonerEscort)
            radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .stateUpdate(.prisonerEscort)))
            schedule(.custodyEnds, of: unit, at: now + max(config.custody.sample(&durations), 0))
        } else {
            becomeFree(unit)
        }
    }

    /// The job's result is in: no more units are wanted, and the engine stands down those of
    /// its areas still on the way (the others at scene finish in their own time, and report
    /// the same result).
    private func jobDone(_ incident: IncidentID) {
        guard let record = world.incident(incident) else { return }
        if record.unitsWanted > 0 { emit(.unitsNotNeeded(incident)) }
        // Most jobs have one unit: nobody else to stand down. The others are among its visits
        // (not a scan of every unit); the engine's area read from its table, not the scenario.
        guard record.unitsAttached > 0, let dispatcher,
              dispatcher.leaveToPerson.isEmpty || placeArea.isEmpty || !dispatcher.leaveToPerson.contains(placeArea[Int(record.place)]) else { return }
        for visit in world.visits(of: incident) where world.units[Int(visit.unit)].incident == incident && world.units[Int(visit.unit)].status == .enRoute {
            let other = visit.unit
            radio(Transmission(unit: other, incident: incident, direction: .fromControl, message: .standDown))
            emit(.unitStoodDown(other, incident))
            becomeFree(other)
        }
    }

    func closeIfFinished(_ incident: IncidentID) {
        guard let record = world.incident(incident), record.unitsAttached == 0, record.unitsWanted == 0 else { return }
        let reclassify = outcomes.chance(types[Int(record.type)].reclassifyShare)
        let closingType = reclassify ? Int32(typeChoice.pick(outcomes.unit())) : record.type
        incidentClosed(incident, closingType: closingType, result: record.result)
    }

    func custodyEnds(_ unit: UnitIndex) {
        if let station = unitRules[Int(unit)].station {
            emit(.unitMoved(unit, to: config.stations[station].position))
        }
        radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .prisonerInCustody))
        becomeFree(unit)
    }

    /// A unit finished with a job: off duty if its shift is over, on refreshments if owed, else
    /// back on patrol and available.
    func becomeFree(_ unit: UnitIndex) {
        let state = world.units[Int(unit)]
        if !state.onDuty {
            statusChanged(unit, .offDuty)
            radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .bookingOff))
        } else if state.refsOwed > 0, now >= state.refsFrom, now + state.refsOwed < state.shiftEndsAt, mayTakeBreak(unit) {
            goOnRefreshments(unit)
        } else {
            // Owed a break the floor cannot spare now: looked at again while the unit is free.
            if state.refsOwed > 0, now >= state.refsFrom, now + Self.breakRetry + state.refsOwed < state.shiftEndsAt {
                schedule(.refreshmentsDue(unit), at: now + Self.breakRetry)
            }
            statusChanged(unit, .onPatrol)
            radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .stateUpdate(.onPatrol)))
        }
    }

    /// Back from being out of service (scripted).
    func backInService(_ unit: UnitIndex) {
        guard world.units[Int(unit)].status == .committedNotDeployable else { return }
        radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .bookingOn))
        becomeFree(unit)
    }

    // MARK: Refreshments

    /// A break is due: taken now if the floor allows, else, for a free unit, looked at again in
    /// 10 minutes for as long as it still fits before the end of the shift (a unit on a job
    /// looks when it comes free).
    func refreshmentsDue(_ unit: UnitIndex) {
        let state = world.units[Int(unit)]
        guard state.onDuty, state.refsOwed > 0, state.status.isAvailable else { return }
        if now + state.refsOwed < state.shiftEndsAt, mayTakeBreak(unit) {
            goOnRefreshments(unit)
        } else if now + Self.breakRetry + state.refsOwed < state.shiftEndsAt {
            schedule(.refreshmentsDue(unit), at: now + Self.breakRetry)
        }
    }

    static let breakRetry = 10 * Clock.minute

    /// Breaks staggered as a control room manages them: none while a grade 1 or an officer's
    /// emergency in the unit's area waits for a unit, and no more than a third of the area's
    /// free units on a break at once (one at least, so that a small area still eats).
    func mayTakeBreak(_ unit: UnitIndex) -> Bool {
        let area = unitArea[Int(unit)]
        // The counts first: they are kept as units change state, so this costs nothing.
        let free = Int(world.freeInArea[area]), onBreak = Int(world.onBreakInArea[area])
        guard onBreak < max(1, (free + onBreak) / 3) else { return false }
        let mapped = !config.places.isEmpty
        func inArea(_ id: IncidentID) -> Bool {
            guard world.isOpen(id) else { return false }
            let record = world.incidents[id.slot]
            return record.unitsWanted > 0 && (!mapped || placeArea[Int(record.place)] == area)
        }
        return !world.dispatchQueues[0].contains(where: inArea)
            && !world.urgent.contains(where: { inArea($0) && world.incidents[$0.slot].assisting != nil })
    }

    func goOnRefreshments(_ unit: UnitIndex) {
        let owed = world.units[Int(unit)].refsOwed
        if let station = unitRules[Int(unit)].station {
            emit(.unitMoved(unit, to: config.stations[station].position))
        }
        statusChanged(unit, .refreshments)
        radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .onRefreshments))
        emit(.refreshmentsTaken(unit))
        schedule(.refreshmentsEnd, of: unit, at: now + owed)
    }

    func refreshmentsEnd(_ unit: UnitIndex) {
        emit(.refreshmentsTaken(unit))
        becomeFree(unit)
    }

    // MARK: At scene

    func backupCall(_ unit: UnitIndex) {
        // Backup is for a job still going: once its result is in, the officers are finishing.
        guard let incident = world.units[Int(unit)].incident, world.units[Int(unit)].status == .atScene,
              world.incidents[incident.slot].result == nil else { return }
        radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .backupRequested))
        emit(.unitsRequested(incident, count: 1, urgent: true))
    }

    func emergencyPress(_ unit: UnitIndex) {
        guard world.units[Int(unit)].incident != nil, world.units[Int(unit)].status == .atScene else { return }
        raiseUrgentAssistance(unit)
        let over = Distribution.lognormal(median: 8 * Clock.minute, p90: 20 * Clock.minute).sample(&durations)
        schedule(.emergencyOver, of: unit, at: now + over)
    }

    /// The officer is safe: back to the job (or free, if the button was pressed away from one);
    /// the urgent assistance closes once a unit has reached them.
    func emergencyOver(_ unit: UnitIndex) {
        defer { if let assistance = urgentAssistance(for: unit) { closeAssistanceIfDone(assistance) } }
        guard let incident = world.units[Int(unit)].incident else {
            // A button pressed away from any job (scripted): cancelled, and the officer is free.
            guard world.units[Int(unit)].status == .emergency else { return }
            radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .urgentAssistanceCancelled))
            becomeFree(unit)
            return
        }
        radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .urgentAssistanceCancelled))
        statusChanged(unit, .atScene)
        // The button's timers went stale with it: the welfare checks start again from now.
        if world.units[Int(unit)].welfareDueAt != nil { scheduleWelfare(unit, on: incident) }
        let type = types[Int(world.incidents[incident.slot].type)]
        let rest = max(type.onScene.sample(&durations) / 2, 0)
        schedule(.clears, of: unit, at: now + rest)
    }

    /// Sets when the unit at scene is next due a check: the policy's interval, shorter for a
    /// single-crewed officer or a violent incident.
    func scheduleWelfare(_ unit: UnitIndex, on incident: IncidentID) {
        let policy = config.welfare
        guard policy.enabled else { return }
        var interval = policy.interval
        if unitRules[Int(unit)].crew == 1 { interval = min(interval, policy.singleCrewed) }
        if let record = world.incident(incident), types[Int(record.type)].violent { interval = min(interval, policy.violent) }
        emit(.welfareChecked(unit, next: now + interval))
        schedule(.welfareDue, of: unit, at: now + interval)
    }

    /// The unit answers "received" a few seconds later.
    func reply(from unit: UnitIndex) {
        schedule(.unitReplies(unit), at: now + 4 * Clock.second + SimTime(replies.unit() * 8_000))
    }

    // MARK: Booked by control

    /// Stands a unit down from an incident: it comes free. An incident left with nobody on it and
    /// nobody wanted goes back to waiting for a unit, so it is never lost; close it if it is done.
    func standDown(_ unit: UnitIndex, from incident: IncidentID) throws(CommandRefusal) {
        _ = try existingUnit(unit)
        let record = try liveIncident(incident)
        let state = world.units[Int(unit)]
        guard state.incident == incident else { throw .unitNotOnIncident }
        guard state.status != .emergency else { throw .unitNotAvailable(.emergency) }
        radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .standDown))
        emit(.unitStoodDown(unit, incident))
        if record.unitsAttached == 1 && record.unitsWanted == 0 && record.result == nil {
            emit(.unitsRequested(incident, count: 1, urgent: false))
        }
        // Its result in and nobody left on it: done.
        if record.result != nil { closeIfFinished(incident) }
        becomeFree(unit)
    }

    /// A unit this close to the end of its journey is there when it says so.
    public static let nearlyThere: SimTime = Clock.minute

    /// How far a unit on its way still has to go: kilometres and time (nil: not on its way).
    public func stillToGo(_ unit: UnitIndex) -> (km: Double, time: SimTime)? {
        guard world.units.indices.contains(Int(unit)) else { return nil }
        let state = world.units[Int(unit)]
        guard state.status == .enRoute || state.status == .atScene, state.incident != nil, state.arrivesAt > now else { return nil }
        return (state.position(at: now, roads: config.roads).distance(to: state.destination), state.arrivesAt - now)
    }

    /// Undoes a send made in error: the unit is told to disregard, the send is withdrawn from the
    /// record (and its arrival, if it got there), and the unit is free where it is.
    func withdrawSend(_ unit: UnitIndex, from incident: IncidentID) throws(CommandRefusal) {
        _ = try existingUnit(unit)
        _ = try liveIncident(incident)
        let state = world.units[Int(unit)]
        guard state.incident == incident else { throw .unitNotOnIncident }
        guard state.status != .emergency else { throw .unitNotAvailable(.emergency) }
        radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .disregard))
        emit(.sendWithdrawn(unit, incident))
        // Never left with nobody on it and nobody wanted: it waits for a unit again, or, its
        // result in, it is done.
        if let record = world.incident(incident), record.unitsAttached == 0, record.unitsWanted == 0, record.grade.deploys {
            if record.result == nil { emit(.unitsRequested(incident, count: 1, urgent: false)) } else { closeIfFinished(incident) }
        }
        becomeFree(unit)
    }

    /// Undoes a unit booked at scene in error: back on its way, arriving when its journey ends.
    func withdrawArrival(_ unit: UnitIndex, from incident: IncidentID) throws(CommandRefusal) {
        _ = try existingUnit(unit)
        _ = try liveIncident(incident)
        let state = world.units[Int(unit)]
        guard state.incident == incident else { throw .unitNotOnIncident }
        guard state.status == .atScene else { throw .notBookedAtScene }
        // Booked early (its arrival still to come) or there already: either way the booking, and
        // any arrival it counted, is withdrawn, and its journey ends when it was going to.
        let due = max(state.arrivesAt, now + Clock.second)
        emit(.arrivalWithdrawn(unit, incident, dueAt: due))
        statusChanged(unit, .enRoute)
        // Control's correction, not the unit's word: the unit never said it.
        radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .stateCorrected(.enRoute)))
        schedule(.arrives, of: unit, at: due)
    }

    /// A status booked on a unit's behalf. Only moves a unit could really make are allowed;
    /// shifts, refreshments and emergencies have commands of their own or come from the unit.
    func setStatus(_ unit: UnitIndex, _ status: UnitStatus) throws(CommandRefusal) {
        let state = try onDutyUnit(unit)
        let from = state.status
        guard from != status else { throw .statusNotAllowed(from: from, to: status) }
        let free: Set<UnitStatus> = [.onDuty, .onPatrol, .atStation]
        let busyWithoutJob: Set<UnitStatus> = [.committedDeployable, .committedNotDeployable, .atCourt]
        switch (from, status) {
        case (.enRoute, .atScene):
            radio(Transmission(unit: unit, incident: state.incident, direction: .toControl, message: .stateUpdate(.atScene)))
            if let incident = state.incident, state.arrivesAt - now > Self.nearlyThere {
                // Booked at scene while its journey has a way to go (the dispatcher confirmed):
                // it shows at scene, and it attends when it gets there.
                emit(.arrivalBooked(unit, incident, dueAt: state.arrivesAt))
                statusChanged(unit, .atScene)
            } else {
                // There, or as good as: the arrival happens now.
                unitArrives(unit, announced: true)
            }
        case (.atScene, let to) where free.contains(to):
            // Clear from the job with nothing to report: as if stood down.
            guard let incident = state.incident else { throw .statusNotAllowed(from: from, to: status) }
            try standDown(unit, from: incident)
            if world.units[Int(unit)].status != to, world.units[Int(unit)].status.isAvailable {
                statusChanged(unit, to)
            }
        case (let f, let to) where (free.contains(f) || busyWithoutJob.contains(f)) && (free.contains(to) || busyWithoutJob.contains(to)):
            statusChanged(unit, to)
            radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .stateUpdate(to)))
        default:
            throw .statusNotAllowed(from: from, to: status)
        }
    }
}
