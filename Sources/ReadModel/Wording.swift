import DispatchEngine

/// How the room words the engine's facts: status codes, radio traffic in voice procedure,
/// results, unit kinds. The engine never formats text; this is where it is done.
public enum Wording {
    public static func status(_ s: UnitStatus) -> String {
        switch s {
        case .emergency: return "EMERGENCY"
        case .onDuty: return "on duty"
        case .onPatrol: return "on patrol"
        case .atStation: return "at station"
        case .refreshments: return "refreshments"
        case .enRoute: return "en route"
        case .atScene: return "at scene"
        case .committedDeployable: return "committed, deployable"
        case .committedNotDeployable: return "committed"
        case .prisonerEscort: return "prisoner escort"
        case .atCourt: return "at court"
        case .offDuty: return "off duty"
        }
    }

    public static func kind(_ k: UnitKind) -> String {
        switch k {
        case .response: return "response"
        case .neighbourhood: return "neighbourhood"
        case .pcso: return "PCSO"
        case .roads: return "roads policing"
        case .armed: return "ARV"
        case .dog: return "dog unit"
        }
    }

    public static func shortKind(_ k: UnitKind) -> String {
        switch k {
        case .response: return "resp"
        case .neighbourhood: return "nbhd"
        case .pcso: return "PCSO"
        case .roads: return "roads"
        case .armed: return "ARV"
        case .dog: return "dog"
        }
    }

    /// Why a unit is where it is in the recommendations, in a few words.
    public static func reason(_ fit: PlanFit, kind: UnitKind, crew: Int, crewNeeded: Int,
                              onRefreshments: Bool, area: String?, otherArea: Bool = false, gain: SimTime? = nil,
                              costly: Bool = false) -> String {
        let why: String
        switch fit {
        case .preferred: why = crewNeeded >= 2 && crew >= 2 ? "double-crewed" : "first choice"
        case .allowed: why = "\(shortKind(kind)): plan allows"
        case .offArea: why = "off its area" + (area.map { " (\($0))" } ?? "")
        case .singleCrewed: why = "single-crewed: send with another"
        case .outsidePlan:
            switch kind {
            case .armed: why = "ARV kept for firearms"
            case .dog: why = "dog kept for searches"
            case .roads: why = "roads kept for roads work"
            default: why = "outside the plan"
            }
        }
        var cost = onRefreshments ? "on refs: break interrupted" : ""
        if otherArea && fit != .offArea { cost += (cost.isEmpty ? "" : ", ") + "from " + (area ?? "another area") }
        if costly { cost += (cost.isEmpty ? "" : ": ") + sooner(gain) }
        return cost.isEmpty ? why : cost + "; " + why
    }

    /// What a costly unit gains over the best free unit of the area, in words.
    public static func sooner(_ gain: SimTime?) -> String {
        guard let gain else { return "no free local unit fits" }
        guard gain != 0 else { return "no sooner than a free unit" }
        // Minutes and seconds, never rounded up past the margin it is judged against.
        return gain > 0 ? RoomClock.elapsed(gain) + " sooner" : RoomClock.elapsed(-gain) + " later"
    }

    public static func result(_ r: JobResult) -> String {
        switch r {
        case .oneDetained: return "one detained"
        case .noTrace: return "no trace"
        case .adviceGiven: return "advice given"
        case .reportTaken: return "report taken"
        case .dealtWith: return "dealt with"
        case .falseAlarm: return "false alarm"
        case .duplicate: return "duplicate"
        }
    }

    public static func grade(_ g: Grade) -> String {
        switch g {
        case .immediate: return "immediate"
        case .priority: return "priority"
        case .scheduled: return "scheduled"
        case .resolution: return "resolution without deployment"
        }
    }

