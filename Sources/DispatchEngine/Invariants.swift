/// Checks that the world is consistent: no unit on two incidents, no incident lost, every call
/// accounted for. Tests run it after every event; it returns what is wrong, in words for a
/// developer.
public enum Invariants {
    public static func violations(in world: World) -> [String] {
        var problems: [String] = []

        // Units: one incident at most, and the incident's count agrees.
        var attached: [Int32: Int32] = [:]
        for (u, unit) in world.units.enumerated() {
            let callsign = world.config.units[u].callsign
            if let id = unit.incident {
                if !world.isOpen(id) { problems.append("\(callsign) is on \(id), which is closed") }
                attached[id.slot, default: 0] += 1
                if !(unit.status.isOnIncident || unit.status == .emergency) {
                    problems.append("\(callsign) is on \(id) but its status is \(unit.status)")
                }
            } else if unit.status == .enRoute || unit.status == .atScene {
                problems.append("\(callsign) is \(unit.status) with no incident")
            }
            let listed = unit.availableSlot >= 0
            if listed != unit.status.isAvailable {
                problems.append("\(callsign) availability list disagrees with status \(unit.status)")
            }
            if listed && world.available[Int(unit.availableSlot)] != UnitIndex(u) {
                problems.append("\(callsign) has a wrong place in the availability list")
            }
            if world.indexesFreeUnits && listed != world.freeByEast.holds(UnitIndex(u), at: unit.destination) {
                problems.append("\(callsign) is \(listed ? "free but not" : "not free but") indexed where it stands")
            }
        }
        let east = world.freeByEast.entries
        if east.count != (world.indexesFreeUnits ? world.available.count : 0) || zip(east, east.dropFirst()).contains(where: { ($0.x, $0.unit) >= ($1.x, $1.unit) }) {
            problems.append("the west-to-east index of free units is out of order or of step")
        }
        if world.available.count != world.units.filter({ $0.status.isAvailable }).count {
            problems.append("availability list has \(world.available.count) units, statuses say otherwise")
        }

        // Incidents: each open one is being attended or is waiting in a dispatch queue.
        let queued = Set(world.dispatchQueues.indices.flatMap { world.dispatchQueues[$0] } + world.urgent)
        for (slot, incident) in world.incidents.live {
            let id = IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)])
            let count = attached[slot] ?? 0
            if count != incident.unitsAttached {
                problems.append("incident \(incident.reference) counts \(incident.unitsAttached) units, \(count) are on it")
            }
            if incident.unitsAttached == 0 && incident.unitsWanted == 0 {
                problems.append("incident \(incident.reference) is open with no units and wants none: lost")
            }
            if incident.unitsWanted > 0 && !queued.contains(id) {
                problems.append("incident \(incident.reference) wants units but is in no dispatch queue: lost")
            }
            if !incident.grade.deploys {
                problems.append("incident \(incident.reference) is grade 4 but still open")
            }
        }

        var byGrade = [0, 0, 0, 0]
        for (_, incident) in world.incidents.live { byGrade[incident.grade.rawValue - 1] += 1 }
        let counted = world.openByGrade.indices.map { world.openByGrade[$0] }
        if byGrade != counted {
            problems.append("open incidents by grade are \(byGrade), the world counts \(counted)")
        }

        // Calls: every call that rang has ended, is waiting, or is with a handler.
        var waiting = 0
        for (slot, call) in world.calls.live {
            let id = CallID(slot: slot, generation: world.calls.generations[Int(slot)])
            switch call.state {
            case .waiting:
                waiting += 1
                if !world.waiting[call.line.rawValue].contains(id) {
                    problems.append("call \(call.number) is waiting but in no queue")
                }
            case .inHandling(let h):
                if world.handlers[Int(h)].call != id && !world.handlers[Int(h)].held.contains(id) {
                    problems.append("call \(call.number) is with handler \(h), who does not hold it")
                }
            }
        }
        if world.callsArrived != world.callsEnded + Int64(world.calls.count) {
            problems.append("\(world.callsArrived) calls rang, \(world.callsEnded) ended and \(world.calls.count) are live")
        }
        if waiting != world.callsWaiting + world.contactsWaiting {
            problems.append("\(waiting) calls are waiting but the queues count \(world.callsWaiting + world.contactsWaiting)")
        }
        for h in world.digitalDesk where world.handlers[Int(h)].held.count > world.config.contactsAtOnce {
            problems.append("handler \(h) holds \(world.handlers[Int(h)].held.count) contacts, more than \(world.config.contactsAtOnce)")
        }
        if world.personSeats.isEmpty && world.contactsWaiting > 0 && world.freeDigitalHandler != nil {
            problems.append("\(world.contactsWaiting) contacts wait while a digital-desk handler is free")
        }
        for h in world.freeHandlers where world.handlers[Int(h)].call != nil || !world.handlers[Int(h)].onDuty {
            problems.append("handler \(h) is listed free but is busy or off duty")
        }
        if world.callsWaiting > 0 && !world.freeHandlers.isEmpty {
            problems.append("\(world.callsWaiting) calls wait while \(world.freeHandlers.count) handlers are free")
        }
        return problems
    }
}
