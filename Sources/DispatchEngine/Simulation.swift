import Collections

/// Runs a world forward in simulated time: keeps the timers, draws what happens when one is due,
/// and turns it into events. Automated roles (call handling and dispatch for now) act through the
/// same commands a person has.
public final class Simulation {
    public let world: World
    public let config: WorldConfig
    public private(set) var statistics: Statistics
    /// Called with every event after it is applied (console, journal, tests).
    public var observers: [(SimTime, Event) -> Void] = []
    /// The automated dispatcher; nil when a person dispatches.
    public var dispatcher: AutomatedDispatcher?
    /// Who is causing the events being emitted now (observers read it: the journal records it).
    public private(set) var actor: Actor = .world
    public private(set) var workload = Workload()
    /// Called after each of the person's actions with where in the run it was taken and the
    /// refusal, if any (the journal makes it durable before the console acknowledges it).
    public var actionObservers: [(OperatorAction, RunMark, CommandRefusal?) -> Void] = []
    /// Happenings run so far: with the clock, where in the run an action was taken.
    public private(set) var happeningsRun: UInt64 = 0

    private var timers = Heap<Happening>()
    private var sequence: UInt64 = 0
    var demand: Demand
    /// Durations that depend on what happens (travel, time at scene, custody).
    private var durations: RandomStream
    /// Outcomes of jobs (prisoner, backup, emergency, result, closing code).
    private var outcomes: RandomStream
    /// How long units take to answer control: its own stream, so what people say on the radio
    /// never shifts the night's travel and job times.
    private var replies: RandomStream
    /// When the next call rings on each line (SimTime.max: never). Kept out of the timer heap:
    /// there is always exactly one per line.
    var nextArrival: [SimTime] = [.max, .max]
    var nextCallNumber: Int64 = 1
    /// What the script has set going: its calls' incidents, answers and attendance.
    var scripted: ScriptState
    private var nextReference: Int64 = 1
    /// What changed for the automated dispatcher since it last acted.
    private var newlyWanting: [IncidentID] = []
    private var newlyFree: [UnitIndex] = []
    private var wantingNow: [IncidentID] = []
    private var freedNow: [UnitIndex] = []
    private let resultChoice: [WeightedChoice]
    private let typeChoice: WeightedChoice
    let travel: TravelEstimator
    /// The incident types' rules without their names and tables: read on every job, so kept free
    /// of reference-counted fields.
    let types: [TypeRules]
    /// relatedTypes[a][b]: a caller describing type a may be reporting an incident of type b.
    let relatedTypes: [[Bool]]

    public var now: SimTime { world.now }
    /// Where the run is now.
    public var mark: RunMark { RunMark(step: happeningsRun, time: world.now) }

    public init(config: WorldConfig) {
        world = World(config: config)
        self.config = config
        types = config.incidentTypes.map(TypeRules.init)
        relatedTypes = relatedTypeTable(config.incidentTypes)
        statistics = Statistics(config: config)
        demand = Demand(config: config)
        durations = RandomStream(seed: config.seed, stream: 10)
        outcomes = RandomStream(seed: config.seed, stream: 11)
        replies = RandomStream(seed: config.seed, stream: 12)
        resultChoice = config.incidentTypes.map { WeightedChoice($0.results) }
        typeChoice = WeightedChoice(config.incidentTypes.map(\.share))
        travel = TravelEstimator(config: config)
        dispatcher = AutomatedDispatcher(policy: config.dispatch)
        scripted = ScriptState(calls: config.script.calls.count, cues: config.script.cues.count)
        start()
    }

    // MARK: Running

    /// Runs everything due up to and including `time`, then sets the clock to `time`.
    public func advance(to time: SimTime) {
        while let due = nextDue(), due <= time {
            runNext()
        }
        if time > world.now { world.advanceClock(to: time) }
    }

    /// When the next thing happens: the next call on either line or the first timer.
    private func nextDue() -> SimTime? {
        let arrival = min(nextArrival[0], nextArrival[1])
        let timer = timers.min?.time ?? .max
        let next = min(arrival, timer)
        return next == .max ? nil : next
    }

    /// Runs the next thing due. A call ringing comes before a timer due at the same millisecond,
    /// and 999 before 101, so ties always resolve the same way.
    private func runNext() {
        actor = .world
        happeningsRun += 1
        let timer = timers.min?.time ?? .max
        if nextArrival[0] <= timer || nextArrival[1] <= timer {
            let line: Line = nextArrival[0] <= nextArrival[1] ? .emergency : .nonEmergency
            world.advanceClock(to: nextArrival[line.rawValue])
            callArrives(on: line)
        } else {
            let happening = timers.removeMin()
            world.advanceClock(to: happening.time)
            handle(happening)
        }
        settleDispatch()
    }

