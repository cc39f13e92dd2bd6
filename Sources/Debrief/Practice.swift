import DispatchEngine
import Foundation
import Journal
import Scenario

/// A training scenario run headless with a program in the trainee's seats (the model, the poor
/// trainee, or one who does nothing), recorded to a journal: the debrief of that journal shows
/// whether every expectation can be met, and that the mistakes are named.
public enum Practice {
    /// The trainee's name in the journal for each play.
    public static func trainee(_ play: ModelTrainee.Play) -> String {
        switch play {
        case .model: "model trainee"
        case .poor: "poor trainee"
        case .idle: "idle trainee"
        }
    }

    public static func run(_ scenario: Scenario, file: String, journalPath: String, seed: UInt64? = nil,
                           play: ModelTrainee.Play = .model, signer: JournalSigner? = nil) throws(JournalError) -> String {
        var config = scenario.config
        if let seed { config.seed = seed }
        let name = trainee(play)
        let journal = try Journal.create(at: journalPath, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: config.seed,
            role: "all", areas: [], trainee: name, operatorName: name,
            startedAt: Date().timeIntervalSince1970, program: "controlroom practice"))
        let simulation = Simulation(config: config, startLater: true)
        simulation.nameConsolePerson(name)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "all")
        recorder.signer = signer
        let trainee = ModelTrainee(simulation: simulation, play: play)
        trainee.sitDown()
        // A look at the floor every second, as a person at a console; the engine plays the rest.
        var tick: SimTime = 0
        while simulation.now < config.duration {
            tick = min(tick + Clock.second, config.duration)
            simulation.advance(to: tick)
            trainee.act()
            if tick % Clock.minute == 0 { recorder.flush() }
        }
        recorder.finish()
        if let failure = recorder.failure { throw failure }
        return journalPath
    }
}
