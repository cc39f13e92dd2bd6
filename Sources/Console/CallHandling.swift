import DispatchEngine
import ReadModel

/// The call handler's keys: answering, filling in the incident form, and deciding the call. Every
/// decision is an engine command; the console only gathers what the person typed.
extension Update {
    /// Answers the next ringing call, or goes back to the call the person is on.
    static func answer(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.role.handlesCalls, let seat = state.handlerSeat else {
            state.complain("You are not in a call handler's seat (:take call-handler)")
            return []
        }
        // Back to the contact in front, unless it is a chat and a call rings: n answers the phone.
        if let front = floor.call(at: seat), front.line.isPhone || floor.world.nextCallToAnswer() == nil || floor.world.handlers[Int(seat)].onPhone {
            settle(&state, floor)
            state.mode = .call
            return []
        }
        guard floor.world.nextCallToAnswer() != nil else { state.complain("No call is ringing."); return [] }
        state.message = nil
        return [.execute(.answerNext(seat))]
    }

    /// Takes the next chat, e-mail or online report beside what the person holds; with none
    /// waiting, goes back to the contact in front.
    static func takeContact(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.role.handlesCalls, let seat = state.handlerSeat else {
            state.complain("You are not in a call handler's seat (:take call-handler)")
            return []
        }
        guard floor.world.nextContactToAnswer() != nil else {
            if floor.call(at: seat) != nil { settle(&state, floor); state.mode = .call; return [] }
            state.complain("No chat, e-mail or online report is waiting.")
            return []
        }
        let limit = floor.config.contactsAtOnce
        guard floor.world.contactsHeld(by: seat) < limit else {
            state.complain("You hold \(limit) chats and e-mails, as many as one person can: finish one first")
            return []
        }
        state.message = nil
        return [.execute(.takeContact(seat))]
    }

    /// Puts the contact in front aside and brings the next one held forward.
    static func switchContact(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard let seat = state.handlerSeat, let next = floor.heldContacts(at: seat).first else {
            state.complain("You hold nothing else: c takes a chat or e-mail, n answers a call")
            return []
        }
        state.say("To \(next.line.contact) \(next.number); the other waits (F6 comes back).")
        return [.execute(.switchContact(seat))]
    }

    /// Rings back an abandoned 999 call from the callback list (nil: the oldest).
    static func ringBackAbandoned(_ number: Int64?, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.role.handlesCalls, let seat = state.handlerSeat else {
            state.complain("You are not in a call handler's seat (:take call-handler)")
            return []
        }
        guard floor.call(at: seat) == nil else { state.complain("Finish the call you are on first (n goes back to it)"); return [] }
        let list = floor.callbackList()
        guard let callback = number.map({ n in list.first { $0.number == n } }) ?? list.first else {
            state.complain(number == nil ? "No abandoned 999 call is waiting to be rung back."
                           : "Call \(number!) is not on the callback list")
            return []
        }
        state.say("Ringing back \(callback.cli ?? "the caller") (999 call \(callback.number))...")
        return [.execute(.ringBack(seat, number: callback.number))]
    }

    /// Brings the console in line with the person's seat after the engine has acted: a call just
    /// answered opens its form; a call that ended closes it and says what it became.
    public static func settle(_ state: inout ConsoleState, _ floor: Floor) {
        state.alerts.look(floor)
        let front = floor.call(at: state.handlerSeat)
        if let front, state.call?.callNumber == front.number { return }
        // A contact put aside keeps its form; one that ended says what it became.
        if let form = state.call {
            state.call = nil
            if floor.heldContacts(at: state.handlerSeat).contains(where: { $0.number == form.callNumber }) {
                state.heldForms[form.callNumber] = form
            } else {
                ended(form, &state, floor)
            }
        }
        // A reply begun is to the chat it was typed on.
        state.chatDraft = EditedLine()
        if state.mode == .reply { state.line = EditedLine() }
        if let call = front {
            state.call = state.heldForms.removeValue(forKey: call.number) ?? newForm(call, floor)
            state.mode = .call
            return
        }
        if state.mode == .call || state.mode == .reply || state.mode.isReason { state.mode = .normal }
    }

    static func newForm(_ call: Call, _ floor: Floor) -> CallForm {
        let subject = floor.subject(of: call)
        let contact = call.line.isPhone ? CallerDetails.contactNumber(call, floor.config) : CallerDetails.email(call.draw, floor.config)
        // Only what the caller gave: a scripted caller the trainer did not name is not named here.
        let caller = call.draw.silent ? "" : "\(CallerDetails.givenName(call.draw, floor.config) ?? CallerDetails.nameNotGiven), \(contact), \(Wording.relation(call.draw.caller.relation))"
        return CallForm(callNumber: call.number, subject: subject, caller: caller)
    }

