/// Facts with a time. Applying events is the only way the world changes (World.apply), and the
/// journal, the statistics, the console and the debrief all read this one stream.
public enum Event: Sendable, Equatable, Codable {
    // Calls
    case callArrived(CallID, number: Int64, line: Line, draw: CallDraw)
    case callAnswered(CallID, handler: HandlerIndex)
    case callAbandoned(CallID)
    /// Handling finished: the handler is free. `incident` is the one created or linked to.
    case callHandled(CallID, outcome: CallOutcome, incident: IncidentID?)
    case handlerSignedOn(HandlerIndex)
    case handlerSignedOff(HandlerIndex)
    /// A person sat down as a call handler: a seat the automated answering never gives calls to.
    case personSeatedAsHandler(HandlerIndex)
    /// The person left the seat: it takes no more calls.
    case personLeftSeat(HandlerIndex)
    /// A call (or a contact) held at a person's seat whose console is gone goes back to the
    /// front of its queue, answered already, for the next handler.
    case callReturned(CallID, handler: HandlerIndex)
    /// At a person's seat: the contact in front is put aside and the next one held comes forward.
    case contactSwitched(HandlerIndex)
    /// A silent call: the handler keeps the line open to listen.
    case lineKept(CallID)
    /// A silent call rung back, and whether anyone answered.
    case calledBack(CallID, answered: Bool)
    /// The call is passed to another service (then handled as a transfer), with their reference.
    case callTransferred(CallID, to: Agency, reference: String)
    /// The caller is told which partner agency to contact.
    case callSignposted(CallID, to: Partner)
    /// Police attend; the ambulance or fire service is told too, and gives its reference.
    case agencyInformed(IncidentID, agency: Agency, reference: String)
    /// A crime recorded on the phone, with its crime number.
    case crimeRecorded(IncidentID, number: String)
    /// A line on the call's record (the reason for how it was ended).
    case callNoted(CallID, text: String)
    /// The incident is created and the handler stays on the line with the caller until they end
    /// the call (then handled as an incident).
    case stayedOnLine(CallID, incident: IncidentID)
    /// The handler tells the caller on the line that help is on the way.
    case callerReassured(CallID)
    /// The handler typed a line to the person on a live chat.
    case chatReplied(CallID, text: String)
    /// A handler rings back abandoned 999 call `number`: it is on their line again as `CallID`
    /// (then handled as any call), and whether anyone answered.
    case rungBack(CallID, number: Int64, handler: HandlerIndex, answered: Bool)

    // Incidents
    case incidentCreated(IncidentID, IncidentOpening)
    /// The incident waits for units, and why.
    case incidentStacked(IncidentID, reason: StackReason)
    case incidentRegraded(IncidentID, grade: Grade)
    /// What the call handler recorded when creating it (THRIVE, vulnerability, caller, narrative).
    case incidentAssessed(IncidentID, Assessment)
    /// A line of operator's text in the incident's narrative.
    case noteAdded(IncidentID, text: String)
    /// The address's warning markers were passed to a unit on the incident.
    case warningsPassed(IncidentID, unit: UnitIndex)
    case emergencyAcknowledged(UnitIndex)
    /// Control checked on a unit at scene; the next check is due `next`.
    case welfareChecked(UnitIndex, next: SimTime)
    /// More units wanted: urgent for backup and urgent assistance (served before everything),
    /// not urgent when a unit was taken away (back in the queue for its grade).
    case unitsRequested(IncidentID, count: Int32, urgent: Bool)
    /// The job's result is in: the units it still wanted are not needed.
    case unitsNotNeeded(IncidentID)
    case incidentClosed(IncidentID, closingType: Int32, result: JobResult?)
    /// A duplicate joined to the incident it duplicates: its callers count there now. (Its
    /// units are stood down from it and sent to `into`; then it closes as a duplicate.)
    case incidentLinked(IncidentID, into: IncidentID)
    /// A closed incident opened again, under its own reference.
    case incidentReopened(IncidentID, IncidentOpening)
    /// A line on the record of an incident by reference (also after it closed).
    case referenceNoted(reference: Int64, text: String)
    /// Left alone until `until` (the caller asked for later); then it is back, raised.
    case incidentDeferred(IncidentID, until: SimTime)
    case deferralEnded(IncidentID)
    /// Where it is, corrected or narrowed (the caller said more, a location came in).
    case incidentRelocated(IncidentID, place: Int32)