    /// Lets the automated dispatcher act on what changed. Acting can change things again (a
    /// diverted unit leaves a job wanting a unit): repeat until the floor is settled. Buffers are
    /// swapped, not copied, to keep this free of allocation.
    private func settleDispatch() {
        while !newlyWanting.isEmpty || !newlyFree.isEmpty {
            swap(&newlyWanting, &wantingNow)
            swap(&newlyFree, &freedNow)
            dispatcher?.dispatch(self, wanting: wantingNow, freed: freedNow)
            wantingNow.removeAll(keepingCapacity: true)
            freedNow.removeAll(keepingCapacity: true)
        }
    }

    /// Runs exactly the happenings a recorded run had run by `mark`, then sets the clock to it:
    /// an action replayed there meets the world it met when it was taken.
    public func run(to mark: RunMark) {
        while happeningsRun < mark.step, nextDue() != nil { runNext() }
        if mark.time > world.now { world.advanceClock(to: mark.time) }
    }

    /// Runs to the end of the scenario and closes the books.
    public func runToEnd() {
        advance(to: config.duration)
        closeBooks()
    }

    /// Closes the statistics where the run is now (a recorded session ends where it ended).
    public func closeBooks() {
        statistics.finish(world: world)
    }

    /// Runs one pending happening if it is due by `limit`; returns false when nothing is.
    /// Used by the invariant checks, which look at the world after every step.
    public func step(limit: SimTime) -> Bool {
        guard let due = nextDue(), due <= limit else { return false }
        runNext()
        return true
    }

    /// The automated dispatcher has (re)taken a seat: everything waiting in its areas, and every
    /// free unit, is looked at again now.
    public func engineTakesOver() {
        world.compactDispatchQueues()
        for id in world.urgent { newlyWanting.append(id) }
        for queue in world.dispatchQueues { for id in queue { newlyWanting.append(id) } }
        newlyFree.append(contentsOf: world.available)
        settleDispatch()
    }

    // MARK: Commands

