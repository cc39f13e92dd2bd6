import DispatchEngine
import Foundation
import Journal
import Scenario

/// The journal's figures: how long an action takes to become durable (it is on disk before the
/// console answers, so this is added to the keypress), a tick's write, and how long recovering a
/// whole recorded night takes.
enum JournalBench {
    static func run() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("controlroom-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = Scenario.builtInDefault()
        let path = folder + "/bench.journal"
        do {
            let journal = try Journal.create(at: path, header: SessionHeader(
                scenarioName: scenario.name, scenarioFile: "default", scenarioSource: scenario.source,
                seed: scenario.config.seed, role: "dispatcher", areas: [], trainee: nil, operatorName: "bench",
                startedAt: Date().timeIntervalSince1970, program: "controlroom bench"))
            let simulation = Simulation(config: scenario.config, startLater: true)
            let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "dispatcher")
            var actions: [Double] = [], ticks: [Double] = []
            // The whole night in 40 ms ticks at 60x (2.4 simulated seconds each), a radio message
            // from the person every simulated minute.
            var t: SimTime = 0
            while t < scenario.config.duration {
                t += 2_400
                simulation.advance(to: t)
                let started = DispatchTime.now().uptimeNanoseconds
                recorder.flush()
                ticks.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                if t % Clock.minute < 2_400 {
                    let before = DispatchTime.now().uptimeNanoseconds
                    try? simulation.perform(.command(.message(UnitIndex(actions.count % scenario.config.units.count), "bench")))
                    actions.append(Double(DispatchTime.now().uptimeNanoseconds - before) / 1e6)
                }
            }
            recorder.finish()
            let events = try journal.eventCount()
            let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
                + ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0)
            actions.sort(); ticks.sort()
            print("journal: a night of \(scenario.name): \(events) events, \(actions.count) actions, \(size / 1024) KB")
            print("  action durable (commit, fsync) median \(ms(actions[actions.count / 2])) ms, 99th \(ms(actions[actions.count * 99 / 100])) ms, worst \(ms(actions.last!)) ms")
            print("  tick written                 median \(ms(ticks[ticks.count / 2])) ms, 99th \(ms(ticks[ticks.count * 99 / 100])) ms, worst \(ms(ticks.last!)) ms")
            let started = DispatchTime.now().uptimeNanoseconds
            let replay = try SessionReplay(journal: Journal.open(at: path, readOnly: true))
            try replay.run(to: try journal.progress().mark)
            print("  recovery (rebuild the night) \(ms(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)) ms")
        } catch {
            print("journal: \(error)")
        }
    }

    static func ms(_ v: Double) -> String { String(format: "%.3f", v) }
}
