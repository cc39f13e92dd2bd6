import ArgumentParser
import DispatchEngine
import Foundation
import Journal
import Report
import Scenario

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print performance figures (build with -c release). Never pass or fail.",
        discussion: """
        The reference model (scenarios/bench/reference.yaml) is run for --calls calls; then a year \
        of a large force (scenarios/bench/year.yaml). Peak memory is the process's high-water mark.
        """)

    @Option(parsing: .unconditional, help: "Calls to simulate in the reference model.",
            transform: { try WholeNumber.parse($0, option: "--calls", in: 1...1_000_000_000) })
    var calls: Int = 1_000_000

    @Option(help: "The folder holding the benchmark scenarios.")
    var scenarios: String = "scenarios/bench"

    @Flag(help: "Only the reference model.")
    var referenceOnly = false

    @Flag(help: "Only the engine: the reference model, the large force's year and the same year on roads.")
    var engineOnly = false

    @Flag(help: "Only the console's figures (render, keypress to frame, first frame).")
    var consoleOnly = false

    @Flag(help: "Only the call form's place search: every keystroke at 100,000 addresses, indexed and read through.")
    var gazetteer = false

    @Flag(help: "Only foresight's calibration: a week of the default scenario, 200 futures every 10 minutes (minutes of work).")
    var foresightCalibration = false

    @Option(parsing: .unconditional, help: "Only the floor: this many headless consoles joining a floor process, each acting every 2 s.",
            transform: { try WholeNumber.parse($0, option: "--floor", in: 1...500) })
    var floor: Int?

    @Option(parsing: .unconditional, help: "With --floor: seconds to run (default 300).",
            transform: { try WholeNumber.parse($0, option: "--floor-seconds", in: 5...86_400) })
    var floorSeconds: Int = 300

    @Option(parsing: .unconditional, help: "With --floor: kill -9 the floor after this many seconds and resume it.",
            transform: { try WholeNumber.parse($0, option: "--floor-kill", in: 1...86_400) })
    var floorKill: Int?

    @Option(name: .customLong("floor-journal"),
            help: "With --floor: keep the floor's journal in this PostgreSQL database (postgres://USER@HOST/DB), in a schema of the bench's own, dropped after.")
    var floorJournal: String?

    @Option(parsing: .unconditional, help: "With --floor and --floor-journal: a standby floor follows, and the acting floor is killed (-9) this many times, every 10 s; each takeover timed.",
            transform: { try WholeNumber.parse($0, option: "--floor-takeovers", in: 1...100) })
    var floorTakeovers: Int?

    @Flag(name: .customLong("floor-tls"), help: "With --floor: the consoles join over TCP with TLS on loopback (tls://127.0.0.1:PORT; a standby on 127.0.0.2), each with a console certificate, instead of the Unix socket.")
    var floorTLS = false

    @Option(parsing: .unconditional, help: "Times to repeat each measurement; the median is reported, with the range.",
            transform: { try WholeNumber.parse($0, option: "--repeat", in: 1...100) })
    var `repeat`: Int = 3

    func validate() throws {
        if floorTakeovers != nil && floorJournal == nil { throw ValidationError("--floor-takeovers needs --floor-journal postgres://...: a standby follows a journal in PostgreSQL") }
        if let floorJournal, !Journal.inDatabase(floorJournal) { throw ValidationError("--floor-journal takes a PostgreSQL address (postgres://USER@HOST/DB), not \(floorJournal)") }
        guard (1...100).contains(`repeat`) else { throw ValidationError("--repeat must be from 1 to 100") }
        guard (1...1_000_000_000).contains(calls) else { throw ValidationError("--calls must be from 1 to 1000000000") }
    }

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift run -c release controlroom bench` for real figures")
        #endif
        if let floor {
            FloorBench.run(consoles: floor, seconds: Double(floorSeconds), killAfter: floorKill.map(Double.init),
                           database: floorJournal, takeovers: floorTakeovers ?? 0, tls: floorTLS,
                           binary: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
                               : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
            return
        }
        if gazetteer {
            GazetteerBench.run()
            return
        }
        if foresightCalibration {
            ForesightBench.calibration()
            return
        }
        if consoleOnly {
            runConsole()
            return
        }
        let reference = ScenarioFiles.load(scenarios + "/reference.yaml")
        var config = reference.config
        let rate = config.lines[0].callsPerHour / Double(Clock.hour)
        config.duration = SimTime((Double(calls) / rate).rounded())
        let runs = (0..<`repeat`).map { _ in timed(config) }
        let offered = runs[0].1.callsOffered
        let rates = runs.map { Double(offered) / $0.0 }.sorted()
        print("reference model: \(ReportNode.grouped(Int64(offered))) calls, \(`repeat`) run(s)")
        print("  calls simulated per second   \(ReportNode.grouped(Int64(median(rates))))"
              + "  (range \(ReportNode.grouped(Int64(rates.first!))) to \(ReportNode.grouped(Int64(rates.last!))))")
        print("  peak memory                  \(String(format: "%.1f", peakMegabytes())) MB")
        guard !referenceOnly else { return }
        let year = ScenarioFiles.load(scenarios + "/year.yaml")
        let yearRuns = (0..<`repeat`).map { _ in timed(year.config) }
        let yearCalls = yearRuns[0].1.callsOffered
        let seconds = yearRuns.map(\.0).sorted()
        print("a year of a large force: \(ReportNode.grouped(Int64(yearCalls))) calls, \(year.config.units.count) units on the roster, \(`repeat`) run(s)")
        print("  wall time                    \(String(format: "%.3f", median(seconds))) s"
              + "  (range \(String(format: "%.3f", seconds.first!)) to \(String(format: "%.3f", seconds.last!)))")
        print("  peak memory                  \(String(format: "%.1f", peakMegabytes())) MB")
        yearOnRoads(year.config, straight: median(seconds))
        guard !engineOnly else { return }
        runConsole()
    }

    private func runConsole() {
        GazetteerBench.run(linear: false)
        ForesightBench.run(repeat: `repeat`)
        JournalBench.run()
        ConsoleBench.render(repeat: `repeat`)
        let me = ProcessInfo.processInfo.arguments[0]
        let binary = me.hasPrefix("/") ? me : FileManager.default.currentDirectoryPath + "/" + me
        ConsoleBench.latency(binary: binary, keys: 40 * `repeat`)
        ConsoleBench.latency(binary: binary, keys: 40 * `repeat`, foresight: true)
    }

    /// The same year with journeys along an imported road network (the extract's roads laid over
    /// the county), against its straight-line time.
    private func yearOnRoads(_ config: WorldConfig, straight: Double) {
        let extract = scenarios + "/../../districts/helsinki-centre.osm.pbf"
        guard let roads = RoadBench.countyRoads(extract: extract, covering: config) else {
            print("the year on roads: \(extract) cannot be read; skipped"); return
        }
        var onRoads = config
        onRoads.roads = roads
        let runs = (0..<`repeat`).map { _ in timed(onRoads) }
        let seconds = runs.map(\.0).sorted()
        print("the same year on roads: \(ReportNode.grouped(Int64(roads.nodes.count))) road nodes (the extract's network laid 4 by 4 over the county), \(`repeat`) run(s)")
        print("  wall time                    \(String(format: "%.3f", median(seconds))) s"
              + "  (range \(String(format: "%.3f", seconds.first!)) to \(String(format: "%.3f", seconds.last!))), \(String(format: "%.2f", median(seconds) / straight))x the straight line")
        print("  grade-1 attendance, mean     \(String(format: "%.1f", (runs[0].1.grades[0].attendance.mean ?? 0) / 60_000)) min on roads")
    }

    private func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
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
