/// Whose work each command is, written once: the floor checks every action against the seat of
/// the person who sent it before the engine sees it, and a console explains with the same words.
public enum CommandWork: String, Sendable {
    /// Taking calls and contacts and deciding them (a call handler's seat).
    case callHandling = "call handling"
    /// Sending and looking after units, re-grading, stacking, closing (a dispatcher's, or a
    /// supervisor taking over).
    case dispatch
    /// A line on a record, the location corrected, another service told: whoever deals with
    /// the incident, from either seat.
    case either = "call handling or dispatch"
}

extension Command {
    public var work: CommandWork {
        switch self {
        case .seatCallHandler, .answerNext, .decideCall, .takeContact, .switchContact, .leaveCallHandlerSeat,
             .releaseCallHandlerSeat, .keepLine, .callBack, .ringBack, .noteCall, .endCall, .reassure, .replyToChat:
            .callHandling
        case .assign, .divert, .stack, .stackUntil, .standDown, .reattach, .withdrawSend, .withdrawArrival, .regrade,
             .close, .link, .passWarnings, .message, .acknowledgeEmergency, .startRefreshments, .endRefreshments, .welfareCheck, .setStatus:
            .dispatch
        case .reopen, .annotate, .relocate, .addNote, .inform:
            .either
        }
    }

    /// The incident a dispatcher's command acts on, if any: whose area it is decides whose it is.
    public var incident: IncidentID? {
        switch self {
        case let .assign(_, i), let .divert(_, i), let .stack(i, _), let .stackUntil(i, _), let .standDown(_, i),
             let .reattach(_, i, _), let .withdrawSend(_, i), let .withdrawArrival(_, i), let .regrade(i, _),
             let .relocate(i, _), let .addNote(i, _), let .close(i, _, _), let .link(i, _), let .passWarnings(i), let .inform(i, _):
            i
        default:
            nil
        }
    }

    /// The unit a command acts on, if any.
    public var unit: UnitIndex? {
        switch self {
        case let .assign(u, _), let .divert(u, _), let .standDown(u, _), let .reattach(u, _, _), let .withdrawSend(u, _),
             let .withdrawArrival(u, _), let .message(u, _), let .acknowledgeEmergency(u), let .startRefreshments(u),
             let .endRefreshments(u), let .welfareCheck(u), let .setStatus(u, _):
            u
        default:
            nil
        }
    }
}
