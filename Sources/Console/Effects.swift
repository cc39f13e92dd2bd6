import DispatchEngine

/// Carries out what the console asked for: commands go to the engine as the person's (refusals
/// are said on the status line), seats are taken or handed back. Shared by the live console and
/// the tests, so both go through the same path.
public enum Effects {
    /// Returns whether the person asked to quit.
    @discardableResult
    public static func carryOut(_ effects: [ConsoleEffect], _ state: inout ConsoleState, _ floor: Floor) -> Bool {
        var quit = false
        for effect in effects {
            switch effect {
            case .quit:
                quit = true
            case .dispatchSeat(let areas):
                floor.setDispatchSeat(areas)
            case .callSeat(true):
                guard state.handlerSeat == nil else { continue }
                do {
                    try floor.simulation.execute(.seatCallHandler)
                    state.handlerSeat = HandlerIndex(floor.world.handlers.count - 1)
                } catch {
                    state.complain("Refused: " + Wording.refusal(error))
                }
            case .callSeat(false):
                guard let seat = state.handlerSeat else { continue }
                do {
                    try floor.simulation.execute(.leaveCallHandlerSeat(seat))
                    state.handlerSeat = nil
                } catch {
                    state.complain("Refused: " + Wording.refusal(error))
                }
            case .execute(let command):
                do {
                    try floor.simulation.execute(command)
                } catch {
                    state.complain("Refused: " + Wording.refusal(error))
                }
            }
        }
        Update.settle(&state, floor)
        return quit
    }
}
