import DispatchEngine
import ReadModel

/// The call handler's decisions, typed: the same as the keys on the call's screen.
extension ConsoleCommands {
    static let calls: [ConsoleCommand] = [
        ConsoleCommand("answer", "answer the next call, 999 first (call handler; key n)",
                       detail: "On a call, go back to it") { _, state, floor in
            Update.answer(&state, floor)
        },
        ConsoleCommand("create", "create the incident from the call's form (key F2)", detail: "It says what is missing") {
            onCall($0, &$1, $2) { _, form, state, _ in Update.create(&form, &state) }
        },
        ConsoleCommand("dup", forms: ["dup REF", "dup REF REF"], "link the call to an open incident as a further caller; off a call, two references: `:link`",
                       completes: { _, floor in openReferences(floor) }) {
            // Two references: a duplicate incident joined to the one it duplicates.
            if $0.count == 2 && ($1.handlerSeat == nil || $1.call == nil) { return link($0, &$1, $2) }
            return onCall($0, &$1, $2) { args, _, state, floor in
                guard let arg = args.first, let r = Int64(arg), let (id, _) = floor.incident(reference: r) else {
                    state.complain("dup takes the reference of an open incident, such as dup 42")
                    return []
                }
                return Update.link(id, reference: r, &state)
            }
        },
        ConsoleCommand("advice", "resolve on the phone: grade 4, closed as the form's type (asks why first)",
                       detail: "At the form's place, advice given") {
            onCall($0, &$1, $2) { _, form, state, floor in Update.resolve(form, &state, floor) }
        },
        ConsoleCommand("transfer", forms: ["transfer ambulance|fire"], "pass the call to the ambulance or fire service (asks why first)",
                       completes: { _, _ in Agency.allCases.map(Wording.agency) }) {
            onCall($0, &$1, $2) { args, _, state, _ in
                guard let arg = args.first?.lowercased(), let agency = Agency.allCases.first(where: { Wording.agency($0) == arg }) else {
                    state.complain("transfer ambulance or transfer fire")
                    return []
                }
                return Update.transfer(agency, &state)
            }
        },
        ConsoleCommand("crime", "record a crime on the phone: grade 4, report taken, a crime number (key p; asks why first)",
                       detail: "At the form's place, as its type") {
            onCall($0, &$1, $2) { _, form, state, floor in Update.crimeByPhone(form, &state, floor) }
        },
        ConsoleCommand("signpost", forms: ["signpost PARTNER"], "tell the caller which partner agency to contact (key g; asks why first)",
                       detail: "Partners: " + Partner.named.map { "`\($0.name)`" }.joined(separator: ", "),
                       completes: { _, _ in Partner.named.map(\.name) }) {
            onCall($0, &$1, $2) { args, _, state, _ in
                guard let word = args.first?.lowercased(), let partner = Partner.named.first(where: { $0.name == word })?.partner else {
                    state.complain("signpost takes a partner: " + Partner.named.map(\.name).joined(separator: ", "))
                    return []
                }
                return Update.signpost(partner, &state)
            }
        },
        ConsoleCommand("rcrp", "Right Care, Right Person: a mental-health concern with no crime and no risk to life, to health (key m)") {
            onCall($0, &$1, $2) { _, _, state, _ in Update.rightCare(&state) }
        },
        ConsoleCommand("inform", forms: ["inform ambulance|fire [REF]"], "police attend, the ambulance or fire service told too (their reference recorded)",
                       detail: "The incident named, the one you are on the line for, or the open or selected one", requires: .either,
                       completes: { _, floor in Agency.allCases.map(Wording.agency) + openReferences(floor) }) { args, state, floor in
            guard let word = args.first?.lowercased(), let agency = Agency.allCases.first(where: { Wording.agency($0) == word }) else {
                state.complain("inform ambulance or inform fire, then the incident's reference if not the current one")
                return []
            }
            let id: IncidentID
            if args.count > 1 {
                guard let (found, _) = incident(args[1], &state, floor) else { return [] }
                id = found
            } else if let staying = floor.onTheLine(at: state.handlerSeat)?.incident {
                id = staying
            } else {
                guard let (found, _) = incident(nil, &state, floor) else { return [] }
                id = found
            }
            state.say("Police attend; \(word) informed.")
            return [.execute(.inform(id, agency))]
        },
        ConsoleCommand("callback", "silent call: ring the number back", detail: "Once") {
            onCall($0, &$1, $2) { _, _, state, _ in Update.callBack(&state) }
        },
        ConsoleCommand("keep", "silent call: keep the line open and listen") {
            onCall($0, &$1, $2) { _, _, state, _ in Update.keepLine(&state) }
        },
        ConsoleCommand("nores", "silent call: close it, no response (asks why first)") {
            onCall($0, &$1, $2) { _, _, state, floor in Update.closeSilent(&state, floor) }
        },
        ConsoleCommand("ringback", aliases: ["rb"], forms: ["ringback [CALL]"], "ring back an abandoned 999 call (the oldest; key b on the floor)",
                       detail: "The callback list is under the ringing calls; x closes a ring back nobody answered") { args, state, floor in
            guard let word = args.first else { return Update.ringBackAbandoned(nil, &state, floor) }
            guard let number = Int64(word.trimmingPrefix("#")) else {
                state.complain("ringback takes the number of a call on the callback list, such as ringback 42")
                return []
            }
            return Update.ringBackAbandoned(number, &state, floor)
        },
        ConsoleCommand("contact", aliases: ["chat"], forms: ["contact"], "take the next chat, e-mail or online report (key c on the floor)",
                       detail: "The one whose standard runs out first; you may hold several beside a call") { args, state, floor in
            guard args.isEmpty else { state.complain("contact takes no words: it takes the next one waiting"); return [] }
            return Update.takeContact(&state, floor)
        },
        ConsoleCommand("switch", aliases: ["sw"], forms: ["switch"], "go to the other contact you hold (key F6 on a contact)",
                       detail: "The one in front is put aside with its form as it was") { args, state, floor in
            guard args.isEmpty else { state.complain("switch takes no words"); return [] }
            return Update.switchContact(&state, floor)
        },
    ]

    /// Runs a decision on the call the person is on, with its form; refused with no call.
    static func onCall(_ args: [String], _ state: inout ConsoleState, _ floor: Floor,
                       _ decide: (_ args: [String], inout CallForm, inout ConsoleState, Floor) -> [ConsoleEffect]) -> [ConsoleEffect] {
        guard state.handlerSeat != nil, var form = state.call, floor.call(at: state.handlerSeat) != nil else {
            state.complain("You are not on a call (n answers the next one)")
            return []
        }
        guard floor.onTheLine(at: state.handlerSeat)?.incident == nil else { state.complain(Update.alreadyDecided); return [] }
        defer { state.call = form }
        return decide(args, &form, &state, floor)
    }
}
