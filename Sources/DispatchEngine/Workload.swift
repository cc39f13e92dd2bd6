/// Who caused an event: the simulated world itself (callers, units), one of the engine's
/// automated operators, or a person at a console (by their place in `Simulation.people`: 0 is the
/// one person of a console of its own; on a floor, each name its own).
public enum Actor: Hashable, Sendable {
    case world
    case automatedHandler(HandlerIndex)
    case automatedDispatcher
    case person(PersonIndex)

    /// The one person of a console of its own.
    public static let you = Actor.person(0)
}

/// A person's place in `Simulation.people`, in the order they first acted.
public typealias PersonIndex = Int

/// One operator's work so far, as the supervisor sees it.
public struct OperatorLoad: Sendable, Equatable {
    public var callsTaken = 0
    /// Answer to decision, summed over the calls taken.
    public var timeOnCalls: SimTime = 0
    public var incidentsCreated = 0
    /// Incidents this operator sent the first unit to, and the time from creation to that.
    public var incidentsDispatched = 0
    public var timeToDispatch: SimTime = 0
    /// Commands carried out (a person's keystrokes that changed something).
    public var actions = 0
    public init() {}

    public var meanTimeOnCall: SimTime? { callsTaken > 0 ? timeOnCalls / SimTime(callsTaken) : nil }
    public var meanTimeToDispatch: SimTime? { incidentsDispatched > 0 ? timeToDispatch / SimTime(incidentsDispatched) : nil }
}

/// Workload per operator, kept from the event stream with the actor of each event. Kept in plain
/// arrays (one entry per call-handling seat), since it is updated on every call.
public struct Workload: Sendable {
    private var handlers: [OperatorLoad] = []
    private var dispatcher = OperatorLoad()
    /// By person (`PersonIndex`); `seen`: whether they have done anything at all.
    private var people: [(load: OperatorLoad, seen: Bool)] = []
    /// Who sat at each person's call-handling seat (by handler), most recent.
    private var seatOwners: [HandlerIndex: PersonIndex] = [:]

    /// Everyone who has done any work, by actor.
    public var byOperator: [Actor: OperatorLoad] {
        var out: [Actor: OperatorLoad] = [:]
        for (h, load) in handlers.enumerated() where load != OperatorLoad() { out[.automatedHandler(HandlerIndex(h))] = load }
        if dispatcher != OperatorLoad() { out[.automatedDispatcher] = dispatcher }
        for (i, p) in people.enumerated() where p.seen { out[.person(i)] = p.load }
        return out
    }

    /// The person who sat at a person's call-handling seat.
    public func owner(of seat: HandlerIndex) -> PersonIndex? { seatOwners[seat] }

    private mutating func touch(_ person: PersonIndex, _ change: (inout OperatorLoad) -> Void) {
        if people.count <= person { people.append(contentsOf: repeatElement((load: OperatorLoad(), seen: false), count: person + 1 - people.count)) }
        people[person].seen = true
        change(&people[person].load)
    }

    /// Called before the event is applied, so the call and the incident are as they were.
    @inline(__always) mutating func observe(_ event: Event, world: World, actor: Actor) {
        switch event {
        case let .callHandled(id, outcome, _):
            handled(id, outcome, world: world)
        case let .unitAssigned(_, id, _, _, _):
            sent(id, world: world, actor: actor)
        case let .sendWithdrawn(unit, id):
            withdrawn(unit, id, world)
        case let .personSeatedAsHandler(h):
            if case .person(let p) = actor { seatOwners[h] = p }
        default:
            break
        }
    }

    /// A call's handling ended (the event as `observe` takes it, or directly on the simulation's
    /// quiet path): a call taken by whoever held it.
    @inline(__always) mutating func handled(_ id: CallID, _ outcome: CallOutcome, world: World) {
        guard let call = world.call(id), case .inHandling(let h) = call.state else { return }
        let time = world.now - call.answeredAt
        let created = outcome == .incident ? 1 : 0
        if world.handlers[Int(h)].isPerson {
            touch(seatOwners[h] ?? 0) { $0.callsTaken += 1; $0.timeOnCalls += time; $0.incidentsCreated += created }
        } else {
            if handlers.count <= Int(h) { handlers.append(contentsOf: repeatElement(OperatorLoad(), count: Int(h) + 1 - handlers.count)) }
            handlers[Int(h)].callsTaken += 1; handlers[Int(h)].timeOnCalls += time; handlers[Int(h)].incidentsCreated += created
        }
    }

    /// A unit sent (the event as `observe` takes it, or directly on the quiet path): the
    /// incident's first send counts for whoever made it.
    @inline(__always) mutating func sent(_ id: IncidentID, world: World, actor: Actor) {
        guard let incident = world.incident(id), incident.firstAssignedAt < 0 else { return }
        count(dispatchOf: incident, by: actor, at: world.now, sign: 1)
    }

    mutating func personActed(_ person: PersonIndex) { touch(person) { $0.actions += 1 } }

    /// The first send withdrawn: the incident's first dispatch is the next send still counted, if
    /// any, and its sender's (each visit knows who sent it). Rare: kept out of `observe`.
    @inline(never) private mutating func withdrawn(_ unit: UnitIndex, _ id: IncidentID, _ world: World) {
        guard let incident = world.incident(id) else { return }
        var visits = world.visits(of: id)
        guard let k = visits.lastIndex(where: { $0.unit == unit }), visits[k].sentAt == incident.firstAssignedAt else { return }
        count(dispatchOf: incident, by: visits[k].by, at: incident.firstAssignedAt, sign: -1)
        visits.remove(at: k)
        if let next = visits.min(by: { $0.sentAt < $1.sentAt }) { count(dispatchOf: incident, by: next.by, at: next.sentAt, sign: 1) }
    }

    /// An incident's first dispatch counted (or taken back) for whoever made it.
    private mutating func count(dispatchOf incident: Incident, by actor: Actor, at time: SimTime, sign: Int) {
        let span = (time - incident.createdAt) * SimTime(sign)
        if case .person(let p) = actor {
            touch(p) { $0.incidentsDispatched += sign; $0.timeToDispatch += span }
        } else {
            dispatcher.incidentsDispatched += sign; dispatcher.timeToDispatch += span
        }
    }
}
