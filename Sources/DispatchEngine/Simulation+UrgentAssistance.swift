/// An officer's emergency button: an urgent-assistance incident above every grade, at the
/// officer's last known place and linked to the job they were on. Units go to it from anywhere
/// (a break interrupted, any job but another emergency); it closes once a unit is with the
/// officer and the officer is safe, and not before.
extension Simulation {
    /// The button is pressed: the alarm sounds on the talkgroup and the incident is raised.
    func raiseUrgentAssistance(_ unit: UnitIndex) {
        let state = world.units[Int(unit)]
        let job = state.incident.flatMap { world.incident($0) }
        let place = job?.place ?? nearestPlace(to: state.position(at: now, roads: config.roads))
        statusChanged(unit, .emergency)
        radio(Transmission(unit: unit, incident: state.incident, direction: .toControl, message: .urgentAssistance))
        let handle = world.incidents.nextHandle()
        let id = IncidentID(slot: handle.slot, generation: handle.generation)
        emit(.incidentCreated(id, IncidentOpening(
            reference: nextReference, type: job?.type ?? 0, grade: .immediate, place: place,
            line: job?.line ?? .emergency, callNumber: 0, unitsNeeded: 2,
            assisting: unit, linkedTo: job == nil ? nil : state.incident)))
        nextReference += 1
        // The automated dispatcher answers an alarm in the areas it plays within seconds.
        schedule(.automatedAcknowledge(unit), at: now + 10 * Clock.second)
    }

    /// The open urgent-assistance incident for this officer, if any.
    public func urgentAssistance(for unit: UnitIndex) -> IncidentID? {
        for (slot, incident) in world.incidents.live where incident.assisting == unit {
            return IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)])
        }
        return nil
    }

    /// Closes the officer's urgent assistance once a unit is with them and they are safe: the
    /// units there clear, those still travelling are stood down.
    func closeAssistanceIfDone(_ id: IncidentID) {
        guard let record = world.incident(id), let officer = record.assisting,
              record.firstArrivedAt >= 0, world.units[Int(officer)].status != .emergency else { return }
        for u in world.units.indices where world.units[u].incident == id {
            let unit = UnitIndex(u)
            if world.units[u].status == .atScene {
                radio(Transmission(unit: unit, incident: id, direction: .toControl, message: .result(.dealtWith)))
                emit(.unitCleared(unit, id, result: .dealtWith))
            } else {
                radio(Transmission(unit: unit, incident: id, direction: .fromControl, message: .standDown))
                emit(.unitStoodDown(unit, id))
            }
            becomeFree(unit)
        }
        emit(.incidentClosed(id, closingType: record.type, result: .dealtWith))
    }

    /// The place nearest a position (an officer away from any job), for where help is sent.
    func nearestPlace(to position: Position) -> Int32 {
        guard !config.places.isEmpty else { return 0 }
        var best = 0
        for p in 0..<config.addressCount where config.places[p].position.distance(to: position)
            < config.places[best].position.distance(to: position) { best = p }
        return Int32(best)
    }
}
