import Testing
import DispatchEngine
import Scenario

/// Foresight says how likely a grade 1 is to pass its target unattended in the next two hours:
/// over a week of the default scenario, forecasts in each band of 20 % must come true at a rate
/// whose 95 % interval meets the band, and together beat always saying the base rate.
/// (Forecasts every hour from 40 futures, to keep the suite quick; `controlroom bench
/// --foresight-calibration` runs the full 200 futures every 10 minutes and prints the table.)
@Suite("Foresight calibration over a week")
struct ForesightCalibrationTests {
    @Test("A week of the default scenario: every band of forecasts comes true at a rate inside its interval; the Brier score beats the base rate's")
    func week() {
        let result = Calibration.run(Scenario.builtInDefault().config, from: Clock.hour, until: 7 * Clock.day - Foresight.horizon,
                                     every: Clock.hour, futures: 40)
        for band in result.bands {
            print("band \(Int(band.lower * 100))-\(Int(band.upper * 100))%: \(band.forecasts) forecasts, mean "
                  + (band.meanForecast.map { "\(Int(($0 * 100).rounded()))%" } ?? "-")
                  + ", came true \(band.cameTrue)" + (band.interval.map { " (95% \(Int(($0.low * 100).rounded()))-\(Int(($0.high * 100).rounded()))%)" } ?? ""))
        }
        print("Brier \(result.brier), base rate \(result.baseRate) scores \(result.brierOfBaseRate)")
        #expect(result.forecasts.count == 166)
        // Something to be calibrated about: late grade 1s happen, and forecasts differ.
        #expect(result.baseRate > 0.02 && result.baseRate < 0.9)
        #expect(result.bands.filter { $0.forecasts > 0 }.count >= 2)
        for band in result.bands {
            #expect(band.calibrated, "band \(band.lower)-\(band.upper): \(band.cameTrue) of \(band.forecasts) came true")
        }
        #expect(result.brier < result.brierOfBaseRate)
    }
}
