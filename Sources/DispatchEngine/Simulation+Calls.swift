/// Calls: ringing (the demand's and the script's, by one path), the automated call handlers, a
/// person's call-handling seat, and the incident a call opens.
extension Simulation {
    /// The demand's next call on `line` rings now.
    func callArrives(on line: Line) {
        ring(demand.drawCall(number: nextCallNumber, on: line), on: line)
        setNextArrival(line, demand.nextArrival(on: line, after: now) ?? .max)
    }

    /// A call rings: the free handlers may answer it at once; a caller left waiting may hang up.
    @discardableResult
    func ring(_ draw: CallDraw, on line: Line) -> CallID {
        let handle = world.calls.nextHandle()
        let id = CallID(slot: handle.slot, generation: handle.generation)
        callArrived(id, number: nextCallNumber, line: line, draw: draw)
        nextCallNumber += 1
        // A caller cut off before the call is put through (a scripted patience of 0s).
        if draw.patience == 0 { callerHangsUp(id); return id }
        answerWaitingCalls()
        // Ringing at a person's seat, it is theirs for so long; then anyone free takes it, as an
        // automatic call distributor does. (No timer without a person: runs stay as they were.)
        if !world.personSeats.isEmpty, world.calls[id.slot].state == .waiting {
            schedule(.personRingEnds(id), at: now + (line.isPhone ? Self.personRingLimit : Self.personContactLimit))
        }
        // Only a caller left waiting can hang up.
        if draw.patience != .max, world.calls[id.slot].state == .waiting {
            schedule(.callerHangsUp(id), at: now + draw.patience)
        }
        return id
    }

    /// The automated call handlers take waiting calls while any of them is free.
    /// How long a call rings at a free person's seat before the engine's handlers may take it.
    public static let personRingLimit: SimTime = 10 * Clock.second
    /// How long a chat, e-mail or online report waits for a person's seat before the engine's
    /// digital desk may take it (half the chat standard).
    public static let personContactLimit: SimTime = 60 * Clock.second

    func answerWaitingCalls() {
        // A call rings at a free person's seat first, and only while it is free and for the
        // first ten seconds: a busy or absent person never holds a caller waiting.
        let leave = world.personSeats.isEmpty ? 0 : world.freePersonSeats
        let before = actor
        defer { actor = before }
        while let handler = world.freeHandlers.last,
              let id = world.nextCallToAnswer(skipping: leave, ringingSince: now - Self.personRingLimit) {
            actor = .automatedHandler(handler)
            callAnswered(id, handler: handler)
            schedule(.handlingEnds(id), at: now + world.calls[id.slot].draw.handling)
        }
        ringBackAbandoned()
        if world.contactsWaiting > 0 { answerWaitingContacts() }
    }

    /// The automated digital desk replies to waiting chats, e-mails and online reports while
    /// any of its handlers holds fewer than it can; each contact then takes its handling time.
    /// A person's seat with room for one more is offered each new contact first, for
    /// `personContactLimit`, as a phone call rings at it first.
    private func answerWaitingContacts() {
        let before = actor
        defer { actor = before }
        let personHasRoom = world.personSeats.contains { world.handlers[Int($0)].onDuty && world.contactsHeld(by: $0) < config.contactsAtOnce }
        let arrivedBy = personHasRoom ? now - Self.personContactLimit : .max
        while let handler = world.freeDigitalHandler, let id = world.nextContactToAnswer(arrivedBy: arrivedBy) {
            actor = .automatedHandler(handler)
            callAnswered(id, handler: handler)
            schedule(.handlingEnds(id), at: now + world.calls[id.slot].draw.handling)
        }
    }

    /// An automated handler has finished with a call: it decides it by the call's truth.
    func handlingEnds(_ id: CallID) {
        guard let call = world.call(id) else { return }
        if case .inHandling(let h) = call.state { actor = .automatedHandler(h) }
        // (Checked here: most calls are not rung back, and the check copies nothing.)
        if call.ringBack, endRingBack(id, call) { return }
        let draw = call.draw
        switch draw.outcome {
        case .incident:
            let incident = openIncident(for: call)
            callHandled(id, outcome: .incident, incident: incident)
        case .duplicate:
            if let existing = draw.script >= 0 ? scriptedIncidentReportedAgain(draw) : incidentReportedAgain(pick: draw.duplicatePick) {
                callHandled(id, outcome: .duplicate, incident: existing)
            } else {
                // Nothing open to report again: the caller is the first to report it.
                let incident = openIncident(for: call)
                callHandled(id, outcome: .incident, incident: incident)
            }
        case .crimeReport:
            // Recorded as a crime with its number (an online report usually is), no deployment.
            let incident = openIncident(for: call, grade: .resolution, closing: .reportTaken)
            callHandled(id, outcome: .crimeReport, incident: incident)
        case .advice, .transfer, .silentNoResponse, .noAnswer, .accidental, .signposted, .rightCare:
            callHandled(id, outcome: draw.outcome, incident: nil)
        }
        answerWaitingCalls()
    }