    /// A contact has ended: its incident is selected and the status line says what it became.
    private static func ended(_ form: CallForm, _ state: inout ConsoleState, _ floor: Floor) {
        if let reference = floor.incidents.reference(openedBy: form.callNumber) {
            if floor.incident(reference: reference) != nil { state.selectedIncident = reference }
            let crime = floor.incidents.entry(reference: reference)?.narrative.lazy.compactMap { entry -> String? in
                if case let .crimeRecorded(number) = entry.fact { return number } else { return nil }
            }.first
            if !state.messageIsError {
                state.say((state.message ?? "Call ended.") + " Ref \(Floor.reference(reference))." + (crime.map { " Crime number \($0) for the caller." } ?? ""))
            }
        }
    }

    static func callKeys(_ key: Key, _ state: inout ConsoleState, _ floor: Floor, size: (width: Int, height: Int)) -> [ConsoleEffect] {
        guard var form = state.call, floor.call(at: state.handlerSeat) != nil else {
            state.mode = .normal
            return []
        }
        defer { if state.call != nil, state.call?.callNumber == form.callNumber { state.call = form } }
        let staying = floor.onTheLine(at: state.handlerSeat)?.incident != nil
        if form.editing && !staying { return edit(key, &form, &state, floor) }
        form.editing = false
        guard let action = state.keys.call.action(for: key) else {
            return unknown(key, &state, hint: "on a call, c creates, 1-5 link a duplicate, r resolves, t/f transfer, b/l/x for a silent call, e edits, Esc floor (? lists them)")
        }
        if staying, action == .transferToAmbulance || action == .transferToFire, let id = floor.onTheLine(at: state.handlerSeat)?.incident {
            let agency: Agency = action == .transferToAmbulance ? .ambulance : .fire
            state.say("Police attend; \(Wording.agency(agency)) informed.")
            return [.execute(.inform(id, agency))]
        }
        if staying, Self.decisions.contains(action) {
            state.complain(Self.alreadyDecided)
            return []
        }
        switch action {
        case .back:
            state.mode = .normal
            state.say("Still on the call: n goes back to it.")
        case .editForm:
            form.editing = true
        case .createIncident:
            return create(&form, &state)
        case .createAndStay:
            return create(&form, &state, stay: true)
        case .reassureCaller:
            return reassure(&state, floor)
        case .noteFromCaller:
            return noteFromCaller(&state, floor)
        case .replyToChat:
            guard floor.call(at: state.handlerSeat)?.line == .chat else {
                state.complain("w writes to a live chat: on a call, speak to the caller; an e-mail or a report is answered by how you decide it")
                return []
            }
            state.mode = .reply
            state.line = state.chatDraft
            return []
        case .linkDuplicate:
            guard case .character(let c) = key, let n = c.wholeNumberValue.map({ $0 - 1 }) else { return [] }
            guard let place = form.place else { state.complain("Choose the location first: the duplicates are the incidents near it"); return [] }
            let list = floor.likelyDuplicates(place: place, type: form.type)
            guard list.indices.contains(n) else { state.complain("No likely duplicate \(n + 1): \(list.count) offered"); return [] }
            return link(list[n].incident, reference: list[n].reference, &state, floor: floor, graded: form.grade)
        case .resolveOnPhone:
            return resolve(form, &state, floor)
        case .crimeByPhone:
            return crimeByPhone(form, &state, floor)
        case .signpost:
            state.commandFrom = state.mode
            state.mode = .command
            state.line = EditedLine("signpost ")
        case .rightCare:
            return rightCare(&state)
        case .transferToAmbulance:
            return transfer(.ambulance, &state)
        case .transferToFire:
            return transfer(.fire, &state)
        case .ringBack:
            return callBack(&state)
        case .keepLine:
            return keepLine(&state)
        case .switchContact:
            return switchContact(&state, floor)
        case .closeSilent:
            if floor.onTheLine(at: state.handlerSeat)?.incident != nil { return endStayedCall(&state, floor) }
            return closeSilent(&state, floor)
        default:
            // The clock, the alarm, the command line, the overview and the help work on a call.
            return perform(action, &state, floor, size: size)
        }
        return []
    }

