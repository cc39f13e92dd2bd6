/// What a person or an automated role asks the engine to do. The engine checks it against the
/// world and either refuses it, changing nothing, or turns it into events.
public enum Command: Sendable, Equatable {
    /// Send an available unit to an incident.
    case assign(UnitIndex, IncidentID)
    /// Take a unit off a lower-grade job and send it to a more urgent incident.
    case divert(UnitIndex, IncidentID)
    /// Record that nobody suitable is free for an incident.
    case stack(IncidentID)
}

/// Why a command was refused. The console words these; the engine only decides them.
public enum CommandRefusal: Error, Sendable, Equatable {
    case noSuchUnit
    case incidentNotOpen
    case unitOffDuty
    case unitNotAvailable(UnitStatus)
    case unitAlreadyOnIncident
    case incidentNeedsNoUnits
    case pcsoToViolence
    case lacksSkills(SkillSet)
    /// Diverting needs the unit's current job to be less urgent than the new one.
    case notLowerGrade
    case notOnAJob
}
