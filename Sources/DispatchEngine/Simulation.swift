/// Runs a world forward in simulated time: keeps the timers, runs what is due, and turns what
/// happens into events. This file is the kernel (clock, timers, emit); what happens when each
/// timer is due is in `Simulation+Happenings`, commands in `Simulation+Commands`, calls in
/// `Simulation+Calls`, units' jobs in `Simulation+UnitJobs`, shifts in `Simulation+Shifts`.
/// Automated roles act through the same commands a person has.
public final class Simulation {
    public let world: World
    public let config: WorldConfig
    public private(set) var statistics: Statistics
    /// Called with every event after it is applied (console, journal, tests).
    public var observers: [(SimTime, Event) -> Void] = []
    /// The automated dispatcher; nil when a person dispatches.
    public var dispatcher: AutomatedDispatcher?
    /// Who is causing the events being emitted now (observers read it: the journal records it).
    public internal(set) var actor: Actor = .world
    public internal(set) var workload = Workload()
    /// Called after each of the person's actions with where in the run it was taken and the
    /// refusal, if any (the journal makes it durable before the console acknowledges it).
    public var actionObservers: [(OperatorAction, RunMark, CommandRefusal?) -> Void] = []
    /// The people who have acted, by `PersonIndex`: 0 is the console's one person (no name); on
    /// a floor, each name in the order they first acted (so a replay numbers them the same).
    public internal(set) var people: [String] = [""]
    /// The name of the person whose action is being performed (nil: none, or the console's one).
    public internal(set) var performing: String?
    /// Happenings run so far: with the clock, where in the run an action was taken.
    public private(set) var happeningsRun: UInt64 = 0
    /// Whether statistics and the workload are kept (not in a fork, which counts for itself).
    private var keepsBooks = true

    private var timers = TimerQueue()
    private var sequence: UInt64 = 0
    var demand: Demand
    /// Durations that depend on what happens (travel, time at scene, custody).
    var durations: RandomStream
    /// Outcomes of jobs (prisoner, backup, emergency, result, closing code).
    var outcomes: RandomStream
    /// How long units take to answer control: its own stream, so what people say on the radio
    /// never shifts the night's travel and job times.
    var replies: RandomStream
    /// When the next call rings on each line (SimTime.max: never). Kept out of the timer heap:
    /// there is always exactly one per line.
    var nextArrival: [SimTime] = Array(repeating: .max, count: Line.allCases.count)
    /// The soonest of them and its line (the lowest line on a tie: 999 first).
    var firstArrival: SimTime = .max
    var firstArrivalLine = Line.emergency
    var nextCallNumber: Int64 = 1
    /// What the script has set going: its calls' incidents, answers and attendance.
    var scripted: ScriptState
    var nextReference: Int64 = 1
    /// The next reference the ambulance and fire control rooms give, and the next crime number.
    var partnerReferences: [Int64] = [1, 1]
    var nextCrimeNumber: Int64 = 1
    /// What changed for the automated dispatcher since it last acted.
    var newlyWanting: [IncidentID] = []
    var newlyFree: [UnitIndex] = []
    private var wantingNow: [IncidentID] = []
    private var freedNow: [UnitIndex] = []
    let resultChoice: [WeightedChoice]
    let typeChoice: WeightedChoice
    let travel: TravelEstimator
    /// The incident types' rules without their names and tables: read on every job, so kept free
    /// of reference-counted fields.
    let types: [TypeRules]
    /// The units' rules, the same way.
    let unitRules: [UnitRules]
    /// suitability[type * units + unit]: whether the unit may attend the type (`unsuitability` is nil),
    /// looked up for every free unit whenever an incident wants one.
    let suitability: [Bool]
    /// placeArea[place]: the area each place is in (empty without a map); each unit's area.
    let placeArea: [Int]
    let unitArea: [Int]
    /// planTable[type * units + unit]: how the unit stands in the type's plan (`PlanCell` bits);
    /// each type's minimum crew.
    let planTable: [UInt8]
    let typeMinimumCrew: [Int]
    /// placeNeedsPair[place]: a warning marker there means officers go in pairs (empty without a map).
    let placeNeedsPair: [Bool]
    /// relatedTypes[a][b]: a caller describing type a may be reporting an incident of type b.
    let relatedTypes: [[Bool]]

    public var now: SimTime { world.now }
    /// Where the run is now.
    public var mark: RunMark { RunMark(step: happeningsRun, time: world.now) }

