import DispatchEngine
import Scenario

/// A console's copy of the floor's world: built from the welcome (the scenario as journalled,
/// the seed, every action so far at its mark), then kept the floor's by running to each mark
/// the floor sends and performing each action where the floor performed it, as that person's.
/// The engine being deterministic, the copy is the floor event for event; it never runs ahead.
public final class FloorReplica {
    public let simulation: Simulation
    public let scenario: Scenario
    /// The actions performed here so far (the floor's history as this console has it).
    public private(set) var performed = 0

    public init(_ welcome: FloorWelcome) throws(ReplicaProblem) {
        do {
            scenario = try Scenario.parse(text: welcome.scenarioSource, file: welcome.scenarioFile)
        } catch {
            throw ReplicaProblem("the floor's scenario does not read here: \(error.description)")
        }
        var config = scenario.config
        config.seed = welcome.seed
        if welcome.engine < 2 { config.dispatch.asRevisionOne() }
        simulation = Simulation(config: config, startLater: true)
    }

    /// Replays the floor's history to where the welcome said the floor is (observers such as
    /// the read model attached first, so they see the whole night).
    public func catchUp(_ welcome: FloorWelcome) throws(ReplicaProblem) {
        for action in welcome.history { try apply(action) }
        try run(to: welcome.mark)
    }

    /// Runs to where the floor's clock is.
    public func run(to mark: RunMark) throws(ReplicaProblem) {
        guard mark >= simulation.mark else { return }
        guard simulation.run(to: mark) else {
            throw ReplicaProblem("this console's copy of the floor did not reach step \(mark.step) at \(mark.time) ms "
                                 + "(it is at \(simulation.happeningsRun), \(simulation.now) ms): a different build of controlroom?")
        }
    }

    /// Performs an action where the floor performed it.
    public func apply(_ action: FloorAction) throws(ReplicaProblem) {
        try run(to: action.mark)
        let refused: Bool
        do { try simulation.perform(action.action, by: action.person); refused = false } catch { refused = true }
        performed += 1
        guard refused == action.refused else {
            throw ReplicaProblem("an action the floor " + (action.refused ? "refused" : "performed") + " was "
                                 + (refused ? "refused" : "performed") + " here: this console's copy is not the floor's")
        }
    }
}

public struct ReplicaProblem: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