    /// Typing into the form.
    static func edit(_ key: Key, _ form: inout CallForm, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        let fields = CallForm.Field.allCases
        // No wrapping round: Down from the narrative never lands in the location, where typing
        // would change the chosen place.
        func move(_ delta: Int) {
            let to = form.field.rawValue + delta
            guard fields.indices.contains(to) else {
                state.say(to < 0 ? "Location is the first field." : "Narrative is the last field: F2 creates the incident, F3 creates it and stays on the line.")
                return
            }
            form.field = fields[to]
            form.matchIndex = 0
        }
        let action = state.keys.form.action(for: key)
        let afterGrade = form.justGraded
        form.justGraded = false
        if afterGrade, action == .chooseAndNextField, form.field == .threat {
            // The Enter after typing a grade: the grade is set, and Threat waits to be written.
            return []
        }
        switch action {
        case .stopEditing:
            form.editing = false
        case .chooseOrNextField:
            // Tab chooses a match (again: the next match); with nothing to complete, next field.
            if !choose(&form, floor, cycle: true, located: located(state, floor)) { move(1) }
        case .chooseAndNextField:
            _ = choose(&form, floor, cycle: false, located: located(state, floor))
            move(1)
        case .nextField: move(1)
        case .previousField: move(-1)
        case .createIncident:
            return create(&form, &state)
        case .createAndStay:
            return create(&form, &state, stay: true)
        case .switchContact:
            return switchContact(&state, floor)
        case .help:
            openHelp(&state)
        case .rubOut:
            var text = form.value(form.field)
            switch form.field {
            case .grade: form.grade = nil
            case .flags: form.flags = []
            default:
                if chosen(form) {
                    // Back to what was typed before it was completed.
                    text = form.typed[form.field] ?? ""
                    unchoose(&form)
                } else if !text.isEmpty {
                    text.removeLast()
                }
                form.text[form.field] = text
                form.matchIndex = 0
            }
        default:
            guard case .character(let c) = key else { return [] }
            switch form.field {
            case .grade:
                guard let n = c.wholeNumberValue, let grade = Grade(rawValue: n) else {
                    state.complain("Grade: type 1, 2, 3 or 4")
                    return []
                }
                form.grade = grade
                move(1)
                form.justGraded = true
            case .flags:
                guard let n = c.wholeNumberValue, (1...Vulnerability.all.count).contains(n) else {
                    state.complain("Vulnerable: the numbers 1-\(Vulnerability.all.count) toggle the flags")
                    return []
                }
                let flag = Vulnerability.all[n - 1]
                if form.flags.contains(flag) { form.flags.remove(flag) } else { form.flags.insert(flag) }
            default:
                if chosen(form) {
                    // Typing after a completion refines what was typed, not the chosen name:
                    // said, so a chosen place is never changed unseen.
                    if form.field == .location { state.say("Changing the location from \(form.value(.location)): Tab chooses again.") }
                    form.text[form.field] = form.typed[form.field] ?? ""
                    unchoose(&form)
                }
                guard form.value(form.field).count < 300 else { return [] }
                form.text[form.field, default: ""].append(c)
                form.matchIndex = 0
            }
        }
        return []
    }

    static func chosen(_ form: CallForm) -> Bool {
        (form.field == .location && form.place != nil) || (form.field == .type && form.type != nil)
    }

    static func unchoose(_ form: inout CallForm) {
        if form.field == .location { form.place = nil }
        if form.field == .type { form.type = nil }
        form.typed[form.field] = nil
    }

    /// The places the caller's line puts them at (the AML circle's, or the subscriber's address).
    static func located(_ state: ConsoleState, _ floor: Floor) -> [Int32] {
        guard let call = floor.call(at: state.handlerSeat) else { return [] }
        return floor.callerLocation(call).places.prefix(5).map(\.place)
    }

    /// Chooses the highlighted gazetteer place or type for what was typed (nothing typed: the
    /// places the caller's line gives). Returns whether there was anything to choose.
    static func choose(_ form: inout CallForm, _ floor: Floor, cycle: Bool, located: [Int32] = []) -> Bool {
        let typed = form.value(form.field)
        switch form.field {
        case .location, .type:
            let names = form.field == .location ? floor.placeNames : floor.typeNames
            let chosen = form.field == .location ? form.place : form.type
            if chosen != nil && !cycle { return false }
            // Once chosen, Tab moves on unless it cycles through the matches of the typed text.
            let query = chosen == nil ? typed : (form.typed[form.field] ?? typed)
            let fromLine = form.field == .location && query.isEmpty
            let vagueFrom = form.field == .location ? floor.config.addressCount : .max
            let matches = fromLine ? located.map(Int.init)
                : form.field == .location ? Gazetteer.places(query, floor, limit: 40)
                : Gazetteer.matches(query, in: names, limit: 40, vagueFrom: vagueFrom)
            guard !matches.isEmpty, fromLine || !typed.isEmpty else { return false }
            if chosen != nil {
                guard matches.count > 1 else { return false }
                form.matchIndex += 1
            }
            let pick = matches[form.matchIndex % matches.count]
            if chosen == nil { form.typed[form.field] = typed }
            form.text[form.field] = names[pick]
            if form.field == .location { form.place = Int32(pick) } else { form.type = Int32(pick) }
            return true
        default:
            return false
        }
    }

