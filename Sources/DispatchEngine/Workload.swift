/// Who caused an event: the simulated world itself (callers, units), one of the engine's
/// automated operators, or the person at the console.
public enum Actor: Hashable, Sendable {
    case world
    case automatedHandler(HandlerIndex)
    case automatedDispatcher
    case person
}

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

/// Workload per operator, kept from the event stream with the actor of each event.
public struct Workload: Sendable {
    public private(set) var byOperator: [Actor: OperatorLoad] = [:]

    /// Called before the event is applied, so the call and the incident are as they were.
    mutating func observe(_ event: Event, world: World, actor: Actor) {
        switch event {
        case let .callHandled(id, outcome, _):
            guard let call = world.call(id), case .inHandling(let h) = call.state else { return }
            let who: Actor = world.handlers[Int(h)].isPerson ? .person : .automatedHandler(h)
            byOperator[who, default: OperatorLoad()].callsTaken += 1
            byOperator[who, default: OperatorLoad()].timeOnCalls += world.now - call.answeredAt
            if outcome == .incident { byOperator[who, default: OperatorLoad()].incidentsCreated += 1 }
        case let .unitAssigned(_, id, _, _, _):
            guard let incident = world.incident(id), incident.firstAssignedAt < 0 else { return }
            let who: Actor = actor == .person ? .person : .automatedDispatcher
            byOperator[who, default: OperatorLoad()].incidentsDispatched += 1
            byOperator[who, default: OperatorLoad()].timeToDispatch += world.now - incident.createdAt
        default:
            break
        }
    }

    mutating func personActed() { byOperator[.person, default: OperatorLoad()].actions += 1 }
}