    /// Why the engine refused a command, for the status line.
    /// `callsigns`: the scenario's, to name units a refusal is about.
    public static func refusal(_ r: CommandRefusal, callsigns: [String] = []) -> String {
        switch r {
        case .suitableUnitsFree(let units):
            let names = units.map { callsigns.indices.contains(Int($0)) ? callsigns[Int($0)] : "unit \($0)" }
            return "suitable units are free (" + names.joined(separator: ", ") + "): send one, or stack with the reason it waits"
        case .noSpecialistNeeded: return "its plan needs no specialist: stack with the reason it waits, or send a unit"
        case .noSuchUnit: return "no such unit"
        case .sameIncident: return "an incident is not a duplicate of itself: give the one it duplicates"
        case .assistanceNotLinked: return "an officer's emergency is never linked as a duplicate"
        case .noSuchCue: return "the scenario has no such scripted event"
        case .noCallbackWaiting: return "no abandoned 999 call is waiting to be rung back"
        case .noContactWaiting: return "no chat, e-mail or online report is waiting"
        case .tooManyContacts: return "you hold as many chats and e-mails as one person can: finish one first"
        case .noOtherContact: return "you hold nothing else to switch to"
        case .notAChat: return "replies are typed on a live chat: on a call, speak; an e-mail or a report is answered by its outcome"
        case .cannotStayOnContact: return "staying on is for a call or a live chat, not an e-mail or a report"
        case .callAlreadyDecided: return "its incident is created: you are staying on the line (x ends the call)"
        case .alreadyInformed: return "that service has already been told about it"
        case .notStayingOnLine: return "decide the call first: create the incident, link, advise or transfer"
        case .cueAlreadyFired: return "that scripted call has already rung"
        case .notBookedAtScene: return "that unit is not booked at scene"
        case .seat(let why): return SafeText.clean(why)
        case .incidentNotOpen: return "that incident is not open"
        case .unitOffDuty: return "that unit is off duty"
        case .unitNotAvailable(let s): return "that unit is not available (state \(s.rawValue) \(status(s)))"
        case .unitAlreadyOnIncident: return "that unit is already on the incident"
        case .incidentNeedsNoUnits: return "grade 4: resolved without deployment"
        case .pcsoToViolence: return "a PCSO is not sent to violence"
        case .pcsoToUrgentGrade: return "a PCSO is not sent to a grade 1 or 2 incident"
        case .incidentStillOpen: return "that incident is still open: only a closed one is reopened"
        case .noSuchReference: return "no incident has had that reference"
        case .timeNotAhead: return "that time has passed: give a time still to come"
        case .timeTooFar: return "a time to come back at is within the next seven days"
        case .lacksSkills(let missing): return "that unit lacks " + missing.names.joined(separator: ", ")
        case .notLowerGrade: return "its current job is not lower grade: it cannot be diverted"
        case .notOnAJob: return "that unit is not on a job to divert from"
        case .unitNotOnIncident: return "that unit is not on the incident"
        case .unitsStillAttached: return "units are still on it: stand them down or wait for their results"
        case .sameGrade: return "it already has that grade"
        case .samePlace: return "it is already there"
        case .noSuchIncidentType: return "no such closing type"
        case .noWarnings: return "no warning markers on the address"
        case .noUnitsOnIncident: return "no unit is on the incident"
        case .badText: return "the text is empty or longer than 500 characters"
        case .noEmergency: return "no emergency to acknowledge"
        case .notOnRefreshments: return "that unit is not on refreshments"
        case .noRefreshmentsOwed: return "that unit has had its refreshment break"
        case .gradeFourIsAClosure: return "grade 4 is no deployment: close the incident instead"
        case .notAtScene: return "welfare checks are for units at scene"
        case let .statusNotAllowed(from, to): return "state \(to.rawValue) cannot follow state \(from.rawValue) \(status(from))"
        case .notAPersonsSeat: return "that is not a person's call-handling seat"
        case .noCallWaiting: return "no call is waiting"
        case .handlerBusy: return "you are already on a call"
        case .handlerHasNoCall: return "you are not on a call"
        case .noSuchPlace: return "no such place in the gazetteer"
        case .notASilentCall: return "the caller is talking: that is for silent calls"
        case .alreadyCalledBack: return "you have already called this number back"
        }
    }

    public static func stackReason(_ r: StackReason) -> String {
        switch r {
        case .noUnitAvailable: return "no suitable unit free"
        case .awaitingSpecialist: return "awaiting a specialist unit"
        case .callerRequestedLater: return "caller asked for a later time"
        case .other: return "held"
        case .keptForEmergencies: return "units kept free for emergencies"
        }
    }

    /// A stack's reason in a word or two, for the overview's list.
    public static func stackShort(_ r: StackReason) -> String {
        switch r {
        case .noUnitAvailable: "none free"
        case .awaitingSpecialist: "specialist"
        case .callerRequestedLater: "later"
        case .other: "held"
        case .keptForEmergencies: "kept free"
        }
    }