    static func create(_ form: inout CallForm, _ state: inout ConsoleState, stay: Bool = false) -> [ConsoleEffect] {
        if let (field, why) = form.missing {
            form.field = field
            form.editing = true
            state.complain(why)
            return []
        }
        let staying = stay && form.grade!.deploys
        state.say("Incident created, grade \(form.grade!.rawValue)." + (staying ? " You are still on the line: h says help is coming, x ends the call." : ""))
        if staying { form.editing = false }
        return decide(.incident(type: form.type!, grade: form.grade!, place: form.place!, assessment: form.assessment, stay: staying), state)
    }

    /// What decides a call: refused once its incident is created and the handler stays on the line.
    static let decisions: Set<Action> = [.editForm, .createIncident, .createAndStay, .linkDuplicate, .resolveOnPhone,
                                         .transferToAmbulance, .transferToFire, .ringBack, .keepLine,
                                         .crimeByPhone, .signpost, .rightCare]
    static let alreadyDecided = "Its incident is created and you are on the line: h help is coming, i note, x ends the call"

    /// Staying on the line: tells the caller help is on the way.
    static func reassure(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard floor.onTheLine(at: state.handlerSeat)?.incident != nil else {
            state.complain("Create the incident first (s creates it and keeps you on the line)")
            return []
        }
        state.say("You tell the caller help is on the way.")
        return seatCommand(Command.reassure, state)
    }

    /// Staying on the line: the command line, ready to note what the caller says into the incident.
    static func noteFromCaller(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard let id = floor.onTheLine(at: state.handlerSeat)?.incident, let incident = floor.world.incident(id) else {
            state.complain("Create the incident first: then i notes what the caller says into it")
            return []
        }
        state.commandFrom = state.mode
        state.mode = .command
        state.line = EditedLine("note \(Floor.reference(incident.reference)) caller says: ")
        return []
    }

    /// Ends a call stayed on; asks first while no unit is with the caller yet.
    static func endStayedCall(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard let id = floor.onTheLine(at: state.handlerSeat)?.incident else { return [] }
        let end = seatCommand(Command.endCall, state)
        let arrived = (floor.world.incident(id)?.firstArrivedAt ?? -1) >= 0 || !floor.world.isOpen(id)
        state.say("Call ended.")
        return state.confirm(arrived ? nil : "No unit is with the caller yet: end the call anyway?", end)
    }

    // The decisions, shared by the call's keys and the typed commands.

    /// Links the call to an open incident as a further caller. If the handler graded this caller
    /// graver than the incident stands (what they describe is worse: a weapon now, someone hurt),
    /// the link asks whether to re-THRIVE and regrade the incident to that grade, and does both.
    static func link(_ incident: IncidentID, reference: Int64, _ state: inout ConsoleState,
                     floor: Floor? = nil, graded: Grade? = nil) -> [ConsoleEffect] {
        let linking = decide(.duplicate(of: incident), state)
        if let floor, let graded, graded.deploys, let current = floor.world.incident(incident)?.grade, graded < current {
            state.say("Call linked to \(Floor.reference(reference)) as a further caller.")
            // Any other key does nothing: to link without regrading, clear this call's grade first.
            return state.confirm("This caller is graded \(graded.rawValue), \(Floor.reference(reference)) is grade \(current.rawValue): "
                                 + "link the call and regrade \(Floor.reference(reference)) to \(graded.rawValue) (re-THRIVE)?",
                                 linking + [.execute(.regrade(incident, graded))])
        }
        state.say("Call linked to \(Floor.reference(reference)) as a further caller.")
        return linking
    }

    static func resolve(_ form: CallForm, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard let place = form.place, let type = form.type else {
            state.complain("To resolve on the phone, choose the location and the closing type on the form first")
            return []
        }
        return askWhy("Resolve on the phone with advice, closed as \(floor.typeName(type))?",
                      decide(.advice(closingType: type, place: place), state),
                      done: "Resolved on the phone: advice given, closed as \(floor.typeName(type)).", &state)
    }

