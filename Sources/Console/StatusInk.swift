import DispatchEngine
import ReadModel

/// How the board marks a unit's status: a letter that reads without colour, and its ink.
extension Wording {
    /// One-letter marker for the board, so categories read without colour.
    public static func marker(_ s: UnitStatus) -> String {
        switch s {
        case .emergency: return "!"
        case .onDuty, .onPatrol, .atStation: return "+"
        case .refreshments: return "R"
        case .offDuty: return "-"
        default: return ">"
        }
    }

    public static func ink(_ s: UnitStatus) -> Ink {
        switch s {
        case .emergency: return .emergency
        case .onDuty, .onPatrol, .atStation: return .available
        case .refreshments: return .refreshments
        case .offDuty: return .offDuty
        default: return .committed
        }
    }
}