    /// What a call is really about, for the words its caller says: a duplicate caller describes the
    /// open incident they are reporting again (nil: there is none, so the call is about its own draw).
    public func incidentReportedAgain(by call: Call) -> IncidentID? {
        guard call.draw.outcome == .duplicate else { return nil }
        if call.draw.script >= 0 { return scriptedIncidentReportedAgain(call.draw) }
        return incidentReportedAgain(pick: call.draw.duplicatePick)
    }

    /// An open incident from the last `duplicateWindow`, chosen by the call's own draw.
    private func incidentReportedAgain(pick: Double) -> IncidentID? {
        let recent = world.recentIncidents
        guard !recent.isEmpty else { return nil }
        let start = min(Int(pick * Double(recent.count)), recent.count - 1)
        for offset in 0..<recent.count {
            let entry = recent[(start + offset) % recent.count]
            if world.isOpen(entry.id), now - entry.createdAt <= config.duplicateWindow { return entry.id }
        }
        return nil
    }

    /// Opens the incident a call reports: as the engine's call handler grades it (the truth the
    /// call carries), or as a person decided.
    func openIncident(for call: Call, type: Int32? = nil, grade: Grade? = nil, place: Int32? = nil,
                      assessment: Assessment? = nil, closing: JobResult = .adviceGiven) -> IncidentID {
        let type = type ?? call.draw.type, grade = grade ?? call.draw.grade, place = place ?? call.draw.place
        let needed = grade.deploys ? types[Int(type)].unitsNeeded(grade) : 0
        let handle = world.incidents.nextHandle()
        let id = IncidentID(slot: handle.slot, generation: handle.generation)
        incidentCreated(id, IncidentOpening(reference: nextReference, type: type, grade: grade,
                                            place: place, line: call.line,
                                            callNumber: call.number, unitsNeeded: needed,
                                            truePlace: call.draw.place))
        nextReference += 1
        if let assessment, !assessment.isEmpty { emit(.incidentAssessed(id, assessment)) }
        if !grade.deploys {
            // Grade 4: resolved without deployment (appointment or advice recorded, or a crime
            // recorded on the phone with its number).
            if closing == .reportTaken {
                emit(.crimeRecorded(id, number: "CR/" + String(nextCrimeNumber).zeroPadded(6)))
                nextCrimeNumber += 1
            }
            incidentClosed(id, closingType: type, result: closing)
        }
        return id
    }

    /// The reference the ambulance or fire control room gives for a job passed to them.
    func partnerReference(_ agency: Agency) -> String {
        defer { partnerReferences[agency.rawValue] += 1 }
        return (agency == .ambulance ? "AMB-" : "FRS-") + String(partnerReferences[agency.rawValue]).zeroPadded(5)
    }

    // MARK: A person's seat