    public convenience init(config: WorldConfig) {
        self.init(config: config, world: World(config: config))
        begin()
    }

    /// A simulation not yet started: its first events (who is on duty as the run begins) come
    /// at `begin()` or the first run, after the observers are attached, so a journal holds them.
    public convenience init(config: WorldConfig, startLater: Bool) {
        self.init(config: config, world: World(config: config))
        if !startLater { begin() }
    }

    /// Whether the run has begun (shifts on duty, first calls drawn).
    public private(set) var begun = false

    /// Begins the run, once: who is on duty now, when each line first rings, the script's cues.
    public func begin() {
        guard !begun else { return }
        begun = true
        start()
    }

    /// The rules read from `config`, around `world` (new, or a fork's copy); nothing set going.
    private init(config: WorldConfig, world: World) {
        self.world = world
        self.config = config
        let types = config.incidentTypes.map(TypeRules.init), unitRules = config.units.map(UnitRules.init)
        self.types = types
        self.unitRules = unitRules
        suitability = types.flatMap { type in unitRules.map { Simulation.unsuitability(of: $0, for: type) == nil } }
        relatedTypes = relatedTypeTable(config.incidentTypes)
        placeNeedsPair = config.places.map { Simulation.needsPair($0.markers) }
        placeArea = config.places.map(\.area)
        unitArea = config.units.map(\.area)
        planTable = types.flatMap { type in unitRules.map { Simulation.planCell($0, type) } }
        typeMinimumCrew = types.map(\.plan.minimumCrew)
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
    }

    /// A copy of `parent` as it stands, to run forward on its own (foresight): the same units,
    /// jobs, queues, timers and clock, with everything still to be drawn (calls, durations,
    /// outcomes) drawn from streams of `seed`, so the copy's future is one possible future and
    /// never touches the parent. `config` is the parent's, or the parent's with units added at the
    /// end. Nobody observes it; it keeps no statistics or workload (its watcher counts what it
    /// needs); the engine plays every seat (`Simulation+Fork`).
    convenience init(forking parent: Simulation, config: WorldConfig, seed: UInt64) {
        self.init(config: config, world: World(forking: parent.world, config: config))
        begun = true
        keepsBooks = false
        happeningsRun = parent.happeningsRun
        timers = parent.timers.copy()
        sequence = parent.sequence
        demand = parent.demand
        demand.reseed(seed)
        durations = RandomStream(seed: seed, stream: 10)
        outcomes = RandomStream(seed: seed, stream: 11)
        replies = RandomStream(seed: seed, stream: 12)
        nextCallNumber = parent.nextCallNumber
        scripted = parent.scripted
        nextReference = parent.nextReference
        partnerReferences = parent.partnerReferences
        nextCrimeNumber = parent.nextCrimeNumber
        newlyWanting = parent.newlyWanting
        newlyFree = parent.newlyFree
        dispatcher = parent.dispatcher
        // The next call on each line is drawn again: the parent's is its own future.
        for line in Line.allCases where parent.nextArrival[line.rawValue] != .max {
            setNextArrival(line, demand.nextArrival(on: line, after: world.now) ?? .max)
        }
    }

    // MARK: Running

    /// Runs everything due up to and including `time`, then sets the clock to `time`.
    public func advance(to time: SimTime) {
        begin()
        while let due = nextDue(), due <= time {
            runNext()
        }
        if time > world.now { world.advanceClock(to: time) }
    }

    /// When the next thing happens: the next call on either line or the first timer.
    private func nextDue() -> SimTime? {
        let arrival = firstArrival
        let timer = timers.firstTime
        let next = min(arrival, timer)
        return next == .max ? nil : next
    }

    /// Sets when `line` next rings, keeping the soonest of the lines at hand (it is read before
    /// every happening).
    func setNextArrival(_ line: Line, _ time: SimTime) {
        nextArrival[line.rawValue] = time
        firstArrival = .max
        for (i, t) in nextArrival.enumerated() where t < firstArrival {
            firstArrival = t; firstArrivalLine = Line(rawValue: i)!
        }
    }

    /// Runs the next thing due. A call ringing comes before a timer due at the same millisecond,
    /// and 999 before 101, so ties always resolve the same way.
    private func runNext() {
        actor = .world
        happeningsRun += 1
        let timer = timers.firstTime
        if firstArrival <= timer {
            let line = firstArrivalLine
            world.advanceClock(to: firstArrival)
            callArrives(on: line)
        } else {
            let happening = timers.removeFirst()
            world.advanceClock(to: happening.time)
            handle(happening.due)
        }
        settleDispatch()
    }

