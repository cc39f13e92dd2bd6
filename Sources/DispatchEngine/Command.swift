/// What a person or an automated role asks the engine to do. The engine checks it against the
/// world and either refuses it, changing nothing, or turns it into events.
public enum Command: Sendable, Equatable, Codable {
    /// Send an available unit to an incident.
    case assign(UnitIndex, IncidentID)
    /// Take a unit off a lower-grade job and send it to a more urgent incident.
    case divert(UnitIndex, IncidentID)
    /// Record that the incident waits, and why.
    case stack(IncidentID, reason: StackReason)
    /// The caller asked for later: the incident waits, left alone, until `until` (absolute
    /// simulated time), then comes back to the list raised.
    case stackUntil(IncidentID, until: SimTime)
    /// Open a closed incident again under its own reference, as the record last had it.
    case reopen(reference: Int64, type: Int32, grade: Grade, place: Int32)
    /// A line on any incident's record by its reference, open or closed (an update after closing).
    case annotate(reference: Int64, String)
    /// The unit is no longer needed on the incident and comes free.
    case standDown(UnitIndex, IncidentID)
    /// Put a free unit back on an incident it was just taken off, travelling or at scene: how
    /// the console undoes a mistaken stand-down, state or divert.
    case reattach(UnitIndex, IncidentID, atScene: Bool)
    /// Undo a send (or a divert) made in error: withdrawn from the record, the unit free again.
    case withdrawSend(UnitIndex, IncidentID)
    /// Undo a unit booked at scene in error: it is still on its way, its arrival withdrawn.
    case withdrawArrival(UnitIndex, IncidentID)
    /// Re-grade after re-assessing (re-THRIVE): the target follows the new grade.
    case regrade(IncidentID, Grade)
    /// Corrects or narrows where the incident is; the units on it are told.
    case relocate(IncidentID, place: Int32)
    /// A line in the incident's narrative.
    case addNote(IncidentID, String)
    /// Close with a closing type (index of the scenario's incident types) and a result.
    case close(IncidentID, closingType: Int32, result: JobResult?)
    /// Join a duplicate to the incident it duplicates: its callers and units move to `into`,
    /// and it closes with the result "duplicate" (the kept incident is the one judged).
    case link(IncidentID, into: IncidentID)
    /// Pass the address's warning markers to every unit on the incident.
    case passWarnings(IncidentID)
    /// A radio message from control to a unit.
    case message(UnitIndex, String)
    /// A person has heard the emergency button and is dealing with it.
    case acknowledgeEmergency(UnitIndex)
    /// Book a free unit on its refreshment break, or back off it.
    case startRefreshments(UnitIndex)
    case endRefreshments(UnitIndex)
    /// Check on a unit at scene.
    case welfareCheck(UnitIndex)
    /// Book a status the unit gave by radio ("state 6"), on its behalf.
    case setStatus(UnitIndex, UnitStatus)
    /// A person sits down as a call handler (they answer calls themselves).
    case seatCallHandler
    /// The person at `handler` answers the next ringing call: 999 before 101, oldest first.
    case answerNext(HandlerIndex)
    /// The person at `handler` finishes the call they are on with a decision.
    case decideCall(HandlerIndex, CallDecision)
    /// The person at `handler` takes the next chat, e-mail or online report (the one whose
    /// standard runs out first), beside what they hold.
    case takeContact(HandlerIndex)
    /// The person puts the contact in front aside and brings the next one held forward.
    case switchContact(HandlerIndex)
    /// The person gives the call-handling seat back (between calls).
    case leaveCallHandlerSeat(HandlerIndex)
    /// The floor frees the seat of a person whose console is gone: what they held goes back to
    /// the front of its queue (a call stayed on after its incident ends), and the seat closes.
    case releaseCallHandlerSeat(HandlerIndex)
    /// On a silent call: keep the line open and listen.
    case keepLine(HandlerIndex)
    /// On a silent call: ring the number back.
    case callBack(HandlerIndex)
    /// Rings back an abandoned 999 call on the callback list (nil: the oldest).
    case ringBack(HandlerIndex, number: Int64?)
    /// A line on the record of the call the person at `handler` is on: why it is transferred,
    /// closed with advice or closed as a silent call with no response.
    case noteCall(HandlerIndex, String)
    /// Ends a call the handler stayed on after creating its incident.
    case endCall(HandlerIndex)
    /// Tells the caller on the line that help is on the way.
    case reassure(HandlerIndex)
    /// A line the handler types to the person on a live chat (the transcript is the record).
    case replyToChat(HandlerIndex, String)
    /// Police attend, and the ambulance or fire service is told (their reference is recorded).
    case inform(IncidentID, Agency)
}