    /// The commands of a person in the call-handling seat.
    func carryOutCallHandling(_ command: Command) throws(CommandRefusal) {
        switch command {
        case .seatCallHandler:
            emit(.personSeatedAsHandler(HandlerIndex(world.handlers.count)))
        case let .answerNext(handler):
            guard try !personsSeat(handler, onDuty: true).onPhone else { throw .handlerBusy }
            guard let id = world.nextCallToAnswer() else { throw .noCallWaiting }
            emit(.callAnswered(id, handler: handler))
            // The call left ringing for this seat is taken: the others may answer what is left.
            answerWaitingCalls()
        case let .takeContact(handler):
            _ = try personsSeat(handler, onDuty: true)
            guard world.contactsHeld(by: handler) < config.contactsAtOnce else { throw .tooManyContacts }
            guard let id = world.nextContactToAnswer() else { throw .noContactWaiting }
            emit(.callAnswered(id, handler: handler))
        case let .switchContact(handler):
            guard try !personsSeat(handler, onDuty: true).held.isEmpty else { throw .noOtherContact }
            emit(.contactSwitched(handler))
        case let .decideCall(handler, decision):
            let (id, call) = try personsCall(handler)
            guard world.onTheLine[id] == nil else { throw .callAlreadyDecided }
            try decide(id, call, decision)
        case let .reassure(handler):
            let (id, _) = try personsCall(handler)
            emit(.callerReassured(id))
        case let .endCall(handler):
            let (id, _) = try personsCall(handler)
            guard let incident = world.onTheLine[id]?.incident else { throw .notStayingOnLine }
            emit(.callHandled(id, outcome: .incident, incident: incident))
            answerWaitingCalls()
        case let .leaveCallHandlerSeat(handler):
            // (Contacts held always have one in front: a seat holding any is busy.)
            guard try personsSeat(handler, onDuty: true).call == nil else { throw .handlerBusy }
            emit(.personLeftSeat(handler))
            answerWaitingCalls()
        case let .releaseCallHandlerSeat(handler):
            let seat = try personsSeat(handler, onDuty: true)
            for id in ([seat.call].compactMap { $0 } + seat.held) where world.call(id) != nil {
                if let line = world.onTheLine[id] {
                    // Its incident stands: the line is closed, said on the call's record.
                    emit(.callNoted(id, text: "The line closed: the handler's console was lost after the incident was created."))
                    emit(.callHandled(id, outcome: .incident, incident: line.incident))
                } else {
                    emit(.callReturned(id, handler: handler))
                }
            }
            emit(.personLeftSeat(handler))
            answerWaitingCalls()
        case let .keepLine(handler):
            let (id, call) = try personsCall(handler)
            guard call.draw.silent else { throw .notASilentCall }
            if !call.lineKept { emit(.lineKept(id)) }
        case let .ringBack(handler, number):
            try personRingsBack(handler, number: number)
        case let .callBack(handler):
            let (id, call) = try personsCall(handler)
            guard call.draw.silent else { throw .notASilentCall }
            guard call.calledBack == nil else { throw .alreadyCalledBack }
            emit(.calledBack(id, answered: call.draw.answersCallBack))
        case let .noteCall(handler, text):
            let (id, _) = try personsCall(handler)
            emit(.callNoted(id, text: try Self.checked(text)))
        case let .replyToChat(handler, text):
            let (id, call) = try personsCall(handler)
            guard call.line == .chat else { throw .notAChat }
            emit(.chatReplied(id, text: try Self.checked(text)))
        default:
            preconditionFailure("not a call handler's command: \(command)")
        }
    }

    /// Carries out a person's decision on a call, checking it first.
    private func decide(_ id: CallID, _ call: Call, _ decision: CallDecision) throws(CommandRefusal) {
        switch decision {
        case let .incident(type, grade, place, assessment, stay):
            try checkTypeAndPlace(type, place)
            let cleaned = try Self.checked(assessment)
            if stay && grade.deploys && (call.line == .email || call.line == .onlineReport) { throw .cannotStayOnContact }
            let incident = openIncident(for: call, type: type, grade: grade, place: place, assessment: cleaned)
            // Staying on the line with the caller while officers travel: the call goes on.
            if stay && grade.deploys { emit(.stayedOnLine(id, incident: incident)); return }
            emit(.callHandled(id, outcome: .incident, incident: incident))
        case let .duplicate(existing):
            guard world.isOpen(existing) else { throw .incidentNotOpen }
            emit(.callHandled(id, outcome: .duplicate, incident: existing))
        case let .advice(closingType, place):
            try checkTypeAndPlace(closingType, place)
            let incident = openIncident(for: call, type: closingType, grade: .resolution, place: place)
            emit(.callHandled(id, outcome: .advice, incident: incident))
        case let .transfer(agency):
            emit(.callTransferred(id, to: agency, reference: partnerReference(agency)))
            emit(.callHandled(id, outcome: .transfer, incident: nil))
        case let .crimeReport(type, place):
            try checkTypeAndPlace(type, place)
            let incident = openIncident(for: call, type: type, grade: .resolution, place: place, closing: .reportTaken)
            emit(.callHandled(id, outcome: .crimeReport, incident: incident))
        case let .signpost(partner):
            emit(.callSignposted(id, to: partner))
            emit(.callHandled(id, outcome: .signposted, incident: nil))
        case .rightCare:
            emit(.callSignposted(id, to: .mentalHealthCrisis))
            emit(.callHandled(id, outcome: .rightCare, incident: nil))
        case .noResponse:
            // Rung back: nobody answered, or it was made by accident.
            let outcome: CallOutcome = !call.ringBack ? .silentNoResponse : call.calledBack == true ? .accidental : .noAnswer
            emit(.callHandled(id, outcome: outcome, incident: nil))
        }
        answerWaitingCalls()
    }

    private func checkTypeAndPlace(_ type: Int32, _ place: Int32) throws(CommandRefusal) {
        guard config.incidentTypes.indices.contains(Int(type)) else { throw .noSuchIncidentType }
        guard config.places.isEmpty ? place == 0 : config.places.indices.contains(Int(place)) else { throw .noSuchPlace }
    }
}