    public static func vulnerability(_ v: Vulnerability) -> String {
        switch v {
        case .child: return "child"
        case .elderly: return "elderly"
        case .mentalHealth: return "mental health"
        case .disability: return "disability"
        case .domesticAbuse: return "domestic abuse"
        case .repeatVictim: return "repeat victim"
        case .alone: return "lives alone"
        case .intoxicated: return "drink or drugs"
        default: return Vulnerability.all.filter { v.contains($0) }.map(vulnerability).joined(separator: ", ")
        }
    }

    public static let thrive = ["Threat", "Harm", "Risk", "Investigation", "Vulnerability", "Engagement"]

    public static func partner(_ p: Partner) -> String {
        switch p {
        case .nhs111: return "NHS 111"
        case .mentalHealthCrisis: return "the mental-health crisis line"
        case .council: return "the council"
        case .actionFraud: return "Action Fraud"
        case .victimSupport: return "Victim Support"
        case .citizensAdvice: return "Citizens Advice"
        }
    }

    public static func agency(_ a: Agency) -> String {
        switch a {
        case .ambulance: return "ambulance"
        case .fire: return "fire"
        }
    }

    public static func relation(_ r: Caller.Relation) -> String {
        switch r {
        case .victim: return "victim"
        case .witness: return "witness"
        case .concerned: return "concerned relative or neighbour"
        case .business: return "business or security"
        case .agency: return "other agency"
        }
    }

    /// A transmission in AirwaveSpeak style (who and which incident have columns of their own).
    public static func radio(_ message: RadioMessage) -> String {
        switch message {
        case .deployed(let grade): return "deploy, grade \(grade.rawValue)"
        case .deployedToAssist: return "deploy, URGENT ASSISTANCE: an officer needs help"
        case .disregard: return "disregard that deployment, sent in error: stand down"
        case .stateCorrected(let s): return "booking corrected, in error: your state is \(s.rawValue) \(status(s))"
        case .diverted: return "divert from current job"
        case .stateUpdate(let s): return "state \(s.rawValue) \(status(s))"
        case .result(let r): return "result: \(result(r))"
        case .backupRequested: return "request backup"
        case .urgentAssistance: return "URGENT ASSISTANCE"
        case .urgentAssistanceCancelled: return "cancel urgent assistance, situation in hand"
        case .prisonerInCustody: return "at custody, prisoner booked in"
        case .onRefreshments: return "state 4 refreshments"
        case .bookingOn: return "booking on duty"
        case .bookingOff: return "state 11 booking off"
        case .standDown: return "stand down"
        case .warnings: return "warnings on the address passed"
        case .text(let words): return SafeText.clean(words)
        case .received: return "received"
        case .emergencyAcknowledged: return "emergency acknowledged, units on the way"
        case .welfareCheck: return "welfare check: all OK?"
        case .allInOrder: return "all in order"
        case .locationChanged: return "location revised: see the incident's record"
        case .linked(let reference): return "that job is a duplicate: you are on \(Floor.reference(reference)) now, the same incident"
        case .nothingFound: return "at the location given, nobody here who called: searching the area"
        case .searchingStreet: return "on the street, no house number: searching along it for the caller"
        case .callerFound: return "found the caller: location revised to where they are"
        }
    }

    /// Who caused an event, as the journal and the reports name them: `person` for the console's
    /// one person, and a floor's people by name ("person:Alex Smith").
    public static func actor(_ actor: Actor, person: String, people: [String] = []) -> String {
        switch actor {
        case .world: return "world"
        case .automatedDispatcher: return "engine:dispatcher"
        case .automatedHandler(let h): return "engine:call-handler-\(h + 1)"
        case .person(let p): return p >= 0 && p < people.count && !people[p].isEmpty ? "person:" + SafeText.clean(people[p]) : person
        }
    }

    /// Who did something, as a person reads it, from the journal's actor ("person:Sam Okafor" is
    /// Sam Okafor, "engine:dispatcher" the engine's dispatcher); nil for the world itself.
    public static func who(_ actor: String) -> String? {
        if actor.hasPrefix("person:") { return String(actor.dropFirst(7)) }
        if actor == "engine:dispatcher" { return "engine dispatcher" }
        if actor.hasPrefix("engine:call-handler-") { return "engine call handler " + actor.dropFirst(20) }
        return nil
    }
}
