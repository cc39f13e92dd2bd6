/// What happens when each timer is due. A unit's step is stale (and does nothing) once the
/// unit's plan has changed since it was set.
extension Simulation {
    func handle(_ due: Happening.Due) {
        switch due {
        case .callerHangsUp(let id):
            callerHangsUp(id)
        case .handlingEnds(let id): handlingEnds(id)
        case .unitCalledIn(let unit): unitCalledIn(unit)
        case .personRingEnds: answerWaitingCalls()
        case .callbackLeftToPerson: ringBackAbandoned()
        case let .unitStep(step, unit, plan):
            if world.units[Int(unit)].timer == plan { take(step, unit) }
        case .refreshmentsDue(let unit): refreshmentsDue(unit)
        case .unitAllInOrder(let unit):
            if world.units[Int(unit)].status == .atScene {
                radio(Transmission(unit: unit, incident: world.units[Int(unit)].incident,
                                         direction: .toControl, message: .allInOrder))
            }
        case .automatedAcknowledge(let unit):
            // The engine acknowledges only what is its own: the officer's job's area, or (on no
            // job) the officer's own area; a person dispatching it has the whole time to.
            if let pending = world.pendingEmergencies.first(where: { $0.unit == unit }), let dispatcher,
               pending.incident.flatMap({ world.incident($0) }).map({ dispatcher.isMine($0, self) })
                ?? !dispatcher.leaveToPerson.contains(unitArea[Int(unit)]) {
                try? execute(.acknowledgeEmergency(unit), by: .automatedDispatcher)
            }
        case .unitReplies(let unit):
            if world.units[Int(unit)].status != .offDuty {
                radio(Transmission(unit: unit, incident: world.units[Int(unit)].incident,
                                         direction: .toControl, message: .received))
            }
        case .dispatcherDecides(let id):
            if world.isOpen(id) { newlyWanting.append(id) }
        case .unitShiftStarts(let unit): unitShiftStarts(unit)
        case .unitShiftEnds(let unit): unitShiftEnds(unit)
        case .handlerShiftStarts(let handler): handlerShiftStarts(handler)
        case .handlerShiftEnds(let handler): emit(.handlerSignedOff(handler))
        case .scriptCue(let cue): cueDue(Int(cue))
        case let .scriptFollowUp(call, escalating): followUp(call: Int(call), escalating: escalating)
        case .surgeEnds(let surge): surgeEnds(Int(surge))
        case .deferralEnds(let id):
            if let record = world.incident(id), let until = record.deferredUntil, until <= now { emit(.deferralEnded(id)) }
        }
    }

    /// A step of a unit's job that is still part of its plan.
    private func take(_ step: Happening.UnitStep, _ unit: UnitIndex) {
        switch step {
        case .arrives: unitArrives(unit)
        case .clears: unitClears(unit)
        case .custodyEnds: custodyEnds(unit)
        case .refreshmentsEnd: refreshmentsEnd(unit)
        case .backupCall: backupCall(unit)
        case .emergencyPress: emergencyPress(unit)
        case .emergencyOver: emergencyOver(unit)
        case .backInService: backInService(unit)
        case .streetSearched: streetSearched(unit)
        case .welfareDue:
            // The automated dispatcher checks on its areas' units when due; a person's are listed.
            let state = world.units[Int(unit)]
            if state.status == .atScene, let incident = state.incident, let dispatcher,
               let record = world.incident(incident), dispatcher.isMine(record, self) {
                try? execute(.welfareCheck(unit), by: .automatedDispatcher)
            }
        }
    }
}
