import DispatchEngine
import ReadModel

/// A dispatcher (or a supervisor) acting on an incident or unit of an area another person
/// dispatches: whose it is, and what they are told. The roster says whether the dispatcher is
/// asked first (the default) or refused; a supervisor may take over any area, its dispatcher told.
struct AcrossAreas {
    /// The person whose area it is, what of theirs is touched, and the area's name.
    struct Owner {
        var name: String
        var connection: FloorRoom.Connection?
        var things: [String]
        var area: String
        var what: String { things.joined(separator: " and ") }
    }

    let simulation: Simulation
    let areaNames: [String]

    /// The other people who dispatch the areas of the command's incident, unit or place, when
    /// `actor` (who dispatches `mine`; nil: no one area) acts on them: one entry per person,
    /// naming what of theirs is touched. Areas the engine dispatches are anyone's to help with.
    /// (A line on a closed record names only its reference: the engine keeps no area for it.)
    func owners(of command: Command, actor: String, mine: Int?, holders: [FloorRoom.Holder]) -> [Owner] {
        let config = simulation.config
        var touched: [(Int, String)] = []
        if let id = command.incident, let record = simulation.world.incident(id), config.places.indices.contains(Int(record.place)) {
            touched.append((config.places[Int(record.place)].area, "incident \(Floor.reference(record.reference))"))
        }
        // Linking moves callers and units onto the kept incident: its area is touched too.
        if case let .link(_, kept) = command, let record = simulation.world.incident(kept), config.places.indices.contains(Int(record.place)) {
            touched.append((config.places[Int(record.place)].area, "incident \(Floor.reference(record.reference))"))
        }
        if case let .reopen(reference, _, _, place) = command, config.places.indices.contains(Int(place)) {
            touched.append((config.places[Int(place)].area, "incident \(Floor.reference(reference))"))
        }
        if let unit = command.unit, config.units.indices.contains(Int(unit)) {
            touched.append((config.units[Int(unit)].area, config.units[Int(unit)].callsign))
        }
        var out: [Owner] = []
        for (area, what) in touched where area != mine {
            let holder = holders.first { h in
                guard h.name != actor, case .dispatcher(let a) = h.seat else { return false }
                return a == area || a == nil
            }
            guard let holder else { continue }
            let name = areaNames.indices.contains(area) ? areaNames[area] : "another area"
            if let i = out.firstIndex(where: { $0.name == holder.name }) {
                out[i].things.append(what)
            } else {
                out.append(Owner(name: holder.name, connection: holder.connection, things: [what], area: name))
            }
        }
        return out
    }

    /// Whose each touched thing is: "HY11 is Hartley's, dispatched by Lee".
    static func whose(_ owners: [Owner]) -> String {
        owners.map { "\($0.what) \($0.things.count == 1 ? "is" : "are") \($0.area)'s, dispatched by \($0.name)" }.joined(separator: "; ")
    }

    /// The question put to the dispatcher before it is done.
    static func question(_ command: Command, _ owners: [Owner]) -> String {
        let away = owners.filter { $0.connection == nil }.map(\.name)
        let told = owners.count == 1 ? "they are told" : "each is told"
        return whose(owners) + ": \(words(command)) anyway (\(told)"
            + (away.isEmpty ? "" : "; " + away.joined(separator: " and ") + " away, told on return") + ")?"
    }

    /// The refusal where the roster says a dispatcher keeps to their own areas.
    static func refusal(_ owners: [Owner]) -> String {
        whose(owners) + ": this floor's roster keeps each dispatcher to their own areas; ask them, or the supervisor (nothing was changed)."
    }

    /// What the owner is told, on their status line.
    static func told(_ command: Command, by actor: String, seat: String, _ owner: Owner) -> String {
        "\(actor) (\(seat)) acted in \(owner.area): \(words(command)), \(owner.what)."
    }

    /// The command in a dispatcher's words, as a verb phrase.
    static func words(_ command: Command) -> String {
        switch command {
        case .assign: "send a unit"
        case .divert: "divert a unit"
        case .stack, .stackUntil: "stack the incident"
        case .standDown: "stand a unit down"
        case .reattach: "put a unit back on the incident"
        case .withdrawSend: "withdraw a unit's send"
        case .withdrawArrival: "withdraw a unit's arrival"
        case .regrade(_, let grade): "re-grade to grade \(grade.rawValue)"
        case .relocate: "change the location"
        case .addNote: "add a line to the record"
        case .close: "close the incident"
        case .link: "link the incidents as duplicates"
        case .passWarnings: "pass the warnings"
        case .message: "send a radio message"
        case .acknowledgeEmergency: "acknowledge the emergency button"
        case .startRefreshments: "start refreshments"
        case .endRefreshments: "end refreshments"
        case .welfareCheck: "check on the unit"
        case .setStatus(_, let status): "book the unit status \(status.rawValue)"
        case .inform: "inform another service"
        case .reopen: "reopen the incident"
        default: "act"
        }
    }
}