    /// Does what the person at the console asked, then tells the action observers (also when it
    /// is refused: the record shows what was tried).
    public func perform(_ action: OperatorAction) throws(CommandRefusal) {
        let at = mark
        do {
            switch action {
            case .command(let command): try execute(command)
            case .dispatchSeat(let areas): seatDispatcher(areas.map(Set.init))
            case .inject(let cue):
                let before = self.actor
                self.actor = .person
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
    public func execute(_ command: Command, by actor: Actor = .person) throws(CommandRefusal) {
        let before = self.actor
        self.actor = actor
        defer { self.actor = before }
        try carryOut(command)
        if actor == .person { workload.personActed() }
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
            guard let record = world.incident(incident) else { throw .incidentNotOpen }
            guard record.grade.deploys else { throw .incidentNeedsNoUnits }
            // The automated dispatcher records the first time only; a person may give a reason.
            if !record.stacked || reason != .noUnitAvailable { emit(.incidentStacked(incident, reason: reason)) }
        case let .standDown(unit, incident):
            try standDown(unit, from: incident)
        case let .regrade(incident, grade):
            guard let record = world.incident(incident) else { throw .incidentNotOpen }
            guard grade.deploys else { throw .gradeFourIsAClosure }
            guard grade != record.grade else { throw .sameGrade }
            emit(.incidentRegraded(incident, grade: grade))
            if record.unitsWanted > 0 { newlyWanting.append(incident) }
        case let .addNote(incident, text):
            guard world.isOpen(incident) else { throw .incidentNotOpen }
            let cleaned = text.trimmedOfSpaces
            guard !cleaned.isEmpty, cleaned.count <= 500 else { throw .badText }
            emit(.noteAdded(incident, text: cleaned))
        case let .close(incident, closingType, result):
            guard let record = world.incident(incident) else { throw .incidentNotOpen }
            guard config.incidentTypes.indices.contains(Int(closingType)) else { throw .noSuchIncidentType }
            guard record.unitsAttached == 0 else { throw .unitsStillAttached }
            emit(.incidentClosed(incident, closingType: closingType, result: result))
        case let .passWarnings(incident):
            guard let record = world.incident(incident) else { throw .incidentNotOpen }
            guard record.hasWarnings else { throw .noWarnings }
            let onIt = world.units.indices.filter { world.units[$0].incident == incident }
            guard !onIt.isEmpty else { throw .noUnitsOnIncident }
            for u in onIt {
                emit(.radio(Transmission(unit: UnitIndex(u), incident: incident, direction: .fromControl, message: .warnings)))
                emit(.warningsPassed(incident, unit: UnitIndex(u)))
                reply(from: UnitIndex(u), about: incident)
            }
        case let .message(unit, text):
            guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
            guard world.units[Int(unit)].status != .offDuty else { throw .unitOffDuty }
            let cleaned = text.trimmedOfSpaces
            guard !cleaned.isEmpty, cleaned.count <= 500 else { throw .badText }
            emit(.radio(Transmission(unit: unit, incident: world.units[Int(unit)].incident, direction: .fromControl,
                                     message: .text(cleaned))))
            reply(from: unit, about: world.units[Int(unit)].incident)
        case let .acknowledgeEmergency(unit):
            guard let pending = world.pendingEmergencies.first(where: { $0.unit == unit }) else { throw .noEmergency }
            emit(.radio(Transmission(unit: unit, incident: pending.incident, direction: .fromControl, message: .emergencyAcknowledged)))
            emit(.emergencyAcknowledged(unit))
        case let .startRefreshments(unit):
            guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
            let state = world.units[Int(unit)]
            guard state.status != .offDuty else { throw .unitOffDuty }
            guard state.status.isAvailable else { throw .unitNotAvailable(state.status) }
            guard state.refsOwed > 0 else { throw .noRefreshmentsOwed }
            goOnRefreshments(unit)
        case let .welfareCheck(unit):
            guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
            let state = world.units[Int(unit)]
            guard state.status == .atScene, let incident = state.incident else { throw .notAtScene }
            emit(.radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .welfareCheck)))
            scheduleWelfare(unit, on: incident)
            schedule(.unitAllInOrder, at: now + 3 * Clock.second + SimTime(replies.unit() * 6_000), subject: unit)
        case let .setStatus(unit, status):
            try setStatus(unit, status)
        case .seatCallHandler:
            emit(.personSeatedAsHandler(HandlerIndex(world.handlers.count)))
        case let .answerNext(handler):
            guard handler >= 0, Int(handler) < world.handlers.count, world.handlers[Int(handler)].isPerson,
                  world.handlers[Int(handler)].onDuty else { throw .notAPersonsSeat }
            guard world.handlers[Int(handler)].call == nil else { throw .handlerBusy }
            guard let id = world.nextCallToAnswer() else { throw .noCallWaiting }
            emit(.callAnswered(id, handler: handler))
            // The call left ringing for this seat is taken: the others may answer what is left.
            answerWaitingCalls()
        case let .decideCall(handler, decision):
            guard handler >= 0, Int(handler) < world.handlers.count, world.handlers[Int(handler)].isPerson else { throw .notAPersonsSeat }
            guard let id = world.handlers[Int(handler)].call, let call = world.call(id) else { throw .handlerHasNoCall }
            try decide(id, call, decision)
        case let .leaveCallHandlerSeat(handler):
            guard handler >= 0, Int(handler) < world.handlers.count, world.handlers[Int(handler)].isPerson,
                  world.handlers[Int(handler)].onDuty else { throw .notAPersonsSeat }
            guard world.handlers[Int(handler)].call == nil else { throw .handlerBusy }
            emit(.personLeftSeat(handler))
            answerWaitingCalls()
        case let .keepLine(handler), let .callBack(handler):
            guard handler >= 0, Int(handler) < world.handlers.count, world.handlers[Int(handler)].isPerson else { throw .notAPersonsSeat }
            guard let id = world.handlers[Int(handler)].call, let call = world.call(id) else { throw .handlerHasNoCall }
            guard call.draw.silent else { throw .notASilentCall }
            if case .keepLine = command {
                if !call.lineKept { emit(.lineKept(id)) }
            } else {
                guard call.calledBack == nil else { throw .alreadyCalledBack }
                emit(.calledBack(id, answered: call.draw.answersCallBack))
            }
        case let .endRefreshments(unit):
            guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
            guard world.units[Int(unit)].status == .refreshments else { throw .notOnRefreshments }
            emit(.refreshmentsTaken(unit))   // cancels the break's timer
            becomeFree(unit)
        }
    }

    /// Carries out a person's decision on a call, checking it first.
    private func decide(_ id: CallID, _ call: Call, _ decision: CallDecision) throws(CommandRefusal) {
        switch decision {
        case let .incident(type, grade, place, assessment):
            try checkTypeAndPlace(type, place)
            let cleaned = try Self.checked(assessment)
            let incident = openIncident(for: call, type: type, grade: grade, place: place, assessment: cleaned)
            emit(.callHandled(id, outcome: .incident, incident: incident))
        case let .duplicate(existing):
            guard world.isOpen(existing) else { throw .incidentNotOpen }
            emit(.callHandled(id, outcome: .duplicate, incident: existing))
        case let .advice(closingType, place):
            try checkTypeAndPlace(closingType, place)
            let incident = openIncident(for: call, type: closingType, grade: .resolution, place: place)
            emit(.callHandled(id, outcome: .advice, incident: incident))
        case let .transfer(agency):
            emit(.callTransferred(id, to: agency))
            emit(.callHandled(id, outcome: .transfer, incident: nil))
        case .noResponse:
            emit(.callHandled(id, outcome: .silentNoResponse, incident: nil))
        }
        answerWaitingCalls()
    }

