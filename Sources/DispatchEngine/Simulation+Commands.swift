/// Commands: the person's actions and every command any operator gives, checked against the
/// world and refused (changing nothing) or turned into events.
extension Simulation {
    /// Does what the person at the console asked, then tells the action observers (also when it
    /// is refused: the record shows what was tried). `by`: the person's name on a floor of many
    /// consoles (nil: the one person of a console of its own); while the observers are told,
    /// `performing` names them.
    /// Records an action the floor refused for the person's seat: the world is not touched, but
    /// the record (every action observer, the journal) has it, refused, with why.
    public func refuseForSeat(_ action: OperatorAction, by name: String?, _ why: String) {
        begin()
        let at = mark
        performing = name
        defer { performing = nil }
        for observer in actionObservers { observer(action, at, .seat(why)) }
    }

    public func perform(_ action: OperatorAction, by name: String? = nil) throws(CommandRefusal) {
        begin()
        let at = mark
        let person = personIndex(name)
        performing = name
        defer { performing = nil }
        do {
            switch action {
            case .command(let command): try execute(command, by: .person(person))
            case .dispatchSeat(let areas): seatDispatcher(areas.map(Set.init))
            case .alertsSeen, .tookSeat, .leftSeat, .clock, .roster: break
            case .mark(let text), .askedFirst(let text): _ = try Self.checked(text)
            case .inject(let cue):
                let before = self.actor
                self.actor = .person(person)
                defer { self.actor = before }
                try inject(cue)
                settleDispatch()
            }
        } catch {
            for observer in actionObservers { observer(action, at, error) }
            throw error
        }
        for observer in actionObservers { observer(action, at, nil) }
    }

    /// Names the console's one person (the trainee, or the account's name): their actions and
    /// events carry it, as a floor's people carry theirs.
    public func nameConsolePerson(_ name: String) {
        people[0] = name
    }

    /// A person's place by name, given one the first time they act (nil: the console's one person).
    public func personIndex(_ name: String?) -> PersonIndex {
        guard let name else { return 0 }
        if let i = people.firstIndex(of: name) { return i }
        people.append(name)
        return people.count - 1
    }

    /// Seats the person as dispatcher of `areas` (empty: all), or gives dispatching back to the
    /// engine (nil). The engine's dispatcher picks up whatever is waiting at once.
    public func seatDispatcher(_ areas: Set<Int>?) {
        if let areas, areas.isEmpty {
            dispatcher = nil
        } else {
            var engine = dispatcher ?? AutomatedDispatcher(policy: config.dispatch)
            engine.leaveToPerson = areas ?? []
            dispatcher = engine
            engineTakesOver()
        }
    }

    /// Carries out a command, or refuses it and changes nothing. `actor`: who asks (the person at
    /// the console unless an automated operator says otherwise).
    public func execute(_ command: Command, by actor: Actor = .you) throws(CommandRefusal) {
        let before = self.actor
        self.actor = actor
        defer { self.actor = before }
        try carryOut(command)
        if case .person(let person) = actor {
            workload.personActed(person)
            // An incident the person created, reopened or regraded wants units now: the engine's
            // dispatcher (of areas no person dispatches) acts at once, not at the next timer,
            // which in a quiet scripted scenario can be minutes away.
            switch command {
            case .decideCall, .reopen, .regrade: settleDispatch()
            default: break
            }
        }
    }

