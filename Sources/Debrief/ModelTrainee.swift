import DispatchEngine
import Foundation
import Journal
import Scenario

/// A trainee played by the program, to prove a training scenario can be completed: the engine
/// sits in every seat, and this model does, as the person, what the trainer expects on top:
/// sends a unit with the skills asked for, passes warnings, regrades when a further caller tells
/// more, acknowledges emergency buttons at once. It acts only through the person's commands, which the engine may refuse like anyone's.
public final class ModelTrainee {
    let simulation: Simulation

    public init(simulation: Simulation) { self.simulation = simulation }

    /// Looks at the floor and acts on what needs doing now.
    public func act() {
        let world = simulation.world
        for pending in world.pendingEmergencies {
            try? simulation.perform(.command(.acknowledgeEmergency(pending.unit)))
        }
        for (k, spec) in simulation.config.script.calls.enumerated() {
            guard let id = simulation.scriptedIncident(k), let record = world.incident(id) else { continue }
            let expect = spec.expect
            let attached = world.units.indices.filter { world.units[$0].incident == id }.map(UnitIndex.init)
            if !expect.skills.isEmpty, record.grade.deploys,
               !attached.contains(where: { simulation.config.units[Int($0)].skills.isSuperset(of: expect.skills) }),
               let pick = simulation.recommendations(for: id).first(where: {
                   simulation.config.units[Int($0.unit)].skills.isSuperset(of: expect.skills) }) {
                try? simulation.perform(.command(pick.divertsFrom == nil ? .assign(pick.unit, id) : .divert(pick.unit, id)))
            }
            // A further caller told something graver: re-THRIVE and regrade.
            if let grade = expect.regradedTo, record.duplicateCalls > 0, record.grade > grade {
                try? simulation.perform(.command(.regrade(id, grade)))
            }
            if expect.warningsPassed, record.hasWarnings, record.unitsAttached > 0, !record.warningsPassed {
                try? simulation.perform(.command(.passWarnings(id)))
            }
        }
    }
}

/// A training scenario run headless with the model trainee, recorded to a journal: the
/// debrief of that journal shows whether every expectation can be met.
public enum Practice {
    /// `idle`: a trainee who does nothing at all (the engine plays every seat), for the debrief
    /// of a session where nobody acted, and for the audit.
    public static func run(_ scenario: Scenario, file: String, journalPath: String, seed: UInt64? = nil, idle: Bool = false) throws(JournalError) -> String {
        var config = scenario.config
        if let seed { config.seed = seed }
        let journal = try Journal.create(at: journalPath, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: config.seed,
            role: "supervisor", areas: [], trainee: idle ? "idle trainee" : "model trainee", operatorName: idle ? "idle trainee" : "model trainee",
            startedAt: Date().timeIntervalSince1970, program: "controlroom practice"))
        let simulation = Simulation(config: config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "supervisor")
        let trainee = ModelTrainee(simulation: simulation)
        // Ten-second ticks, as a person glancing at the floor; the engine runs every seat.
        var tick: SimTime = 0
        while simulation.now < config.duration {
            tick = min(tick + 10 * Clock.second, config.duration)
            simulation.advance(to: tick)
            if !idle { trainee.act() }
            if tick % Clock.minute == 0 { recorder.flush() }
        }
        recorder.finish()
        if let failure = recorder.failure { throw failure }
        return journalPath
    }
}
