import DispatchEngine
import ReadModel
import Scenario

/// Moving a replay's clock: by a step (`[` `]`), by a typed move (+10m, -1h) or to a time of
/// day (19:30, the nearest one). Only a replay can seek; elsewhere it is said, and nothing moves.
extension Update {
    static func seek(by step: SimTime, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        guard state.canSeek else {
            state.complain("Seeking is for replays: controlroom replay JOURNAL")
            return []
        }
        let to = max(0, floor.now + step)
        state.say("To \(floor.clock.dateTime(to)).")
        return [.seek(to)]
    }
}

extension ConsoleCommands {
    static func seek(_ text: String, _ state: inout ConsoleState, _ floor: Floor) -> [ConsoleEffect] {
        if let sign = text.first, sign == "+" || sign == "-" {
            guard let amount = DurationText.parse(String(text.dropFirst())) else {
                state.complain("'\(text)' is not a move; expected such as +10m or -1h")
                return []
            }
            return Update.seek(by: sign == "+" ? amount : -amount, &state, floor)
        }
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 2, let h = parts[0], let m = parts[1], (0..<24).contains(h), (0..<60).contains(m) else {
            state.complain("'\(text)' is not a time; expected HH:MM such as 19:30, or a move such as -15m")
            return []
        }
        // The nearest moment with that time of day, before or after the clock.
        let wanted = SimTime(h * 60 + m) * Clock.minute
        let nowOfDay = floor.config.calendar.timeOfDay(at: floor.now)
        var step = wanted - nowOfDay
        if step > Clock.day / 2 { step -= Clock.day }
        if step < -Clock.day / 2 { step += Clock.day }
        return Update.seek(by: step, &state, floor)
    }
}
