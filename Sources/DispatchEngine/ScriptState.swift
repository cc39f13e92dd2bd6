/// What the script needs to know about how its calls went.
struct ScriptState {
    var incidents: [IncidentID?]
    var answered: [Bool]
    var dispatched: [Bool]
    var attended: [Bool]
    var byCallNumber: [Int64: Int] = [:]
    var byIncident: [IncidentID: Int] = [:]
    var surges: [Double] = []
    var fired: [Bool]
    let isEmpty: Bool

    init(calls: Int, cues: Int) {
        fired = Array(repeating: false, count: cues)
        incidents = Array(repeating: nil, count: calls)
        answered = Array(repeating: false, count: calls)
        dispatched = Array(repeating: false, count: calls)
        attended = Array(repeating: false, count: calls)
        isEmpty = calls == 0
    }

    mutating func note(_ event: Event, world: World) {
        switch event {
        case let .callAnswered(id, _):
            if let call = world.call(id), let k = byCallNumber[call.number], call.draw.scriptPart == 0 { answered[k] = true }
        case let .incidentCreated(id, opening):
            if let k = byCallNumber[opening.callNumber], incidents[k] == nil {
                incidents[k] = id
                byIncident[id] = k
            }
        case let .callHandled(id, .duplicate, incident?):
            // The scripted call linked to an incident already open: that is its incident.
            if let call = world.call(id), let k = byCallNumber[call.number], incidents[k] == nil {
                incidents[k] = incident
                byIncident[incident] = k
            }
        case let .unitAssigned(_, id, _, _, _):
            if let k = byIncident[id] { dispatched[k] = true }
        case let .unitArrived(_, id):
            // At the wrong place nobody is attended.
            if let k = byIncident[id], world.incident(id)?.misplaced != true { attended[k] = true }
        case let .incidentClosed(id, _, _):
            byIncident[id] = nil
        default: break
        }
    }
}
