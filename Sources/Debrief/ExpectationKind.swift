/// Every kind of thing a trainer can expect, the seat it belongs to and the points it carries:
/// what puts the public or officers at risk weighs most. "How the score is made" lists them all
/// from here.
public enum ExpectationKind: String, Sendable, CaseIterable, Codable {
    // Call handling
    case answered, located, graded, thrive, linked, rungBack = "rung_back", stayedOnLine = "stayed_on_line"
    case informed, noDeployment = "no_deployment"
    // Dispatch
    case sent, skills, warnings, welfare, regraded, emergencyOnJob = "emergency_on_job"
    case acknowledged, assistance
    // Whoever closes it: call handling when it is resolved at first contact, else dispatch
    case closingType = "closing_type", result
    /// Not an expectation the trainer writes: a real silent call closed with no response, said
    /// beside the others for what it led to; no points.
    case silentClosed = "silent_closed"

    public var points: Int {
        switch self {
        case .answered: 10
        case .located: 15
        case .graded: 15
        case .thrive: 10
        case .linked: 10
        case .rungBack: 15
        case .stayedOnLine: 10
        case .informed: 10
        case .noDeployment: 15
        case .sent: 20
        case .skills: 10
        case .warnings: 15
        case .welfare: 10
        case .regraded: 15
        case .emergencyOnJob: 20
        case .acknowledged: 20
        case .assistance: 20
        case .closingType: 5
        case .result: 5
        case .silentClosed: 0
        }
    }

    /// The seat it falls to; closing is the call handler's when nobody is to be deployed.
    public func seat(noDeployment: Bool = false) -> TraineeSeat {
        switch self {
        case .answered, .located, .graded, .thrive, .linked, .rungBack, .stayedOnLine, .informed, .noDeployment, .silentClosed:
            .callHandling
        case .sent, .skills, .warnings, .welfare, .regraded, .emergencyOnJob, .acknowledged, .assistance:
            .dispatch
        case .closingType, .result:
            noDeployment ? .callHandling : .dispatch
        }
    }

    /// How it is earned, for "How the score is made".
    public var earned: String {
        switch self {
        case .answered: "answered (or a chat first replied to) within the time, by you"
        case .located: "the incident you made placed within the distance of where the caller really is, and nobody sent there found nobody"
        case .graded: "the incident you made from the call given the grade expected"
        case .thrive: "every THRIVE line recorded when you made the incident"
        case .linked: "every further caller you took (or let the engine take while you were free) linked to the incident"
        case .rungBack: "the abandoned 999 rung back by you within the time of the caller hanging up"
        case .stayedOnLine: "you stayed on the line with the caller until officers arrived"
        case .informed: "the ambulance or fire service told by you"
        case .noDeployment: "resolved by you without sending anyone (advice, a report, a transfer)"
        case .sent: "the first unit to the incident sent by you within the time of the call ringing"
        case .skills: "a unit with the skills asked for sent by you"
        case .warnings: "the address's warnings passed by you to every unit sent"
        case .welfare: "every welfare check due on its units while you dispatched made by you on time"
        case .regraded: "re-graded by you to the grade expected when a further caller told more"
        case .emergencyOnJob: "an emergency button on the incident acknowledged by you within the time"
        case .acknowledged: "the officer's emergency button acknowledged by you within the time"
        case .assistance: "the first unit to the officer's urgent assistance sent by you within the time"
        case .closingType: "closed by you as the type expected"
        case .result: "closed by you with the result expected"
        case .silentClosed: "a real silent call closed with no response is named for what it led to, for no points"
        }
    }
}

extension Debrief {
    /// Every point a seat can earn, as the debrief explains its score.
    public static var scoring: String {
        var out = "Each expectation the trainer wrote falls to a seat and is judged on the person's own actions; "
            + "what someone else did (another trainee, the engine) is named and earns them nothing. "
            + "A person's score is the points they earned out of the points their seats could earn, as a percentage; "
            + "one who did nothing scores 0 of them.\n"
        for seat in TraineeSeat.allCases {
            out += seat == .callHandling ? "Call handling: " : "Dispatch: "
            out += ExpectationKind.allCases.filter { $0.points > 0 && $0.seat() == seat && $0 != .closingType && $0 != .result }
                .map { "\($0.earned) \($0.points)" }.joined(separator: "; ") + ".\n"
        }
        out += "Closing, the call handler's when it is resolved at first contact (an incident officers went to closes with their result, nobody's to earn): "
            + [ExpectationKind.closingType, .result].map { "\($0.earned) \($0.points)" }.joined(separator: "; ") + ".\n"
        out += "A call's expectation falls to the person who took it (or, if the engine took it, to everyone free in a call-handling seat "
            + "while it rang; an abandoned call's ring back to those free when the caller hung up). A dispatch expectation falls to whoever "
            + "dispatched the incident's area while it was due: the first send until it was made or its time ran out, each unit's warnings "
            + "when it was sent, each welfare check when it fell due, each emergency button when it was pressed."
        return out
    }
}
