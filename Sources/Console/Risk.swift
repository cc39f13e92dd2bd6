import DispatchEngine
import ReadModel

/// Choices the engine allows but a control room would think twice about. The console asks
/// before sending; it does not decide who goes.
public enum Risk {
    /// What is risky about a command, in words, or nil.
    public static func of(_ command: Command, _ floor: Floor) -> String? {
        let world = floor.world
        switch command {
        case let .assign(unit, id), let .divert(unit, id):
            guard let incident = world.incident(id) else { return nil }
            // A send the engine would refuse is not asked about: its refusal says why at once.
            let diverting = if case .divert = command { true } else { false }
            guard (try? floor.simulation.checkAssignable(unit, to: id, divert: diverting)) != nil else { return nil }
            let spec = floor.config.units[Int(unit)]
            let state = world.units[Int(unit)]
            let name = floor.callsign(unit)
            // Every reason, in one question: none of them hides another.
            var reasons: [String] = []
            if spec.crew == 1, incident.unitsAttached == 0, floor.simulation.crewNeeded(incident) >= 2 {
                reasons.append(floor.config.incidentTypes[Int(incident.type)].violent
                    ? "\(name) is single-crewed and would be alone at a violent incident"
                    : "\(name) is single-crewed and would be alone at an address marked "
                        + (dangerMarker(at: incident.place, floor).map { "'\(SafeText.clean($0))'" } ?? "as dangerous"))
            }
            if state.shiftEndsAt != .max, state.shiftEndsAt - floor.now < 30 * Clock.minute {
                reasons.append("\(name)'s shift ends in \(RoomClock.elapsed(max(0, state.shiftEndsAt - floor.now)))")
            }
            if case .divert = command, let current = state.incident, let job = world.incident(current), job.grade == .priority {
                reasons.append("\(name) would leave grade-2 incident \(Floor.reference(job.reference))")
            }
            // For an officer's emergency the nearest goes, whatever it costs: no question of area or kind.
            if incident.assisting == nil {
                if floor.simulation.fit(unit, for: incident) == .outsidePlan {
                    reasons.append("\(name) is \(Wording.shortKind(spec.kind)), kept for its own work: send it outside that work")
                }
                let home = floor.config.places.indices.contains(Int(incident.place)) ? floor.config.places[Int(incident.place)].area : spec.area
                if spec.area != home {
                    let left = world.available.filter { floor.config.units[Int($0)].area == spec.area && $0 != unit }.count
                    reasons.append("\(name) is \(floor.areaName(spec.area))'s, sent into \(floor.areaName(home)): \(floor.areaName(spec.area)) keeps \(left) free unit\(left == 1 ? "" : "s")")
                }
            }
            return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        case let .setStatus(unit, .atScene):
            // Booking at scene a unit whose journey has a way to go puts on the record what the
            // map does not show: asked first, and if confirmed it attends when it gets there.
            guard let left = floor.simulation.stillToGo(unit), left.time > Simulation.nearlyThere,
                  let id = floor.world.units[Int(unit)].incident, let incident = floor.world.incident(id) else { return nil }
            return "\(floor.callsign(unit)) is \(String(format: "%.1f", left.km)) km and \(RoomClock.elapsed(left.time)) from "
                + "\(Floor.reference(incident.reference)) by its journey: book it at scene anyway (its attendance counts when it gets there)"
        default:
            return nil
        }
    }

    /// The warning on the address that makes two officers go (the engine's rule decides that;
    /// this only names it).
    static func dangerMarker(at place: Int32, _ floor: Floor) -> String? {
        guard floor.config.places.indices.contains(Int(place)) else { return nil }
        return floor.config.places[Int(place)].markers.first { m in
            let m = m.lowercased()
            return (m.contains("violen") && m.contains("police")) || m.contains("weapon") || m.contains("firearm") || m.contains("shotgun")
        }
    }
}
