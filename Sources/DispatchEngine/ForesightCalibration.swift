/// Whether foresight's chances come true as often as they say: a scenario run on, a forecast of
/// "a grade 1 waits past its target in the next two hours" made every so often from the floor as
/// it stands, and what then happened, read by the same watch. Forecasts are put in bands of 20 %;
/// a band is calibrated when the rate its forecasts came true is, within its 95 % (Wilson)
/// interval, inside the band. The Brier score is the mean squared gap between forecast and outcome
/// (0 is perfect; always saying the base rate scores `brierOfBaseRate`).
/// The 95 % Wilson score interval of a share: what `hits` of `trials` says the true rate could be.
public enum Wilson {
    public static func interval(_ hits: Int, of trials: Int) -> (low: Double, high: Double)? {
        guard trials > 0 else { return nil }
        let n = Double(trials), p = Double(hits) / n, z = 1.96
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return (max(0, centre - half), min(1, centre + half))
    }
}

public struct Calibration: Sendable {
    public struct Band: Sendable {
        public var lower: Double, upper: Double
        public var forecasts = 0
        public var cameTrue = 0
        public var forecastTotal = 0.0

        public var meanForecast: Double? { forecasts == 0 ? nil : forecastTotal / Double(forecasts) }
        public var rate: Double? { forecasts == 0 ? nil : Double(cameTrue) / Double(forecasts) }
        /// The 95 % Wilson score interval of the rate.
        public var interval: (low: Double, high: Double)? { Wilson.interval(cameTrue, of: forecasts) }
        /// No forecasts, or the interval meets the band.
        public var calibrated: Bool {
            guard let interval else { return true }
            return interval.high >= lower && interval.low <= upper
        }
    }

    public var bands: [Band]
    public var forecasts: [(at: SimTime, chance: Double, cameTrue: Bool)]
    public var brier: Double {
        forecasts.isEmpty ? 0 : forecasts.map { ($0.chance - ($0.cameTrue ? 1 : 0)) * ($0.chance - ($0.cameTrue ? 1 : 0)) }.reduce(0, +) / Double(forecasts.count)
    }
    public var baseRate: Double { forecasts.isEmpty ? 0 : Double(forecasts.filter(\.cameTrue).count) / Double(forecasts.count) }
    public var brierOfBaseRate: Double { baseRate * (1 - baseRate) }

    /// Runs `config` from its start, forecasting every `every` from `from` until `until` with
    /// `futures` futures each, then on for the last forecast's horizon.
    public static func run(_ config: WorldConfig, from: SimTime, until: SimTime, every: SimTime, futures: Int,
                           horizon: SimTime = Foresight.horizon) -> Calibration {
        var config = config
        config.duration = max(config.duration, until + horizon)
        let simulation = Simulation(config: config)
        let truth = Truth()
        let world = simulation.world
        simulation.observers.append { _, event in truth.watch.observe(event, world: world) }
        var made: [(SimTime, Double)] = []
        var t = from
        while t <= until {
            simulation.advance(to: t)
            let look = Foresight.look(from: simulation, futures: futures, horizon: horizon, whatIfs: [.asThings])
            made.append((t, look.outlook(.asThings)!.gradeOneLateChance))
            t += every
        }
        simulation.advance(to: until + horizon)
        var bands = (0..<5).map { Band(lower: Double($0) * 0.2, upper: Double($0 + 1) * 0.2) }
        var forecasts: [(at: SimTime, chance: Double, cameTrue: Bool)] = []
        for (at, chance) in made {
            let happened = truth.watch.missed(after: at, by: at + horizon, now: simulation.now)
            forecasts.append((at, chance, happened))
            let b = min(4, Int(chance * 5))
            bands[b].forecasts += 1
            bands[b].forecastTotal += chance
            if happened { bands[b].cameTrue += 1 }
        }
        return Calibration(bands: bands, forecasts: forecasts)
    }

    private final class Truth {
        var watch = GradeOneWatch()
    }
}