    private func carryOut(_ command: Command) throws(CommandRefusal) {
        switch command {
        case let .assign(unit, incident):
            try checkAssignable(unit, to: incident, divert: false)
            send(unit, to: incident, diverting: false)
        case let .divert(unit, incident):
            try checkAssignable(unit, to: incident, divert: true)
            send(unit, to: incident, diverting: true)
        case let .stack(incident, reason):
            let record = try liveIncident(incident)
            guard record.grade.deploys else { throw .incidentNeedsNoUnits }
            // A person's reason is checked against the board: the record must not say what was not so.
            if case .person = actor, !config.dispatch.legacy {
                if reason == .noUnitAvailable {
                    let free = suitableFree(for: incident)
                    if !free.isEmpty { throw .suitableUnitsFree(Array(free.prefix(5))) }
                }
                if reason == .awaitingSpecialist, !needsSpecialist(record) { throw .noSpecialistNeeded }
            }
            // The automated dispatcher records the first time only; a person may give a reason.
            // (Revision 2: a reason said again is not a new line; a new reason is.)
            if config.dispatch.legacy ? (!record.stacked || reason != .noUnitAvailable) : record.stackReason != reason {
                emit(.incidentStacked(incident, reason: reason))
            }
        case let .stackUntil(incident, until):
            let record = try liveIncident(incident)
            guard record.grade.deploys else { throw .incidentNeedsNoUnits }
            guard until > now else { throw .timeNotAhead }
            // "Ring me back later" is within a week, never a time past any clock.
            guard until - now <= 7 * Clock.day else { throw .timeTooFar }
            emit(.incidentStacked(incident, reason: .callerRequestedLater))
            emit(.incidentDeferred(incident, until: until))
            schedule(.deferralEnds(incident), at: until)
        case let .reopen(reference, type, grade, place):
            try reopen(reference, type: type, grade: grade, place: place)
        case let .annotate(reference, text):
            guard reference > 0, reference < nextReference else { throw .noSuchReference }
            emit(.referenceNoted(reference: reference, text: try Self.checked(text)))
        case let .standDown(unit, incident):
            try standDown(unit, from: incident)
        case let .withdrawSend(unit, incident):
            try withdrawSend(unit, from: incident)
        case let .withdrawArrival(unit, incident):
            try withdrawArrival(unit, from: incident)
        case let .reattach(unit, incident, atScene):
            try checkAssignable(unit, to: incident, divert: false)
            send(unit, to: incident, diverting: false)
            if atScene { unitArrives(unit, announced: true) }
        case let .regrade(incident, grade):
            let record = try liveIncident(incident)
            guard grade.deploys else { throw .gradeFourIsAClosure }
            guard grade != record.grade else { throw .sameGrade }
            emit(.incidentRegraded(incident, grade: grade))
            if record.unitsWanted > 0 { newlyWanting.append(incident) }
        case let .relocate(incident, place):
            let record = try liveIncident(incident)
            guard config.places.indices.contains(Int(place)) else { throw .noSuchPlace }
            guard place != record.place else { throw .samePlace }
            emit(.incidentRelocated(incident, place: place))
            for u in world.units.indices where world.units[u].incident == incident {
                radio(Transmission(unit: UnitIndex(u), incident: incident, direction: .fromControl, message: .locationChanged))
            }
        case let .inform(incident, agency):
            _ = try liveIncident(incident)
            guard !world.informed(incident, agency) else { throw .alreadyInformed }
            emit(.agencyInformed(incident, agency: agency, reference: partnerReference(agency)))
        case let .addNote(incident, text):
            _ = try liveIncident(incident)
            emit(.noteAdded(incident, text: try Self.checked(text)))
        case let .close(incident, closingType, result):
            let record = try liveIncident(incident)
            guard config.incidentTypes.indices.contains(Int(closingType)) else { throw .noSuchIncidentType }
            guard record.unitsAttached == 0 else { throw .unitsStillAttached }
            emit(.incidentClosed(incident, closingType: closingType, result: result))
        case let .link(duplicate, kept):
            try link(duplicate, into: kept)
        case let .passWarnings(incident):
            let record = try liveIncident(incident)
            guard record.hasWarnings else { throw .noWarnings }
            let onIt = world.units.indices.filter { world.units[$0].incident == incident }
            guard !onIt.isEmpty else { throw .noUnitsOnIncident }
            for u in onIt {
                radio(Transmission(unit: UnitIndex(u), incident: incident, direction: .fromControl, message: .warnings))
                emit(.warningsPassed(incident, unit: UnitIndex(u)))
                reply(from: UnitIndex(u))
            }
        case let .message(unit, text):
            let state = try onDutyUnit(unit)
            radio(Transmission(unit: unit, incident: state.incident, direction: .fromControl,
                                     message: .text(try Self.checked(text))))
            reply(from: unit)
        case let .acknowledgeEmergency(unit):
            guard let pending = world.pendingEmergencies.first(where: { $0.unit == unit }) else { throw .noEmergency }
            radio(Transmission(unit: unit, incident: pending.incident, direction: .fromControl, message: .emergencyAcknowledged))
            emit(.emergencyAcknowledged(unit))
        case let .startRefreshments(unit):
            let state = try onDutyUnit(unit)
            guard state.status.isAvailable else { throw .unitNotAvailable(state.status) }
            guard state.refsOwed > 0 else { throw .noRefreshmentsOwed }
            goOnRefreshments(unit)
        case let .endRefreshments(unit):
            guard try existingUnit(unit).status == .refreshments else { throw .notOnRefreshments }
            emit(.refreshmentsTaken(unit))   // cancels the break's timer
            becomeFree(unit)
        case let .welfareCheck(unit):
            let state = try existingUnit(unit)
            guard state.status == .atScene, let incident = state.incident else { throw .notAtScene }
            radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .welfareCheck))
            scheduleWelfare(unit, on: incident)
            schedule(.unitAllInOrder(unit), at: now + 3 * Clock.second + SimTime(replies.unit() * 6_000))
        case let .setStatus(unit, status):
            try setStatus(unit, status)
        case .seatCallHandler, .answerNext, .takeContact, .switchContact, .decideCall, .leaveCallHandlerSeat, .releaseCallHandlerSeat, .keepLine, .callBack, .ringBack, .noteCall, .endCall, .reassure, .replyToChat:
            try carryOutCallHandling(command)
        }
    }

    /// A closed incident opened again: under its own reference, with the type, grade and place
    /// its record last had, wanting a unit if its grade deploys.
    func reopen(_ reference: Int64, type: Int32, grade: Grade, place: Int32) throws(CommandRefusal) {
        guard reference > 0, reference < nextReference else { throw .noSuchReference }
        guard world.handle(forReference: reference) == nil else { throw .incidentStillOpen }
        guard config.incidentTypes.indices.contains(Int(type)) else { throw .noSuchIncidentType }
        guard config.places.isEmpty ? place == 0 : config.places.indices.contains(Int(place)) else { throw .noSuchPlace }
        let handle = world.incidents.nextHandle()
        let id = IncidentID(slot: handle.slot, generation: handle.generation)
        emit(.incidentReopened(id, IncidentOpening(reference: reference, type: type, grade: grade, place: place,
                                                   line: .nonEmergency, callNumber: 0,
                                                   unitsNeeded: grade.deploys ? 1 : 0)))
    }

    /// A duplicate joined to the incident it duplicates: its callers count there, each unit on it
    /// is stood down from it and sent on to the kept one (already there if it was at scene at the
    /// same place), and it closes as a duplicate under its own type.
    func link(_ duplicate: IncidentID, into kept: IncidentID) throws(CommandRefusal) {
        let record = try liveIncident(duplicate)
        let keep = try liveIncident(kept)
        guard duplicate != kept else { throw .sameIncident }
        guard record.assisting == nil, keep.assisting == nil else { throw .assistanceNotLinked }
        let onIt = world.units.indices.filter { world.units[$0].incident == duplicate }.map { UnitIndex($0) }
        // A unit in its own emergency stays where it is: that is dealt with first.
        if let u = onIt.first(where: { world.units[Int($0)].status == .emergency }) { throw .unitNotAvailable(world.units[Int(u)].status) }
        emit(.incidentLinked(duplicate, into: kept))
        for unit in onIt {
            let there = world.units[Int(unit)].status == .atScene && record.place == keep.place
            radio(Transmission(unit: unit, incident: kept, direction: .fromControl, message: .linked(reference: keep.reference)))
            emit(.unitStoodDown(unit, duplicate))
            // A unit the kept incident could not have (a PCSO to a grade 1, no firearms to a
            // firearms job) comes free instead.
            let suits = keep.grade.deploys && unsuitability(unit, for: keep.type) == nil
                && !(unitRules[Int(unit)].isPCSO && keep.grade < .scheduled)
            if suits {
                send(unit, to: kept, diverting: false)
                if there { unitArrives(unit, announced: true) }
            } else {
                becomeFree(unit)
            }
        }
        emit(.incidentClosed(duplicate, closingType: record.type, result: .duplicate))
    }

    // MARK: Guards shared by the commands

    /// The open incident, or the refusal a closed (or never opened) one gets.
    func liveIncident(_ id: IncidentID) throws(CommandRefusal) -> Incident {
        guard let record = world.incident(id) else { throw .incidentNotOpen }
        return record
    }

    /// The unit, if the scenario has one by that index.
    func existingUnit(_ unit: UnitIndex) throws(CommandRefusal) -> Unit {
        guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
        return world.units[Int(unit)]
    }

    /// The unit, if it exists and is on duty.
    func onDutyUnit(_ unit: UnitIndex) throws(CommandRefusal) -> Unit {
        let state = try existingUnit(unit)
        guard state.status != .offDuty else { throw .unitOffDuty }
        return state
    }

    /// A person's call-handling seat (on duty, if asked).
    func personsSeat(_ handler: HandlerIndex, onDuty: Bool = false) throws(CommandRefusal) -> CallHandler {
        guard handler >= 0, Int(handler) < world.handlers.count, world.handlers[Int(handler)].isPerson,
              !onDuty || world.handlers[Int(handler)].onDuty else { throw .notAPersonsSeat }
        return world.handlers[Int(handler)]
    }

    /// The call the person at `handler` is on.
    func personsCall(_ handler: HandlerIndex) throws(CommandRefusal) -> (CallID, Call) {
        guard let id = try personsSeat(handler).call, let call = world.call(id) else { throw .handlerHasNoCall }
        return (id, call)
    }

    /// Free text (a note, a message) trimmed; refused if empty or over 500 characters.
    static func checked(_ text: String) throws(CommandRefusal) -> String {
        let cleaned = text.trimmedOfSpaces
        guard !cleaned.isEmpty, cleaned.count <= 500 else { throw .badText }
        return cleaned
    }

    /// An assessment with its text trimmed; each line at most 500 characters.
    static func checked(_ assessment: Assessment) throws(CommandRefusal) -> Assessment {
        var a = assessment
        a.thrive = a.thrive.map(\.trimmedOfSpaces)
        a.caller = a.caller.trimmedOfSpaces
        a.narrative = a.narrative.trimmedOfSpaces
        guard a.thrive.count <= 6, (a.thrive + [a.caller, a.narrative]).allSatisfy({ $0.count <= 500 }) else { throw .badText }
        return a
    }

    // MARK: Suitability

    /// Whether `unit` may be sent to `incident`.
    public func checkAssignable(_ unit: UnitIndex, to incident: IncidentID, divert: Bool) throws(CommandRefusal) {
        if let refusal = refusal(unit, to: incident, divert: divert) { throw refusal }
    }

    /// Why `unit` may not be sent to `incident`, or nil if it may.
    func refusal(_ unit: UnitIndex, to incident: IncidentID, divert: Bool) -> CommandRefusal? {
        guard unit >= 0, Int(unit) < world.units.count else { return .noSuchUnit }
        guard let target = world.incident(incident) else { return .incidentNotOpen }
        let state = world.units[Int(unit)]
        guard state.status != .offDuty else { return .unitOffDuty }
        if state.incident == incident { return .unitAlreadyOnIncident }
        guard target.grade.deploys else { return .incidentNeedsNoUnits }
        // An officer's emergency is its own kind: any officer goes to them (not a PCSO, below),
        // whatever the job they were on needed.
        if target.assisting == nil, let unsuitable = unsuitability(unit, for: target.type) { return unsuitable }
        if unitRules[Int(unit)].isPCSO && target.grade < .scheduled { return .pcsoToUrgentGrade }
        if target.assisting == unit { return .unitAlreadyOnIncident }
        if divert {
            guard let current = state.incident, let job = world.incident(current), state.status.isOnIncident
            else { return .notOnAJob }
            // An officer's emergency comes before any job but another officer's emergency.
            if target.assisting != nil { return job.assisting == nil ? nil : .notLowerGrade }
            guard job.grade > target.grade else { return .notLowerGrade }
        } else {
            // A break is interrupted (and owed) for a grade 1 or an officer's emergency.
            let interruptible = state.status == .refreshments && (target.grade == .immediate || target.assisting != nil)
            guard state.status.isAvailable || interruptible else { return .unitNotAvailable(state.status) }
        }
        return nil
    }

    /// Whether the unit's kind and skills suit an incident type: PCSOs never to violence, and the
    /// skills the type requires.
    func unsuitability(_ unit: UnitIndex, for type: Int32) -> CommandRefusal? {
        Self.unsuitability(of: unitRules[Int(unit)], for: types[Int(type)])
    }

    static func unsuitability(of unit: UnitRules, for type: TypeRules) -> CommandRefusal? {
        if type.violent && !unit.attendsViolence { return .pcsoToViolence }
        let missing = type.requires.subtracting(unit.skills)
        return missing.isEmpty ? nil : .lacksSkills(missing)
    }

    /// Whether the unit may attend the type: `unsuitability` is nil (a table lookup).
    func suits(_ unit: UnitIndex, _ type: Int32) -> Bool {
        suitability[Int(type) * unitRules.count + Int(unit)]
    }
}
