/// What a stack's reason says, checked against the board when a person gives it: "no suitable
/// unit free" only when none is, "awaiting a specialist" only where the plan needs one.
extension Simulation {
    /// The free units that could go to the incident now as the automated dispatcher would send
    /// them (the plan's kinds, its own area or a neighbour's, not single-crewed where two must
    /// go, not at the end of its shift for a grade 3), nearest first.
    public func suitableFree(for id: IncidentID) -> [UnitIndex] {
        guard let record = world.incident(id) else { return [] }
        return recommendations(for: id).filter { r in
            guard r.divertsFrom == nil, !r.onRefreshments, r.fit <= .offArea else { return false }
            if record.grade == .scheduled, world.units[Int(r.unit)].shiftEndsAt - now < config.dispatch.endOfShiftMargin { return false }
            return true
        }.sorted { $0.eta < $1.eta }.map(\.unit)
    }

    /// Whether the incident's plan takes a specialist (sends one first, or allows one), or its
    /// type requires a skill not every officer has.
    public func needsSpecialist(_ record: Incident) -> Bool {
        let type = config.incidentTypes[Int(record.type)]
        return !type.plan.attend.intersection(.specialists).isEmpty || !type.requires.isEmpty
    }
}
