import DispatchEngine
import ReadModel

/// Taking and handing back seats, and the instructor's commands in training. The console's
/// role changes only once the seat is taken or handed back (`Effects`): on a floor, once the
/// floor agrees.
extension ConsoleCommands {
    static let seats: [ConsoleCommand] = [
        ConsoleCommand("take", forms: ["take dispatcher [AREA]", "take call-handler"],
                       "take over dispatching (of one area), or a call-handling seat",
                       detail: "As call handler, calls ring at your seat first",
                       completes: { words, floor in words.count == 2 ? ["dispatcher", "call-handler"] : floor.areaNames }) { args, state, floor in
            let seat = args.first?.lowercased()
            if seat == "call-handler" || seat == "calls" {
                guard state.handlerSeat == nil else { state.complain("You already have a call-handling seat."); return [] }
                state.say("You are a call handler: calls ring at your seat first. n answers.")
                return [.callSeat(true)]
            }
            guard seat == "dispatcher" else {
                state.complain("take dispatcher [AREA] or take call-handler")
                return []
            }
            var areas: Set<Int> = []
            if args.count > 1 {
                let name = args.dropFirst().joined(separator: " ")
                guard let a = floor.config.areas.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                    state.complain("No area '\(SafeText.clean(name))'; areas: " + floor.areaNames.joined(separator: ", "))
                    return []
                }
                areas = [a]
            }
            state.say("You are dispatching " + (areas.isEmpty ? "every area." : floor.areaName(areas.first!) + "; the engine has the rest."))
            return [.dispatchSeat(areas: areas)]
        },
        ConsoleCommand("handback", forms: ["handback [dispatcher|call-handler]"], "hand a seat back to the engine",
                       detail: "The call-handling seat only between calls",
                       completes: { _, _ in ["dispatcher", "call-handler"] }) { args, state, floor in
            let seat = args.first?.lowercased() ?? (state.role.dispatches ? "dispatcher" : "call-handler")
            if seat == "call-handler" || seat == "calls" {
                guard state.handlerSeat != nil else { state.complain("You have no call-handling seat."); return [] }
                guard floor.call(at: state.handlerSeat) == nil else { state.complain("Finish the call you are on first."); return [] }
                state.say("Call-handling seat handed back: the engine's call handlers take the calls.")
                return [.callSeat(false)]
            }
            guard seat == "dispatcher" else { state.complain("handback dispatcher or handback call-handler"); return [] }
            guard state.role.dispatches else { state.complain("You are not dispatching."); return [] }
            state.say("The engine dispatches again.")
            return [.dispatchSeat(areas: nil)]
        },
        ConsoleCommand("inject", forms: ["inject [N]"], "training: inject scripted event N now (no N: the instructor's menu, key I)",
                       detail: "A call already rung is refused", who: "instructor") { args, state, floor in
            let opened = Update.openInstructor(&state, floor)
            guard state.mode == .instructor, let arg = args.first else { return opened }
            state.mode = .normal
            guard let n = Int(arg), floor.config.script.cues.indices.contains(n - 1) else {
                state.complain("inject takes the number of a scripted event, 1 to \(floor.config.script.cues.count) (I lists them)")
                return []
            }
            return [.inject(n - 1)]
        },
        ConsoleCommand("mark", forms: ["mark NOTE"], "training: the instructor marks this moment with a note for the debrief",
                       detail: "Shown in the debrief's timeline and in replay", who: "instructor") { args, state, _ in
            guard state.training else {
                state.complain("Marks are for training sessions: controlroom run FILE --trainee NAME, or a training floor")
                return []
            }
            let note = args.joined(separator: " ").trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty, note.count <= 500 else { state.complain("mark takes a note of 1 to 500 characters: mark NOTE"); return [] }
            return [.mark(note)]
        },
        ConsoleCommand("debrief", "training: the debrief so far (key D)") { _, state, _ in
            Update.openDebrief(&state)
        },
    ]
}