    // Units
    case unitAssigned(UnitIndex, IncidentID, eta: SimTime, from: Position, to: Position)
    /// Taken off an incident before finishing it (diverted to a more urgent job, or stood down).
    case unitDetached(UnitIndex, IncidentID)
    /// No longer needed on the incident: it comes free without a result.
    case unitStoodDown(UnitIndex, IncidentID)
    case unitArrived(UnitIndex, IncidentID)
    /// Control booked the unit at scene before its journey could have got it there (the
    /// dispatcher confirmed it): its attendance counts when it gets there, at `dueAt`.
    case arrivalBooked(UnitIndex, IncidentID, dueAt: SimTime)
    /// Undone as a mistake: the unit's send to the incident is withdrawn from the record, as if
    /// it had never been sent (its arrival there too); the unit is free where it is.
    case sendWithdrawn(UnitIndex, IncidentID)
    /// Undone as a mistake: the unit was booked at scene in error; it is still on its way and
    /// gets there at `dueAt`, and its arrival is withdrawn from the record.
    case arrivalWithdrawn(UnitIndex, IncidentID, dueAt: SimTime)
    case unitCleared(UnitIndex, IncidentID, result: JobResult)
    case unitStatusChanged(UnitIndex, UnitStatus)
    case unitShiftStarted(UnitIndex, endsAt: SimTime, refs: SimTime, at: Position)
    case unitShiftEnded(UnitIndex)
    case unitMoved(UnitIndex, to: Position)
    case refreshmentsTaken(UnitIndex)
    /// Called off its break (for a grade 1 or an officer's emergency): `owed` is still to take.
    case refreshmentsInterrupted(UnitIndex, owed: SimTime)

    // Radio
    case radio(Transmission)
}

/// Every field of every event named in its encoding (the journal's payloads), so an analyst
/// reads "call", "incident", "unit" where the cases leave a subject unlabelled.
extension Event {
    enum CallArrivedCodingKeys: String, CodingKey { case _0 = "call", number, line, draw }
    enum CallAnsweredCodingKeys: String, CodingKey { case _0 = "call", handler }
    enum CallAbandonedCodingKeys: String, CodingKey { case _0 = "call" }
    enum CallHandledCodingKeys: String, CodingKey { case _0 = "call", outcome, incident }
    enum HandlerSignedOnCodingKeys: String, CodingKey { case _0 = "handler" }
    enum HandlerSignedOffCodingKeys: String, CodingKey { case _0 = "handler" }
    enum PersonSeatedAsHandlerCodingKeys: String, CodingKey { case _0 = "handler" }
    enum PersonLeftSeatCodingKeys: String, CodingKey { case _0 = "handler" }
    enum CallReturnedCodingKeys: String, CodingKey { case _0 = "call", handler }
    enum ContactSwitchedCodingKeys: String, CodingKey { case _0 = "handler" }
    enum LineKeptCodingKeys: String, CodingKey { case _0 = "call" }
    enum CalledBackCodingKeys: String, CodingKey { case _0 = "call", answered }
    enum CallTransferredCodingKeys: String, CodingKey { case _0 = "call", to, reference }
    enum CallSignpostedCodingKeys: String, CodingKey { case _0 = "call", to }
    enum AgencyInformedCodingKeys: String, CodingKey { case _0 = "incident", agency, reference }
    enum CrimeRecordedCodingKeys: String, CodingKey { case _0 = "incident", number }
    enum CallNotedCodingKeys: String, CodingKey { case _0 = "call", text }
    enum StayedOnLineCodingKeys: String, CodingKey { case _0 = "call", incident }
    enum CallerReassuredCodingKeys: String, CodingKey { case _0 = "call" }
    enum RungBackCodingKeys: String, CodingKey { case _0 = "call", number, handler, answered }
    enum IncidentCreatedCodingKeys: String, CodingKey { case _0 = "incident", _1 = "opening" }
    enum IncidentStackedCodingKeys: String, CodingKey { case _0 = "incident", reason }
    enum IncidentRegradedCodingKeys: String, CodingKey { case _0 = "incident", grade }
    enum IncidentAssessedCodingKeys: String, CodingKey { case _0 = "incident", _1 = "assessment" }
    enum NoteAddedCodingKeys: String, CodingKey { case _0 = "incident", text }
    enum WarningsPassedCodingKeys: String, CodingKey { case _0 = "incident", unit }
    enum EmergencyAcknowledgedCodingKeys: String, CodingKey { case _0 = "unit" }
    enum WelfareCheckedCodingKeys: String, CodingKey { case _0 = "unit", next }
    enum UnitsRequestedCodingKeys: String, CodingKey { case _0 = "incident", count, urgent }
    enum UnitsNotNeededCodingKeys: String, CodingKey { case _0 = "incident" }
    enum IncidentClosedCodingKeys: String, CodingKey { case _0 = "incident", closingType, result }
    enum IncidentLinkedCodingKeys: String, CodingKey { case _0 = "incident", into }
    enum ChatRepliedCodingKeys: String, CodingKey { case _0 = "call", text }
    enum IncidentReopenedCodingKeys: String, CodingKey { case _0 = "incident", _1 = "opening" }
    enum IncidentDeferredCodingKeys: String, CodingKey { case _0 = "incident", until }
    enum DeferralEndedCodingKeys: String, CodingKey { case _0 = "incident" }
    enum IncidentRelocatedCodingKeys: String, CodingKey { case _0 = "incident", place }
    enum UnitAssignedCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident", eta, from, to }
    enum UnitDetachedCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident" }
    enum UnitStoodDownCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident" }
    enum UnitArrivedCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident" }
    enum ArrivalBookedCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident", dueAt }
    enum SendWithdrawnCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident" }
    enum ArrivalWithdrawnCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident", dueAt }
    enum UnitClearedCodingKeys: String, CodingKey { case _0 = "unit", _1 = "incident", result }
    enum UnitStatusChangedCodingKeys: String, CodingKey { case _0 = "unit", _1 = "status" }
    enum UnitShiftStartedCodingKeys: String, CodingKey { case _0 = "unit", endsAt, refs, at }
    enum UnitShiftEndedCodingKeys: String, CodingKey { case _0 = "unit" }
    enum UnitMovedCodingKeys: String, CodingKey { case _0 = "unit", to }
    enum RefreshmentsTakenCodingKeys: String, CodingKey { case _0 = "unit" }
    enum RefreshmentsInterruptedCodingKeys: String, CodingKey { case _0 = "unit", owed }
    enum RadioCodingKeys: String, CodingKey { case _0 = "transmission" }
}

