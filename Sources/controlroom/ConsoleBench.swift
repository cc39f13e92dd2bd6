import Console
import ReadModel
import DispatchEngine
import Foundation
import Scenario
import TmuxHarness

/// The console's benchmarks: rendering a crowded floor in process, and keypress-to-frame and
/// start-to-first-frame through the real binary in tmux.
enum ConsoleBench {
    /// 200x60 with 10,000 open incidents and 1,000 units.
    static func render(repeat runs: Int) {
        let floor = crowdedFloor()
        var state = ConsoleState()
        state.selectedIncident = floor.incidentRows(state.query).dropFirst(5000).first?.reference
        var cached: [Double] = [], changed: [Double] = [], rebuilt: [Double] = []
        func time(_ into: inout [Double]) {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = Render.frame(state, floor, width: 200, height: 60)
            into.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        for _ in 0..<(200 * runs) {
            time(&cached)
            // The world moves on a second (a tick at 25x): a few incidents change.
            floor.simulation.advance(to: floor.now + Clock.second)
            time(&changed)
        }
        for _ in 0..<(20 * runs) {
            floor.forgetRows()
            time(&rebuilt)
        }
        print("console render, 200x60, \(floor.world.incidents.count) open incidents, \(floor.world.units.count) units")
        print("  median per frame             \(ms(median(cached))) ms (worst \(ms(cached.max()!)) ms)")
        print("  median, the world changed    \(ms(median(changed))) ms (worst \(ms(changed.max()!)) ms)  [a second of the night since the last frame]")
        print("  median, every row made again \(ms(median(rebuilt))) ms (worst \(ms(rebuilt.max()!)) ms)")
        // The map zoomed to the whole screen over the default district, its units moving.
        let district = Scenario.builtInDefault()
        let mapFloor = Floor(simulation: Simulation(config: district.config), scenarioName: district.name)
        mapFloor.simulation.advance(to: 2 * Clock.hour)
        var mapState = ConsoleState()
        mapState.showMap = true; mapState.focus = .map; mapState.zoomed = true
        mapState.selectedIncident = mapFloor.incidentRows(mapState.query).first?.reference
        var drawn: [Double] = []
        for _ in 0..<(200 * runs) {
            mapFloor.simulation.advance(to: mapFloor.now + Clock.second)
            let t = DispatchTime.now().uptimeNanoseconds
            _ = Render.frame(mapState, mapFloor, width: 200, height: 60)
            drawn.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        print("map render, 200x60 zoomed, \(district.name): \(mapFloor.world.units.count) units, \(mapFloor.config.places.count) places")
        print("  median per frame             \(ms(median(drawn))) ms (worst \(ms(drawn.max()!)) ms)")
    }

    /// Fills a world until 10,000 incidents are open: far more calls than 1,000 officers can attend.
    static func crowdedFloor() -> Floor {
        let text = """
        name: Crowded floor
        start: 2026-11-27 18:00
        duration: 30d
        travel: {time: 5m}
        roster:
          units: [{callsign: "U####", count: 1000, skills: [taser]}]
          call_handlers: 2000
        demand:
          "999":
            calls_per_hour: 20000
            handling: 30s
            outcomes: {incident: 100}
        incident_types:
          - {name: concern for safety, share: 60, grades: [20, 30, 50, 0], handling: 30s, on_scene: 20h}
          - {name: anti-social behaviour, share: 40, grades: [10, 30, 60, 0], handling: 30s, on_scene: 20h}
        """
        let scenario = try! Scenario.parse(text: text, file: "crowded.yaml")
        let simulation = Simulation(config: scenario.config)
        let floor = Floor(simulation: simulation, scenarioName: scenario.name)
        while simulation.world.incidents.count < 10_000 { simulation.advance(to: simulation.now + Clock.minute) }
        return floor
    }

    /// Keys sent through tmux to the real binary at 60x; the binary logs when each frame is drawn.
    /// With `foresight`, the supervisor's seat with its overview open and `:foresee` typed every
    /// few keys, so the futures are being worked out in the background all the while.
    static func latency(binary: String, keys count: Int, foresight: Bool = false) {
        guard TmuxSession.available else {
            print("keypress to frame: skipped (tmux is not installed)")
            return
        }
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("controlroom-trace-\(getpid())").path
        let started = DispatchTime.now().uptimeNanoseconds
        let session = TmuxSession(binary: binary, ["run", "--speed", "60", "--trace-frames", trace] + (foresight ? ["--role", "supervisor"] : []),
                                  width: 160, height: 48)
        guard session.wait(for: foresight ? "Supervisor overview" : "Incidents") else { print("keypress to frame: the console did not start"); return }
        var sent: [UInt64] = []
        let keys = foresight ? ["j", "k", "j", "k", ":", "f", "o", "r", "e", "s", "e", "e", "Enter", "j", "k"]
            : ["j", "k", "Tab", "j", "Tab", "Tab", "+", "-"]
        for i in 0..<(foresight ? max(count, 150) : count) {
            usleep(60_000 + UInt32(i % 7) * 9_000)   // irregular, so keys land at any point of a tick
            sent.append(DispatchTime.now().uptimeNanoseconds)
            session.keys(keys[i % keys.count])
        }
        usleep(300_000)
        session.keys("Escape")
        usleep(100_000)
        session.keys("q")
        _ = session.wait(for: "Quit")
        session.keys("y")
        _ = session.wait(for: "[exit")
        let lines = (try? String(contentsOfFile: trace, encoding: .utf8))?.split(separator: "\n") ?? []
        unlink(trace)
        try? FileManager.default.removeItem(atPath: session.stateHome)
        let first = lines.first { $0.hasPrefix("first-frame ") }.flatMap { UInt64($0.dropFirst(12)) }
        let drawn = lines.filter { $0.hasPrefix("key ") }.compactMap { UInt64($0.dropFirst(4)) }
        let looks = lines.filter { $0.hasPrefix("foresight ") }.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        // Each key's frame is the first one drawn after it was sent.
        var latencies: [Double] = []
        for t in sent { if let frame = drawn.first(where: { $0 >= t }) { latencies.append(Double(frame - t) / 1e6) } }
        if let first, !foresight { print("start to first frame (tmux start included)  \(ms(Double(first - started) / 1e6)) ms") }
        guard !latencies.isEmpty else { print("keypress to frame: no frames traced"); return }
        let sorted = latencies.sorted()
        print("keypress to frame at 60x, \(latencies.count) keys through tmux" + (foresight
            ? ", the supervisor's overview with foresight running (\(looks.count) looks finished meanwhile, median \(looks.isEmpty ? "-" : ms(median(looks) * 1000)) ms each)" : ""))
        print("  median                       \(ms(median(latencies))) ms")
        print("  99th percentile              \(ms(sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)])) ms")
        print("  worst                        \(ms(latencies.max()!)) ms")
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func ms(_ v: Double) -> String { String(format: "%.3f", v) }
}