/// What a call handler decides a call is.
public enum CallDecision: Sendable, Equatable, Codable {
    /// A new incident: the type (index in the scenario), the grade they give it, the place, and
    /// what the handler recorded.
    case incident(type: Int32, grade: Grade, place: Int32, assessment: Assessment = .none, stay: Bool = false)
    /// The caller is reporting an incident that is already open.
    case duplicate(of: IncidentID)
    /// Resolved on the phone: recorded as a grade-4 incident, closed at once with this closing
    /// type and advice given.
    case advice(closingType: Int32, place: Int32)
    /// Not for the police: passed to the ambulance or fire service.
    case transfer(Agency)
    /// A silent call that led nowhere.
    case noResponse
    /// A crime recorded on the phone: a grade-4 incident of this type, closed with a report
    /// taken, and a crime number for the caller.
    case crimeReport(type: Int32, place: Int32)
    /// Not for the police: the caller is told who to contact.
    case signpost(Partner)
    /// A mental-health or welfare concern, no crime, no risk to life: to health (RCRP).
    case rightCare
}

/// Why an incident is waiting for units.
public enum StackReason: Int, Sendable, CaseIterable, Equatable, Codable {
    /// Nobody suitable is free.
    case noUnitAvailable
    /// Waiting for a specialist (firearms, dogs, roads policing).
    case awaitingSpecialist
    /// The caller asked for a later time, or an appointment is to be made.
    case callerRequestedLater
    case other
    /// Free units held back from grade 3 for the emergency that will come (`dispatch.keep_free`).
    case keptForEmergencies
}

/// Why a command was refused. The console words these; the engine only decides them.
public enum CommandRefusal: Error, Sendable, Equatable, Codable {
    case noSuchUnit
    /// An incident cannot be linked to itself.
    case sameIncident
    /// An officer's emergency is never a duplicate, nor joined to one.
    case assistanceNotLinked
    /// "No suitable unit free" while these suitable units are free (the first few).
    case suitableUnitsFree([UnitIndex])
    /// "Awaiting a specialist" where the incident's plan needs none.
    case noSpecialistNeeded
    case incidentNotOpen
    case unitOffDuty
    case unitNotAvailable(UnitStatus)
    case unitAlreadyOnIncident
    case incidentNeedsNoUnits
    case pcsoToViolence
    /// PCSOs are not sent to grade 1 or 2 (immediate or priority) incidents.
    case pcsoToUrgentGrade
    case lacksSkills(SkillSet)
    /// Diverting needs the unit's current job to be less urgent than the new one.
    case notLowerGrade
    case notOnAJob
    /// Reopening needs a closed incident; this one is open.
    case incidentStillOpen
    /// No incident ever had that reference.
    case noSuchReference
    /// A time to come back at must be later than now.
    case timeNotAhead
    /// A time to come back at is within a week.
    case timeTooFar
    case unitNotOnIncident
    /// Units are still on the incident: stand them down, or wait for their results.
    case unitsStillAttached
    case sameGrade
    case samePlace
    case noSuchIncidentType
    /// The address has no warning markers, or no unit is on the incident to pass them to.
    case noWarnings
    case noUnitsOnIncident
    /// Text must have something in it and at most 500 characters.
    case badText
    case noEmergency
    case notOnRefreshments
    case noRefreshmentsOwed
    /// Grade 4 means no deployment: close the incident instead of re-grading it to 4.
    case gradeFourIsAClosure
    /// Welfare checks are for units at scene.
    case notAtScene
    /// That state cannot follow the unit's current one (such as at scene with no job).
    case statusNotAllowed(from: UnitStatus, to: UnitStatus)
    /// Only a person's call-handling seat answers calls by command.
    case notAPersonsSeat
    case noCallWaiting
    /// The handler is already on a call, or has none to decide.
    case handlerBusy
    case handlerHasNoCall
    case noSuchPlace
    /// Keeping the line and calling back are for silent calls.
    case notASilentCall
    case alreadyCalledBack
    /// Nothing on the callback list (or not that call).
    case noCallbackWaiting
    /// No chat, e-mail or online report is waiting for a reply.
    case noContactWaiting
    /// The person already holds as many digital contacts as one person can.
    case tooManyContacts
    /// Nothing else is held to switch to.
    case noOtherContact
    /// Replies are typed on a live chat, not a call, an e-mail or a report.
    case notAChat
    /// Staying on the line is for a 999 or 101 call or a live chat, not an e-mail or a report.
    case cannotStayOnContact
    /// The call's incident is created: the handler is staying on the line (end the call).
    case callAlreadyDecided
    /// Only a call stayed on after its incident was created is ended this way.
    case notStayingOnLine
    /// That service has already been told about the incident.
    case alreadyInformed
    /// The instructor named a scripted event the scenario does not have.
    case noSuchCue
    /// That scripted call has already rung.
    case cueAlreadyFired
    /// Only a unit booked at scene (state 6) can have that booking undone.
    case notBookedAtScene
    /// The floor refused it for the person's seat before the engine saw it (why, in words). A
    /// replay does not perform it: the engine never did.
    case seat(String)
}
