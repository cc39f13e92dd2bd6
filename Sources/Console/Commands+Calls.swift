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
        ConsoleCommand("dup", forms: ["dup REF"], "link the call to an open incident as a further caller",
                       completes: { _, floor in openReferences(floor) }) {
            onCall($0, &$1, $2) { args, _, state, floor in
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
    ]

    /// Runs a decision on the call the person is on, with its form; refused with no call.
    static func onCall(_ args: [String], _ state: inout ConsoleState, _ floor: Floor,
                       _ decide: (_ args: [String], inout CallForm, inout ConsoleState, Floor) -> [ConsoleEffect]) -> [ConsoleEffect] {
        guard state.handlerSeat != nil, var form = state.call, floor.call(at: state.handlerSeat) != nil else {
            state.complain("You are not on a call (n answers the next one)")
            return []
        }
        guard floor.call(at: state.handlerSeat)?.stayingWith == nil else { state.complain(Update.alreadyDecided); return [] }
        defer { state.call = form }
        return decide(args, &form, &state, floor)
    }
}
