import DispatchEngine

/// What each simulated hour of the shift looked like, for the supervisor's sparklines: calls
/// that rang, and the fewest units free at any moment of the hour.
public final class ShiftHistory {
    public private(set) var callsPerHour: [Int] = []
    public private(set) var fewestFreePerHour: [Int] = []

    public init() {}

    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self, world = simulation.world] time, event in
            let hour = Int(time / Clock.hour)
            while self.callsPerHour.count <= hour {
                self.callsPerHour.append(0)
                self.fewestFreePerHour.append(world.available.count)
            }
            switch event {
            case .callArrived: self.callsPerHour[hour] += 1
            case .unitStatusChanged:
                self.fewestFreePerHour[hour] = min(self.fewestFreePerHour[hour], world.available.count)
            default: break
            }
        }
    }
}