    static func crimeByPhone(_ form: CallForm, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard let place = form.place, let type = form.type else {
            state.complain("To record a crime on the phone, choose the location and the type on the form first")
            return []
        }
        return askWhy("Record a crime on the phone: \(floor.typeName(type)) at \(floor.placeName(place)), no deployment?",
                      decide(.crimeReport(type: type, place: place), state),
                      done: "Crime recorded on the phone.", &state)
    }

    static func signpost(_ partner: Partner, _ state: inout ConsoleState) -> [ConsoleEffect] {
        askWhy("Signpost the caller to \(Wording.partner(partner))?", decide(.signpost(partner), state),
               done: "Caller signposted to \(Wording.partner(partner)).", &state)
    }

    static func rightCare(_ state: inout ConsoleState) -> [ConsoleEffect] {
        askWhy("Right Care, Right Person: no crime, no real and immediate risk to life: hand to health?",
               decide(.rightCare, state), done: "Handed to health: the mental-health crisis line (Right Care, Right Person).", &state)
    }

    static func transfer(_ agency: Agency, _ state: inout ConsoleState) -> [ConsoleEffect] {
        askWhy("Transfer the call to \(Wording.agency(agency))?", decide(.transfer(agency), state),
               done: "Call transferred to \(Wording.agency(agency)).", &state)
    }

    /// Ending a call for good asks first, and the reason goes on the call's record.
    static func askWhy(_ question: String, _ effects: [ConsoleEffect], done: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard !effects.isEmpty else { return [] }
        state.mode = .reason(question: question, effects: effects, done: done)
        state.line = EditedLine()
        state.message = nil
        return []
    }

    /// Keys while the reason is typed: Enter records it and goes ahead, Esc keeps the call.
    static func reasonKeys(_ key: Key, _ action: Action?, _ effects: [ConsoleEffect], _ done: String,
                           _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch action {
        case .cancel:
            state.mode = .call
            state.line = EditedLine()
            state.say("Nothing done: you are still on the call.")
        case .run:
            let reason = SafeText.clean(state.input).trimmedOfSpaces
            guard !reason.isEmpty, let seat = state.handlerSeat else {
                state.complain("Say why in a few words (it goes on the call's record), or Esc to keep the call")
                return []
            }
            state.mode = .call
            state.line = EditedLine()
            state.say(done)
            return [.execute(.noteCall(seat, reason))] + effects
        case .help:
            openHelp(&state)
        default:
            edit(key, action, &state)
        }
        return []
    }

    /// Typing to the person on a live chat: Enter sends the line (and keeps the line open for
    /// the next), Esc goes back to the chat, keeping what was typed.
    static func replyKeys(_ key: Key, _ action: Action?, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        switch action {
        case .cancel:
            state.chatDraft = state.line
            state.line = EditedLine()
            state.mode = .call
        case .run:
            let text = SafeText.clean(state.input).trimmedOfSpaces
            guard !text.isEmpty else { state.complain("Type the reply first (Esc goes back to the chat)"); return [] }
            guard floor.call(at: state.handlerSeat)?.line == .chat else {
                state.mode = .call
                state.complain("The chat has ended: nothing was sent")
                return []
            }
            state.line = EditedLine()
            state.chatDraft = EditedLine()
            state.say("Sent on the chat.")
            return seatCommand({ .replyToChat($0, text) }, state)
        case .help:
            openHelp(&state)
        default:
            edit(key, action, &state)
        }
        return []
    }

    static func callBack(_ state: inout ConsoleState) -> [ConsoleEffect] {
        state.say("Calling the number back...")
        return seatCommand(Command.callBack, state)
    }

    static func keepLine(_ state: inout ConsoleState) -> [ConsoleEffect] {
        state.say("Keeping the line open: listen for anything that says where they are.")
        return seatCommand(Command.keepLine, state)
    }

    static func closeSilent(_ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        if let call = floor.call(at: state.handlerSeat), call.ringBack {
            let answered = call.calledBack == true
            return askWhy(answered ? "Close the ring back: the call was made by accident, all is well?" : "Close the ring back: no answer, voicemail left?",
                          decide(.noResponse, state),
                          done: answered ? "Ring back closed: made by accident." : "Ring back closed: no answer.", &state)
        }
        return askWhy("Close the silent call with no response?", decide(.noResponse, state),
                      done: "Silent call closed: no response.", &state)
    }

    static func decide(_ decision: CallDecision, _ state: ConsoleState) -> [ConsoleEffect] {
        guard let seat = state.handlerSeat else { return [] }
        return [.execute(.decideCall(seat, decision))]
    }

    static func seatCommand(_ make: (HandlerIndex) -> Command, _ state: ConsoleState) -> [ConsoleEffect] {
        guard let seat = state.handlerSeat else { return [] }
        return [.execute(make(seat))]
    }
}