    private func checkTypeAndPlace(_ type: Int32, _ place: Int32) throws(CommandRefusal) {
        guard config.incidentTypes.indices.contains(Int(type)) else { throw .noSuchIncidentType }
        guard config.places.isEmpty ? place == 0 : config.places.indices.contains(Int(place)) else { throw .noSuchPlace }
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

    /// Stands a unit down from an incident: it comes free. An incident left with nobody on it and
    /// nobody wanted goes back to waiting for a unit, so it is never lost; close it if it is done.
    private func standDown(_ unit: UnitIndex, from incident: IncidentID) throws(CommandRefusal) {
        guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
        guard let record = world.incident(incident) else { throw .incidentNotOpen }
        let state = world.units[Int(unit)]
        guard state.incident == incident else { throw .unitNotOnIncident }
        guard state.status != .emergency else { throw .unitNotAvailable(.emergency) }
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .standDown)))
        emit(.unitStoodDown(unit, incident))
        if record.unitsAttached == 1 && record.unitsWanted == 0 {
            emit(.unitsRequested(incident, count: 1, urgent: false))
        }
        becomeFree(unit)
    }

    /// A status booked on a unit's behalf. Only moves a unit could really make are allowed;
    /// shifts, refreshments and emergencies have commands of their own or come from the unit.
    private func setStatus(_ unit: UnitIndex, _ status: UnitStatus) throws(CommandRefusal) {
        guard unit >= 0, Int(unit) < world.units.count else { throw .noSuchUnit }
        let state = world.units[Int(unit)]
        let from = state.status
        guard from != .offDuty else { throw .unitOffDuty }
        guard from != status else { throw .statusNotAllowed(from: from, to: status) }
        let free: Set<UnitStatus> = [.onDuty, .onPatrol, .atStation]
        let busyWithoutJob: Set<UnitStatus> = [.committedDeployable, .committedNotDeployable, .atCourt]
        switch (from, status) {
        case (.enRoute, .atScene):
            // Arrived sooner than planned: the arrival happens now.
            emit(.radio(Transmission(unit: unit, incident: state.incident, direction: .toControl, message: .stateUpdate(.atScene))))
            unitArrives(unit, announced: true)
        case (.atScene, let to) where free.contains(to):
            // Clear from the job with nothing to report: as if stood down.
            guard let incident = state.incident else { throw .statusNotAllowed(from: from, to: status) }
            try standDown(unit, from: incident)
            if world.units[Int(unit)].status != to, world.units[Int(unit)].status.isAvailable {
                emit(.unitStatusChanged(unit, to))
            }
        case (let f, let to) where (free.contains(f) || busyWithoutJob.contains(f)) && (free.contains(to) || busyWithoutJob.contains(to)):
            emit(.unitStatusChanged(unit, to))
            emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .stateUpdate(to))))
        default:
            throw .statusNotAllowed(from: from, to: status)
        }
    }

    /// Sets when the unit at scene is next due a check: the policy's interval, shorter for a
    /// single-crewed officer or a violent incident.
    private func scheduleWelfare(_ unit: UnitIndex, on incident: IncidentID) {
        let policy = config.welfare
        guard policy.enabled else { return }
        var interval = policy.interval
        if config.units[Int(unit)].crew == 1 { interval = min(interval, policy.singleCrewed) }
        if let record = world.incident(incident), types[Int(record.type)].violent { interval = min(interval, policy.violent) }
        emit(.welfareChecked(unit, next: now + interval))
        schedule(.welfareDue, at: now + interval, subject: unit, tag: world.units[Int(unit)].timer)
    }

    /// The unit answers "received" a few seconds later.
    private func reply(from unit: UnitIndex, about incident: IncidentID?) {
        schedule(.unitReplies, at: now + 4 * Clock.second + SimTime(replies.unit() * 8_000), subject: unit)
    }

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
        if let unsuitable = unsuitability(unit, for: target.type) { return unsuitable }
        if divert {
            guard let current = state.incident, let job = world.incident(current), state.status.isOnIncident
            else { return .notOnAJob }
            guard job.grade > target.grade else { return .notLowerGrade }
        } else {
            guard state.status.isAvailable else { return .unitNotAvailable(state.status) }
        }
        return nil
    }

    /// Whether the unit's kind and skills suit an incident type: PCSOs never to violence, and the
    /// skills the type requires.
    func unsuitability(_ unit: UnitIndex, for type: Int32) -> CommandRefusal? {
        let rules = types[Int(type)]
        let spec = config.units[Int(unit)]
        if rules.violent && !spec.kind.attendsViolence { return .pcsoToViolence }
        let missing = rules.requires.subtracting(spec.skills)
        return missing.isEmpty ? nil : .lacksSkills(missing)
    }

    private func send(_ unit: UnitIndex, to incident: IncidentID, diverting: Bool) {
        let i = Int(unit)
        if diverting, let previous = world.units[i].incident {
            emit(.radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .diverted)))
            emit(.unitDetached(unit, previous))
            emit(.unitsRequested(previous, count: 1, urgent: false))
        }
        let grade = world.incidents[incident.slot].grade
        let place = Int(world.incidents[incident.slot].place)
        let from = world.units[i].position(at: now)
        let to = config.places.isEmpty ? from : config.places[place].position
        let eta = travel.actualTravel(unit: unit, from: from, to: to, grade: grade, rng: &durations)
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .fromControl, message: .deployed(grade: grade))))
        emit(.unitAssigned(unit, incident, eta: eta, from: from, to: to))
        emit(.unitStatusChanged(unit, .enRoute))
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .stateUpdate(.enRoute))))
        schedule(.unitArrives, at: now + eta, subject: unit, tag: world.units[i].timer)
    }

    // MARK: Events

    func emit(_ event: Event) {
        if !scripted.isEmpty { scripted.note(event, world: world) }
        statistics.observe(event, world: world)
        workload.observe(event, world: world, actor: actor)
        world.apply(event)
        switch event {
        case let .incidentCreated(id, opening) where opening.unitsNeeded > 0:
            let decision = config.dispatch.decisionTime
            if decision > 0 {
                schedule(.dispatcherDecides, at: world.now + decision, subject: id.slot, tag: id.generation)
            } else {
                newlyWanting.append(id)
            }
        case let .unitsRequested(id, _, _): newlyWanting.append(id)
        case let .unitStatusChanged(unit, status) where status.isAvailable: newlyFree.append(unit)
        default: break
        }
        if !observers.isEmpty {
            for observer in observers { observer(world.now, event) }
        }
    }

    func schedule(_ kind: Happening.Kind, at time: SimTime, subject: Int32, tag: UInt32 = 0) {
        sequence += 1
        timers.insert(Happening(time: time, sequence: sequence, kind: kind, subject: subject, tag: tag))
    }

    // MARK: Start

    private func start() {
        for line in Line.allCases {
            nextArrival[line.rawValue] = demand.nextArrival(on: line, after: 0) ?? .max
        }
        for (h, handler) in world.handlers.enumerated() {
            startShift(handler.shift, subject: Int32(h), starts: .handlerShiftStarts, ends: .handlerShiftEnds) { _ in
                emit(.handlerSignedOn(HandlerIndex(h)))
            }
        }
        for (i, cue) in config.script.cues.enumerated() {
            schedule(.scriptCue, at: cue.at, subject: Int32(i))
        }
        for (u, spec) in config.units.enumerated() {
            startShift(spec.shift, subject: Int32(u), starts: .unitShiftStarts, ends: .unitShiftEnds) {
                bookOn(UnitIndex(u), endsAt: $0)
            }
        }
    }

    /// Puts someone on duty now if their shift is under way, and sets the timers for the rest.
    private func startShift(_ shift: DailyShift?, subject: Int32, starts: Happening.Kind,
                            ends: Happening.Kind, onDutyNow: (SimTime) -> Void) {
        guard let shift else {
            onDutyNow(.max)
            return
        }
        let timeOfDay = config.calendar.timeOfDay
        let intoShift = ((timeOfDay - shift.start) % Clock.day + Clock.day) % Clock.day
        if intoShift < shift.length {
            onDutyNow(shift.length - intoShift)
            schedule(ends, at: shift.length - intoShift, subject: subject)
        }
        schedule(starts, at: Clock.day - intoShift, subject: subject)
    }

    func bookOn(_ unit: UnitIndex, endsAt: SimTime) {
        let spec = config.units[Int(unit)]
        let home = spec.station.map { config.stations[$0].position } ?? world.units[Int(unit)].destination
        let refs = config.refreshments ? (spec.shift?.refreshmentAllowance ?? 0) : 0
        emit(.unitShiftStarted(unit, endsAt: endsAt, refs: refs, at: home))
        emit(.unitStatusChanged(unit, spec.station == nil ? .onDuty : .atStation))
        if refs > 0 { schedule(.refreshmentsDue, at: world.units[Int(unit)].refsFrom, subject: unit) }
    }

    // MARK: Happenings

    private func handle(_ h: Happening) {
        switch h.kind {
        case .callerHangsUp:
            let id = CallID(slot: h.subject, generation: h.tag)
            if let call = world.call(id), call.state == .waiting { emit(.callAbandoned(id)) }
        case .handlingEnds: handlingEnds(CallID(slot: h.subject, generation: h.tag))
        case .unitArrives: if unitTimerValid(h) { unitArrives(h.subject) }
        case .unitClears: if unitTimerValid(h) { unitClears(h.subject) }
        case .custodyEnds: if unitTimerValid(h) { custodyEnds(h.subject) }
        case .refreshmentsDue: refreshmentsDue(h.subject)
        case .refreshmentsEnd:
            if unitTimerValid(h) {
                emit(.refreshmentsTaken(h.subject))
                becomeFree(h.subject)
            }
        case .backupCall: if unitTimerValid(h) { backupCall(h.subject) }
        case .emergencyPress: if unitTimerValid(h) { emergencyPress(h.subject) }
        case .emergencyOver: if unitTimerValid(h) { emergencyOver(h.subject) }
        case .welfareDue:
            // The automated dispatcher checks on its areas' units when due; a person's are listed.
            let state = world.units[Int(h.subject)]
            if unitTimerValid(h), state.status == .atScene, let incident = state.incident, let dispatcher,
               let record = world.incident(incident), dispatcher.isMine(record, self) {
                try? execute(.welfareCheck(h.subject), by: .automatedDispatcher)
            }
        case .unitAllInOrder:
            if world.units[Int(h.subject)].status == .atScene {
                emit(.radio(Transmission(unit: h.subject, incident: world.units[Int(h.subject)].incident,
                                         direction: .toControl, message: .allInOrder)))
            }
        case .automatedAcknowledge:
            if let pending = world.pendingEmergencies.first(where: { $0.unit == h.subject }), let dispatcher,
               pending.incident.flatMap({ world.incident($0) }).map({ dispatcher.isMine($0, self) }) ?? true {
                try? execute(.acknowledgeEmergency(h.subject), by: .automatedDispatcher)
            }
        case .unitReplies:
            if world.units[Int(h.subject)].status != .offDuty {
                emit(.radio(Transmission(unit: h.subject, incident: world.units[Int(h.subject)].incident,
                                         direction: .toControl, message: .received)))
            }
        case .dispatcherDecides:
            let id = IncidentID(slot: h.subject, generation: h.tag)
            if world.isOpen(id) { newlyWanting.append(id) }
        case .unitShiftStarts:
            let length = config.units[Int(h.subject)].shift!.length
            bookOn(h.subject, endsAt: now + length)
            schedule(.unitShiftEnds, at: now + length, subject: h.subject)
            schedule(.unitShiftStarts, at: now + Clock.day, subject: h.subject)
        case .unitShiftEnds: unitShiftEnds(h.subject)
        case .handlerShiftStarts:
            emit(.handlerSignedOn(h.subject))
            schedule(.handlerShiftEnds, at: now + world.handlers[Int(h.subject)].shift!.length, subject: h.subject)
            schedule(.handlerShiftStarts, at: now + Clock.day, subject: h.subject)
            answerWaitingCalls()
        case .handlerShiftEnds:
            emit(.handlerSignedOff(h.subject))
        case .scriptCue: cueDue(Int(h.subject))
        case .scriptFollowUp: followUp(call: Int(h.subject), escalating: h.tag == 1)
        case .backInService:
            if unitTimerValid(h) { backInService(h.subject) }
        case .surgeEnds: surgeEnds(h.tag)
        }
    }

    private func unitTimerValid(_ h: Happening) -> Bool {
        world.units[Int(h.subject)].timer == h.tag
    }

    // MARK: Calls

    private func callArrives(on line: Line) {
        let draw = demand.drawCall(number: nextCallNumber, on: line)
        let handle = world.calls.nextHandle()
        let id = CallID(slot: handle.slot, generation: handle.generation)
        emit(.callArrived(id, number: nextCallNumber, line: line, draw: draw))
        nextCallNumber += 1
        answerWaitingCalls()
        // Only a caller left waiting can hang up.
        if draw.patience != .max, world.calls[id.slot].state == .waiting {
            schedule(.callerHangsUp, at: now + draw.patience, subject: id.slot, tag: id.generation)
        }
        nextArrival[line.rawValue] = demand.nextArrival(on: line, after: now) ?? .max
    }

    /// The automated call handlers take waiting calls while any of them is free.
    func answerWaitingCalls() {
        // A call rings at a free person's seat first: those calls are left for them.
        let leave = world.personSeats.isEmpty ? 0 : world.freePersonSeats
        let before = actor
        defer { actor = before }
        while let handler = world.freeHandlers.last, let id = world.nextCallToAnswer(skipping: leave) {
            actor = .automatedHandler(handler)
            emit(.callAnswered(id, handler: handler))
            schedule(.handlingEnds, at: now + world.calls[id.slot].draw.handling, subject: id.slot, tag: id.generation)
        }
    }

    private func handlingEnds(_ id: CallID) {
        guard let call = world.call(id) else { return }
        if case .inHandling(let h) = call.state { actor = .automatedHandler(h) }
        let draw = call.draw
        switch draw.outcome {
        case .incident:
            let incident = openIncident(for: call)
            emit(.callHandled(id, outcome: .incident, incident: incident))
        case .duplicate:
            if let existing = draw.script >= 0 ? scriptedIncidentReportedAgain(draw) : incidentReportedAgain(pick: draw.duplicatePick) {
                emit(.callHandled(id, outcome: .duplicate, incident: existing))
            } else {
                // Nothing open to report again: the caller is the first to report it.
                let incident = openIncident(for: call)
                emit(.callHandled(id, outcome: .incident, incident: incident))
            }
        case .advice, .transfer, .silentNoResponse:
            emit(.callHandled(id, outcome: draw.outcome, incident: nil))
        }
        answerWaitingCalls()
    }

    /// What a call is really about, for the words its caller says: a duplicate caller describes the
    /// open incident they are reporting again (nil: there is none, so the call is about its own draw).
    public func incidentReportedAgain(by call: Call) -> IncidentID? {
        guard call.draw.outcome == .duplicate else { return nil }
        if call.draw.script >= 0 { return scriptedIncidentReportedAgain(call.draw) }
        return incidentReportedAgain(pick: call.draw.duplicatePick)
    }

    /// An open incident from the last `duplicateWindow`, chosen by the call's own draw.
    private func incidentReportedAgain(pick: Double) -> IncidentID? {
        let recent = world.recentIncidents
        guard !recent.isEmpty else { return nil }
        let start = min(Int(pick * Double(recent.count)), recent.count - 1)
        for offset in 0..<recent.count {
            let entry = recent[(start + offset) % recent.count]
            if world.isOpen(entry.id), now - entry.createdAt <= config.duplicateWindow { return entry.id }
        }
        return nil
    }

    /// Opens the incident a call reports: as the engine's call handler grades it (the truth the
    /// call carries), or as a person decided.
    func openIncident(for call: Call, type: Int32? = nil, grade: Grade? = nil, place: Int32? = nil,
                              assessment: Assessment = .none) -> IncidentID {
        let type = type ?? call.draw.type, grade = grade ?? call.draw.grade, place = place ?? call.draw.place
        let needed = grade.deploys ? types[Int(type)].unitsNeeded(grade) : 0
        let handle = world.incidents.nextHandle()
        let id = IncidentID(slot: handle.slot, generation: handle.generation)
        emit(.incidentCreated(id, IncidentOpening(reference: nextReference, type: type, grade: grade,
                                                  place: place, line: call.line,
                                                  callNumber: call.number, unitsNeeded: needed)))
        nextReference += 1
        if !assessment.isEmpty { emit(.incidentAssessed(id, assessment)) }
        if !grade.deploys {
            // Grade 4: resolved without deployment (appointment or advice recorded).
            emit(.incidentClosed(id, closingType: type, result: .adviceGiven))
        }
        return id
    }

    // MARK: Units

    private func unitArrives(_ unit: UnitIndex, announced: Bool = false) {
        guard let incident = world.units[Int(unit)].incident else { return }
        emit(.unitArrived(unit, incident))
        emit(.unitStatusChanged(unit, .atScene))
        if announced {
            // There sooner than planned: it is where it was going.
            emit(.unitMoved(unit, to: world.units[Int(unit)].destination))
        } else {
            emit(.radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .stateUpdate(.atScene))))
        }
        scheduleWelfare(unit, on: incident)
        let type = types[Int(world.incidents[incident.slot].type)]
        let onScene = max(type.onScene.sample(&durations), 0)
        let timer = world.units[Int(unit)].timer
        schedule(.unitClears, at: now + onScene, subject: unit, tag: timer)
        if outcomes.chance(type.backupShare) {
            schedule(.backupCall, at: now + SimTime(Double(onScene) * outcomes.unit() * 0.5), subject: unit, tag: timer)
        }
        if outcomes.chance(type.emergencyShare) {
            schedule(.emergencyPress, at: now + SimTime(Double(onScene) * outcomes.unit() * 0.8), subject: unit, tag: timer)
        }
    }

    private func unitClears(_ unit: UnitIndex) {
        guard let incident = world.units[Int(unit)].incident else { return }
        let typeIndex = Int(world.incidents[incident.slot].type)
        let type = types[typeIndex]
        let result: JobResult = outcomes.chance(type.prisonerShare)
            ? .oneDetained : JobResult(rawValue: resultChoice[typeIndex].pick(outcomes.unit()))!
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .result(result))))
        emit(.unitCleared(unit, incident, result: result))
        closeIfFinished(incident)
        if result == .oneDetained {
            emit(.unitStatusChanged(unit, .prisonerEscort))
            emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .stateUpdate(.prisonerEscort))))
            schedule(.custodyEnds, at: now + max(config.custody.sample(&durations), 0),
                     subject: unit, tag: world.units[Int(unit)].timer)
        } else {
            becomeFree(unit)
        }
    }

    private func closeIfFinished(_ incident: IncidentID) {
        guard let record = world.incident(incident), record.unitsAttached == 0, record.unitsWanted == 0 else { return }
        let reclassify = outcomes.chance(types[Int(record.type)].reclassifyShare)
        let closingType = reclassify ? Int32(typeChoice.pick(outcomes.unit())) : record.type
        emit(.incidentClosed(incident, closingType: closingType, result: record.result))
    }

    private func custodyEnds(_ unit: UnitIndex) {
        if let station = config.units[Int(unit)].station {
            emit(.unitMoved(unit, to: config.stations[station].position))
        }
        emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .prisonerInCustody)))
        becomeFree(unit)
    }

    /// A unit finished with a job: off duty if its shift is over, on refreshments if owed, else
    /// back on patrol and available.
    func becomeFree(_ unit: UnitIndex) {
        let state = world.units[Int(unit)]
        if !state.onDuty {
            emit(.unitStatusChanged(unit, .offDuty))
            emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .bookingOff)))
        } else if state.refsOwed > 0, now >= state.refsFrom, now + state.refsOwed < state.shiftEndsAt {
            goOnRefreshments(unit)
        } else {
            emit(.unitStatusChanged(unit, .onPatrol))
            emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .stateUpdate(.onPatrol))))
            }
    }

    private func refreshmentsDue(_ unit: UnitIndex) {
        let state = world.units[Int(unit)]
        guard state.onDuty, state.refsOwed > 0, state.status.isAvailable else { return }
        goOnRefreshments(unit)
    }

    private func goOnRefreshments(_ unit: UnitIndex) {
        let owed = world.units[Int(unit)].refsOwed
        if let station = config.units[Int(unit)].station {
            emit(.unitMoved(unit, to: config.stations[station].position))
        }
        emit(.unitStatusChanged(unit, .refreshments))
        emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .onRefreshments)))
        emit(.refreshmentsTaken(unit))
        schedule(.refreshmentsEnd, at: now + owed, subject: unit, tag: world.units[Int(unit)].timer)
    }

    func unitShiftEnds(_ unit: UnitIndex) {
        let status = world.units[Int(unit)].status
        emit(.unitShiftEnded(unit))
        if status.isAvailable || status == .refreshments {
            if status == .refreshments { emit(.refreshmentsTaken(unit)) }  // cancels the break's timer
            emit(.unitStatusChanged(unit, .offDuty))
            emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .bookingOff)))
        }
        // A unit on a job finishes it first and books off when it is free.
    }

    private func backupCall(_ unit: UnitIndex) {
        guard let incident = world.units[Int(unit)].incident, world.units[Int(unit)].status == .atScene else { return }
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .backupRequested)))
        emit(.unitsRequested(incident, count: 1, urgent: true))
    }

    func emergencyPress(_ unit: UnitIndex) {
        guard let incident = world.units[Int(unit)].incident, world.units[Int(unit)].status == .atScene else { return }
        emit(.unitStatusChanged(unit, .emergency))
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .urgentAssistance)))
        emit(.unitsRequested(incident, count: 2, urgent: true))
        // The automated dispatcher answers an alarm in the areas it plays within seconds.
        schedule(.automatedAcknowledge, at: now + 10 * Clock.second, subject: unit)
        let over = Distribution.lognormal(median: 8 * Clock.minute, p90: 20 * Clock.minute).sample(&durations)
        schedule(.emergencyOver, at: now + over, subject: unit, tag: world.units[Int(unit)].timer)
    }

    private func emergencyOver(_ unit: UnitIndex) {
        guard let incident = world.units[Int(unit)].incident else {
            // A button pressed away from any job (scripted): cancelled, and the officer is free.
            guard world.units[Int(unit)].status == .emergency else { return }
            emit(.radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .urgentAssistanceCancelled)))
            becomeFree(unit)
            return
        }
        emit(.radio(Transmission(unit: unit, incident: incident, direction: .toControl, message: .urgentAssistanceCancelled)))
        emit(.unitStatusChanged(unit, .atScene))
        let type = types[Int(world.incidents[incident.slot].type)]
        let rest = max(type.onScene.sample(&durations) / 2, 0)
        schedule(.unitClears, at: now + rest, subject: unit, tag: world.units[Int(unit)].timer)
    }
}

/// What the engine reads about an incident type on every job.
struct TypeRules {
    var onScene: Distribution
    var requires: SkillSet
    var violent: Bool
    var units: (Int32, Int32, Int32)
    var prisonerShare: Double
    var backupShare: Double
    var emergencyShare: Double
    var reclassifyShare: Double

    init(_ spec: IncidentTypeSpec) {
        onScene = spec.onScene; requires = spec.requires; violent = spec.violent
        units = (Int32(max(spec.unitsNeeded[0], 1)), Int32(max(spec.unitsNeeded[1], 1)), Int32(max(spec.unitsNeeded[2], 1)))
        prisonerShare = spec.prisonerShare; backupShare = spec.backupShare
        emergencyShare = spec.emergencyShare; reclassifyShare = spec.reclassifyShare
    }

    func unitsNeeded(_ grade: Grade) -> Int32 {
        switch grade {
        case .immediate: return units.0
        case .priority: return units.1
        case .scheduled: return units.2
        case .resolution: return 0
        }
    }
}

extension String {
    /// Without leading and trailing white space (the engine does without Foundation).
    public var trimmedOfSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