    /// Lets the automated dispatcher act on what changed. Acting can change things again (a
    /// diverted unit leaves a job wanting a unit): repeat until the floor is settled. The buffers
    /// are swapped into locals while the dispatcher reads them, not copied: this runs after every
    /// happening, and so allocates and retains nothing.
    func settleDispatch() {
        guard !newlyWanting.isEmpty || !newlyFree.isEmpty else { return }
        guard dispatcher != nil else {
            newlyWanting.removeAll(keepingCapacity: true)
            newlyFree.removeAll(keepingCapacity: true)
            return
        }
        var wanting: [IncidentID] = [], freed: [UnitIndex] = []
        swap(&wanting, &wantingNow)
        swap(&freed, &freedNow)
        while !newlyWanting.isEmpty || !newlyFree.isEmpty {
            swap(&newlyWanting, &wanting)
            swap(&newlyFree, &freed)
            dispatcher!.dispatch(self, wanting: wanting, freed: freed)
            wanting.removeAll(keepingCapacity: true)
            freed.removeAll(keepingCapacity: true)
        }
        swap(&wanting, &wantingNow)
        swap(&freed, &freedNow)
    }

    /// Runs exactly the happenings a recorded run had run by `mark`, then sets the clock to it:
    /// an action replayed there meets the world it met when it was taken. Returns false, leaving
    /// the clock where it is, when this world cannot be at `mark`: it has run more than the record
    /// had, or runs out first, or has something due before the mark's time that the recorded run
    /// had already run (the record is not of this scenario and seed, or was altered).
    @discardableResult
    public func run(to mark: RunMark) -> Bool {
        begin()
        while happeningsRun < mark.step, nextDue() != nil { runNext() }
        guard happeningsRun == mark.step, mark.time >= world.now else { return false }
        if let due = nextDue(), due < mark.time { return false }
        if mark.time > world.now { world.advanceClock(to: mark.time) }
        return true
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
        begin()
        guard let due = nextDue(), due <= limit else { return false }
        runNext()
        return true
    }

    /// The automated dispatcher has (re)taken a seat: everything waiting in its areas, and every
    /// free unit, is looked at again now.
    public func engineTakesOver() {
        for id in world.urgent where world.wantsUnits(id) { newlyWanting.append(id) }
        for g in world.dispatchQueues.indices { for id in world.dispatchQueues[g] where world.wantsUnits(id) { newlyWanting.append(id) } }
        newlyFree.append(contentsOf: world.available)
        settleDispatch()
    }

    // MARK: Events

    /// The one way anything changes: statistics and the workload see the event against the world
    /// as it was, the world applies it, then the observers hear it.
    func emit(_ event: Event) {
        if !scripted.isEmpty { scripted.note(event, world: world) }
        if keepsBooks {
            statistics.observe(event, world: world)
            workload.observe(event, world: world, actor: actor)
        }
        world.apply(event)
        switch event {
        case let .unitAssigned(_, id, _, _, _): world.sentBy(actor, id)
        case let .incidentCreated(id, opening): opened(id, opening)
        case let .unitsRequested(id, _, _), let .deferralEnded(id): newlyWanting.append(id)
        case let .incidentReopened(id, opening) where opening.unitsNeeded > 0: newlyWanting.append(id)
        case let .unitStatusChanged(unit, status): changed(unit, status)
        default: break
        }
        if !observers.isEmpty {
            for observer in observers { observer(world.now, event) }
        }
    }

    /// Nobody hears events but the statistics, the workload and the world (a headless run: no
    /// observer, no scripted call). Then the events of every call and every job (`radio`,
    /// `statusChanged`, `callArrived`, `callAnswered`, `callHandled`, `incidentCreated`,
    /// `unitAssigned`, `unitArrived`, `unitCleared`, `incidentClosed`) are handed to each
    /// directly, step for step as `emit` would, without the event being built and looked through
    /// by each in turn. The rarer events, and every event when someone listens, go through `emit`.
    private var quiet: Bool { scripted.isEmpty && observers.isEmpty }

    /// `emit(.callArrived(...))`.
    func callArrived(_ id: CallID, number: Int64, line: Line, draw: CallDraw) {
        guard quiet else { emit(.callArrived(id, number: number, line: line, draw: draw)); return }
        if keepsBooks { statistics.arrived(line, draw, world: world) }
        world.applyArrival(id, number: number, line: line, draw: draw)
    }

