import DispatchEngine

/// What each simulated hour of the shift looked like, for the supervisor's sparklines: calls
/// that rang, the fewest units free at any moment of the hour, and each area's coverage as the
/// hour began.
public final class ShiftHistory {
    public private(set) var callsPerHour: [Int] = []
    public private(set) var fewestFreePerHour: [Int] = []
    /// [hour][area]: the share of the area's demand a free unit could reach within the grade-1 target.
    public private(set) var coveragePerHour: [[Double?]] = []

    public init() {}

    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self, world = simulation.world, unowned simulation] time, event in
            let hour = Int(time / Clock.hour)
            while self.callsPerHour.count <= hour {
                self.callsPerHour.append(0)
                self.fewestFreePerHour.append(world.available.count)
                self.coveragePerHour.append(simulation.coverage().map(\.share))
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
