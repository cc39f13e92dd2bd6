import DispatchEngine
import Foundation
import Journal
import Report
import Scenario

/// Runs a scenario headless, as fast as the machine allows.
enum Runner {
    static func run(_ scenario: Scenario, seed: UInt64?, until: SimTime?) -> ReportNode {
        var config = scenario.config
        if let seed { config.seed = seed }
        if let until { config.duration = until }
        let simulation = Simulation(config: config)
        var coverage = CoverageRecord(config: config)
        simulation.runToEnd(noting: &coverage)
        return ShiftReport.build(simulation.statistics, config: config, start: scenario.start, coverage: coverage)
    }

    /// The same run recorded in a journal as it goes (the engine in every seat), flushed every
    /// simulated hour; the report is the recorded session's.
    static func record(_ scenario: Scenario, file: String, seed: UInt64?, until: SimTime?, journalPath: String,
                       signer: JournalSigner? = nil) throws(JournalError) -> ReportNode {
        var config = scenario.config
        if let seed { config.seed = seed }
        let end = until ?? config.duration
        let journal = try Journal.create(at: journalPath, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: config.seed,
            role: "engine", areas: [], trainee: nil, operatorName: "engine",
            startedAt: Date().timeIntervalSince1970, program: "controlroom sim"))
        let simulation = Simulation(config: config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "engine")
        recorder.signer = signer
        var hour: SimTime = 0
        while simulation.now < end {
            hour = min(hour + Clock.hour, end)
            simulation.advance(to: hour)
            recorder.flush()
            if let failure = recorder.failure { throw failure }
        }
        recorder.finish()
        if let failure = recorder.failure { throw failure }
        return try SessionReport.build(RecordedSession(path: journalPath))
    }
}