/// One transmission on the talkgroup.
public struct Transmission: Sendable, Equatable, Codable {
    public enum Direction: Sendable, Equatable, Codable { case toControl, fromControl }
    public var unit: UnitIndex
    public var incident: IncidentID?
    public var direction: Direction
    public var message: RadioMessage
    public init(unit: UnitIndex, incident: IncidentID?, direction: Direction, message: RadioMessage) {
        self.unit = unit; self.incident = incident; self.direction = direction; self.message = message
    }
}

/// What was said, as a fact; the console words it in voice procedure.
public enum RadioMessage: Sendable, Equatable, Codable {
    /// Control deploys the unit ("KM21, grade one, ...").
    case deployed(grade: Grade)
    /// Control sends the unit to an officer's urgent assistance.
    case deployedToAssist(officer: UnitIndex)
    /// Control tells the unit to disregard a deployment sent in error.
    case disregard
    /// Control corrects a state it booked in error: the unit's state is this.
    case stateCorrected(UnitStatus)
    /// Control diverts the unit from its job to a more urgent one.
    case diverted
    case stateUpdate(UnitStatus)
    case result(JobResult)
    case backupRequested
    /// Emergency button: urgent assistance. Outranks everything.
    case urgentAssistance
    case urgentAssistanceCancelled
    case prisonerInCustody
    case onRefreshments
    case bookingOn
    case bookingOff
    /// Control stands the unit down from the incident.
    case standDown
    /// Control passes the address's warning markers.
    case warnings
    /// A free-text message from control.
    case text(String)
    /// "Received": the unit acknowledges control.
    case received
    /// Control acknowledges an emergency activation.
    case emergencyAcknowledged
    /// Control checks on a unit at scene ("are you OK?").
    case welfareCheck
    /// The unit's answer: all in order.
    case allInOrder
    /// At the location given, nobody there who called: no trace.
    case nothingFound
    /// Control passes the incident's corrected location.
    case locationChanged
    /// Control tells the unit its job is a duplicate: it is on the incident it duplicates now.
    case linked(reference: Int64)
    /// Sent to a street with no house number: the officers search along it.
    case searchingStreet
    /// Found the caller on the street: the incident's place is now where they are.
    case callerFound
}
