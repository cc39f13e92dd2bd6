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

/// Workload per operator, kept from the event stream with the actor of each event. Kept in plain
/// arrays (one entry per call-handling seat), since it is updated on every call.
public struct Workload: Sendable {
    private var handlers: [OperatorLoad] = []
    private var dispatcher = OperatorLoad()
    private var person = OperatorLoad()
    private var personSeen = false

    /// Everyone who has done any work, by actor.
    public var byOperator: [Actor: OperatorLoad] {
        var out: [Actor: OperatorLoad] = [:]
        for (h, load) in handlers.enumerated() where load != OperatorLoad() { out[.automatedHandler(HandlerIndex(h))] = load }
        if dispatcher != OperatorLoad() { out[.automatedDispatcher] = dispatcher }
        if personSeen { out[.person] = person }
        return out
    }

    /// Called before the event is applied, so the call and the incident are as they were.
    @inline(__always) mutating func observe(_ event: Event, world: World, actor: Actor) {
        switch event {
        case let .callHandled(id, outcome, _):
            guard let call = world.call(id), case .inHandling(let h) = call.state else { return }
            let time = world.now - call.answeredAt
            let created = outcome == .incident ? 1 : 0
            if world.handlers[Int(h)].isPerson {
                personSeen = true
                person.callsTaken += 1; person.timeOnCalls += time; person.incidentsCreated += created
            } else {
                if handlers.count <= Int(h) { handlers.append(contentsOf: repeatElement(OperatorLoad(), count: Int(h) + 1 - handlers.count)) }
                handlers[Int(h)].callsTaken += 1; handlers[Int(h)].timeOnCalls += time; handlers[Int(h)].incidentsCreated += created
            }
        case let .unitAssigned(_, id, _, _, _):
            guard let incident = world.incident(id), incident.firstAssignedAt < 0 else { return }
            let time = world.now - incident.createdAt
            if actor == .person {
                personSeen = true
                person.incidentsDispatched += 1; person.timeToDispatch += time
            } else {
                dispatcher.incidentsDispatched += 1; dispatcher.timeToDispatch += time
            }
        default:
            break
        }
    }

    mutating func personActed() { personSeen = true; person.actions += 1 }
}
