import DispatchEngine
import ReadModel

/// One keystroke never changes the world irreversibly: a state booked from the board, a unit
/// sent, diverted or stood down can be put back with `u` for ten seconds. The way back is worked
/// out from the world as it was just before, and carried out as new actions of the person (so it
/// is journalled like any other), with a line in the incident's narrative saying it was undone.
public struct Undo: Sendable, Equatable {
    /// What is undone, as the status line says it.
    public var label: String
    /// The commands that put it back, then the narrative's line.
    public var commands: [Command]
    /// Until when (the console's wall clock, seconds) `u` undoes it.
    public var expires: Double
    /// How long a mistake can be undone.
    public static let window = 10.0

    /// The way back from `command`, read off the world before it is carried out; nil when it
    /// cannot be undone (or is not a one-key change).
    static func of(_ command: Command, _ floor: Floor, now: Double) -> Undo? {
        let world = floor.world
        func unitState(_ unit: UnitIndex) -> Unit? { world.units.indices.contains(Int(unit)) ? world.units[Int(unit)] : nil }
        func reference(_ id: IncidentID) -> String { world.incident(id).map { Floor.reference($0.reference) } ?? "?" }
        // The narrative names who undid it (the note is the person's, like any other).
        func note(_ id: IncidentID, _ text: String) -> Command { .addNote(id, "Undone: " + text) }
        let free: Set<UnitStatus> = [.onDuty, .onPatrol, .atStation]
        switch command {
        case let .setStatus(unit, to):
            guard let before = unitState(unit) else { return nil }
            let sign = floor.callsign(unit)
            if before.status == .enRoute, to == .atScene, let incident = before.incident {
                // Booked at scene in error: back on its way, the arrival withdrawn from the record.
                return Undo(label: "\(sign) state 6 on \(reference(incident))",
                            commands: [.withdrawArrival(unit, incident)], expires: now + window)
            }
            if before.status == .atScene, free.contains(to), let incident = before.incident {
                return Undo(label: "\(sign) state \(to.rawValue) on \(reference(incident))",
                            commands: [.reattach(unit, incident, atScene: true),
                                       note(incident, "\(sign) booked state \(to.rawValue) in error; put back at scene.")],
                            expires: now + window)
            }
            guard before.incident == nil, before.status != to else { return nil }
            return Undo(label: "\(sign) state \(to.rawValue)", commands: [.setStatus(unit, before.status)], expires: now + window)
        case let .assign(unit, incident):
            guard let before = unitState(unit) else { return nil }
            let sign = floor.callsign(unit)
            // Withdrawn, not stood down: the send never counts, anywhere.
            var back: [Command] = [.withdrawSend(unit, incident)]
            // Freed, a unit books "on patrol" (state 2); it goes back to what it was.
            if before.status != .onPatrol && free.contains(before.status) { back.append(.setStatus(unit, before.status)) }
            return Undo(label: "\(sign) sent to \(reference(incident))", commands: back, expires: now + window)
        case let .divert(unit, incident):
            guard let before = unitState(unit), let previous = before.incident else { return nil }
            let sign = floor.callsign(unit)
            return Undo(label: "\(sign) diverted to \(reference(incident))",
                        commands: [.withdrawSend(unit, incident), .reattach(unit, previous, atScene: before.status == .atScene),
                                   note(previous, "\(sign) diverted to \(reference(incident)) in error; back on this job.")],
                        expires: now + window)
        case let .standDown(unit, incident):
            guard let before = unitState(unit), before.incident == incident else { return nil }
            let sign = floor.callsign(unit)
            return Undo(label: "\(sign) stood down from \(reference(incident))",
                        commands: [.reattach(unit, incident, atScene: before.status == .atScene),
                                   note(incident, "\(sign) stood down in error; put back.")],
                        expires: now + window)
        default:
            return nil
        }
    }
}

extension Update {
    /// `u`: the last one-key change put back, while its ten seconds last.
    static func undo(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let undo = state.undo else {
            state.complain("Nothing to undo: your last action was not a state, a send, a divert or a stand-down (each can be undone for \(Int(Undo.window)) s).")
            return []
        }
        state.undo = nil
        guard state.wallNow <= undo.expires else {
            state.complain("Too late to undo \(undo.label): an undo lasts \(Int(Undo.window)) s. Put it right with the usual keys.")
            return []
        }
        state.say("Undone: \(undo.label).")
        return [.undo(undo.commands)]
    }
}