    /// `emit(.callAnswered(...))`.
    func callAnswered(_ id: CallID, handler: HandlerIndex) {
        guard quiet else { emit(.callAnswered(id, handler: handler)); return }
        if keepsBooks { statistics.answered(id, world: world) }
        world.applyAnswer(id, handler: handler)
    }

    /// `emit(.callHandled(...))`.
    func callHandled(_ id: CallID, outcome: CallOutcome, incident: IncidentID?) {
        guard quiet else { emit(.callHandled(id, outcome: outcome, incident: incident)); return }
        if keepsBooks {
            statistics.handled(id, outcome, world: world)
            workload.handled(id, outcome, world: world)
        }
        world.applyHandled(id, outcome: outcome, incident: incident)
    }

    /// `emit(.radio(transmission))` (units and control speak five times or so a job: the most
    /// frequent event of all; the workload and the dispatcher have nothing to do with it).
    func radio(_ transmission: Transmission) {
        guard quiet else { emit(.radio(transmission)); return }
        if keepsBooks { statistics.heard(transmission, world: world) }
        world.applyRadio(transmission)
    }

    /// `emit(.unitStatusChanged(unit, status))` (three times or so a job).
    func statusChanged(_ unit: UnitIndex, _ status: UnitStatus) {
        guard quiet else { emit(.unitStatusChanged(unit, status)); return }
        if keepsBooks { statistics.statusChanged(unit, status, world: world) }
        world.applyStatus(unit, status)
        changed(unit, status)
    }

    /// `emit(.incidentCreated(id, opening))`.
    func incidentCreated(_ id: IncidentID, _ opening: IncidentOpening) {
        guard quiet else { emit(.incidentCreated(id, opening)); return }
        if keepsBooks { statistics.opened(opening, world: world) }
        world.applyOpening(id, opening)
        opened(id, opening)
    }

    /// An incident that wants units is the dispatcher's once the decision time has passed (an
    /// officer's emergency at once).
    @inline(__always) private func opened(_ id: IncidentID, _ opening: IncidentOpening) {
        guard opening.unitsNeeded > 0 else { return }
        let decision = config.dispatch.decisionTime
        if decision > 0 && opening.assisting == nil {
            schedule(.dispatcherDecides(id), at: world.now + decision)
        } else {
            newlyWanting.append(id)
        }
    }

    /// `emit(.unitAssigned(...))`.
    func unitAssigned(_ unit: UnitIndex, _ id: IncidentID, eta: SimTime, from: Position, to: Position) {
        guard quiet else { emit(.unitAssigned(unit, id, eta: eta, from: from, to: to)); return }
        if keepsBooks {
            statistics.sent(id, world: world)
            workload.sent(id, world: world, actor: actor)
        }
        world.applySend(unit, id, eta: eta, from: from, to: to)
        world.sentBy(actor, id)
    }

    /// `emit(.unitArrived(unit, id))`.
    func unitArrived(_ unit: UnitIndex, _ id: IncidentID) {
        guard quiet else { emit(.unitArrived(unit, id)); return }
        if keepsBooks { statistics.attended(id, world: world) }
        world.applyAttendance(unit, at: id)
    }

    /// `emit(.unitCleared(unit, id, result: result))`.
    func unitCleared(_ unit: UnitIndex, _ id: IncidentID, result: JobResult) {
        guard quiet else { emit(.unitCleared(unit, id, result: result)); return }
        world.applyClearing(unit, id, result: result)
    }

    /// `emit(.incidentClosed(id, closingType: closingType, result: result))`.
    func incidentClosed(_ id: IncidentID, closingType: Int32, result: JobResult?) {
        guard quiet else { emit(.incidentClosed(id, closingType: closingType, result: result)); return }
        if keepsBooks { statistics.closed(id, closingType, result, world: world) }
        world.applyClosing(id)
    }

    /// A unit free again is one for the dispatcher to look at.
    @inline(__always) private func changed(_ unit: UnitIndex, _ status: UnitStatus) {
        if status.isAvailable { newlyFree.append(unit) }
    }

    func schedule(_ due: Happening.Due, at time: SimTime) {
        sequence += 1
        timers.insert(Happening(time: time, sequence: sequence, due: due))
    }

    /// Sets the next step of a unit's current plan.
    func schedule(_ step: Happening.UnitStep, of unit: UnitIndex, at time: SimTime) {
        schedule(.unitStep(step, unit, plan: world.units[Int(unit)].timer), at: time)
    }
}
