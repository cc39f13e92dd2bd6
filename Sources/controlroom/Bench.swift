import ArgumentParser
import DispatchEngine
import Foundation
import Report
import Scenario

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print performance figures (build with -c release). Never pass or fail.",
        discussion: """
        The reference model (scenarios/bench/reference.yaml) is run for --calls calls; then a year \
        of a large force (scenarios/bench/year.yaml). Peak memory is the process's high-water mark.
        """)

    @Option(help: "Calls to simulate in the reference model.")
    var calls: Int = 1_000_000

    @Option(help: "The folder holding the benchmark scenarios.")
    var scenarios: String = "scenarios/bench"

    @Flag(help: "Only the reference model.")
    var referenceOnly = false

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift run -c release controlroom bench` for real figures")
        #endif
        let reference = ScenarioFiles.load(scenarios + "/reference.yaml")
        var config = reference.config
        let rate = config.lines[0].callsPerHour / Double(Clock.hour)
        config.duration = SimTime((Double(calls) / rate).rounded())
        let (seconds, stats) = timed(config)
        let offered = stats.lines[0].offered + stats.lines[1].offered
        print("reference model: \(ReportNode.grouped(Int64(offered))) calls in \(String(format: "%.3f", seconds)) s")
        print("  calls simulated per second   \(ReportNode.grouped(Int64(Double(offered) / seconds)))")
        print("  peak memory                  \(String(format: "%.1f", peakMegabytes())) MB")
        guard !referenceOnly else { return }
        let year = ScenarioFiles.load(scenarios + "/year.yaml")
        let (yearSeconds, yearStats) = timed(year.config)
        let yearCalls = yearStats.lines[0].offered + yearStats.lines[1].offered
        print("a year of a large force: \(ReportNode.grouped(Int64(yearCalls))) calls, \(year.config.units.count) units on the roster")
        print("  wall time                    \(String(format: "%.3f", yearSeconds)) s")
        print("  peak memory                  \(String(format: "%.1f", peakMegabytes())) MB")
    }

    private func timed(_ config: WorldConfig) -> (Double, Statistics) {
        let started = DispatchTime.now().uptimeNanoseconds
        let simulation = Simulation(config: config)
        simulation.runToEnd()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return (seconds, simulation.statistics)
    }

    /// The process's peak resident memory (VmHWM), in MB.
    private func peakMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }
}
