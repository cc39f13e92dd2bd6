import DispatchEngine
import Foundation
import ReadModel
import Scenario

/// Foresight's figures: how long the futures take on one core, from the default scenario's
/// Friday night as it stands at 22:00.
enum ForesightBench {
    static func run(repeat runs: Int) {
        let district = Scenario.builtInDefault()
        let simulation = Simulation(config: district.config)
        simulation.advance(to: 4 * Clock.hour)
        let clock = RoomClock(start: district.config.calendar)
        func timed(_ whatIfs: [WhatIf]) -> (Double, Foresight) {
            let started = DispatchTime.now().uptimeNanoseconds
            let look = Foresight.look(from: simulation.snapshot(), whatIfs: whatIfs)
            return (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, look)
        }
        let alone = (0..<runs).map { _ in timed([.asThings]) }
        let all = (0..<runs).map { _ in timed(WhatIf.allCases) }
        let seconds = alone.map(\.0).sorted(), allSeconds = all.map(\.0).sorted()
        let outlook = alone[0].1.outlook(.asThings)!
        print("foresight from \(district.name) at \(clock.dayTime(simulation.now)), \(simulation.world.incidents.count) open incidents, one core")
        print("  \(Foresight.futures) futures of 2 h         \(String(format: "%.3f", ConsoleBench.median(seconds))) s"
              + "  (range \(String(format: "%.3f", seconds.first!)) to \(String(format: "%.3f", seconds.last!)))")
        print("  and the three what-ifs       \(String(format: "%.3f", ConsoleBench.median(allSeconds))) s for \(4 * Foresight.futures) futures")
        print("  as things are: grade 1 late \(Int((outlook.gradeOneLateChance * 100).rounded()))%, waiting for units "
              + outlook.stackedAtHour.map { String(format: "%.1f", $0) }.joined(separator: " / ")
              + ", 999 within 10 s " + (outlook.within10s.map { String(format: "%.1f%%", $0 * 100) } ?? "-"))
    }

    /// A week of the default scenario, a forecast every 10 minutes from 200 futures, against what
    /// then happened: the calibration table and the Brier score.
    static func calibration() {
        let district = Scenario.builtInDefault()
        let started = DispatchTime.now().uptimeNanoseconds
        let result = Calibration.run(district.config, from: Clock.hour, until: 7 * Clock.day - Foresight.horizon,
                                     every: 10 * Clock.minute, futures: Foresight.futures)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        print("foresight calibration: \(district.name), a week, \(result.forecasts.count) forecasts of a grade 1 late in the next 2 h, "
              + "\(Foresight.futures) futures each (\(String(format: "%.0f", seconds)) s)")
        print("  band       forecasts  mean forecast  came true  rate    95% interval    calibrated")
        for band in result.bands {
            let name = "\(Int(band.lower * 100))-\(Int(band.upper * 100))%"
            let interval = band.interval.map { String(format: "%.1f-%.1f%%", $0.low * 100, $0.high * 100) } ?? "-"
            print("  " + name.padding(toLength: 11, withPad: " ", startingAt: 0)
                  + String(band.forecasts).padding(toLength: 11, withPad: " ", startingAt: 0)
                  + (band.meanForecast.map { String(format: "%.1f%%", $0 * 100) } ?? "-").padding(toLength: 15, withPad: " ", startingAt: 0)
                  + String(band.cameTrue).padding(toLength: 11, withPad: " ", startingAt: 0)
                  + (band.rate.map { String(format: "%.1f%%", $0 * 100) } ?? "-").padding(toLength: 8, withPad: " ", startingAt: 0)
                  + interval.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + (band.forecasts == 0 ? "-" : band.calibrated ? "yes" : "NO"))
        }
        print("  Brier score \(String(format: "%.4f", result.brier)) (always saying the base rate \(String(format: "%.1f%%", result.baseRate * 100)): "
              + String(format: "%.4f", result.brierOfBaseRate) + ")")
    }
}
