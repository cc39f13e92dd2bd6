import ReadModel
/// A row of bars for a series: ▁▂▃▄▅▆▇█ (or ASCII) scaled to the largest value.
public enum Sparkline {
    public static func draw(_ values: [Int], unicode: Bool) -> String {
        let levels: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
        guard let top = values.max(), top > 0 else { return String(repeating: levels[0], count: values.count) }
        return String(values.map { levels[min(levels.count - 1, $0 * (levels.count - 1) / top)] })
    }

    /// The hours under a sparkline of `count` hourly bars: the wall clock's hour ("18", "00")
    /// under the bar where it starts, every third hour, where it fits. `firstHour`: the first
    /// bar's hour since the run began; `startHour`: the hour of day the run began.
    public static func hourLabels(count: Int, firstHour: Int, startHour: Int) -> String {
        var line = Array(repeating: Character(" "), count: count + 1)
        var free = 0
        for i in 0..<count {
            let hour = (startHour + firstHour + i) % 24
            guard hour % 3 == 0, i >= free, i + 2 <= line.count else { continue }
            let label = hour < 10 ? "0\(hour)" : "\(hour)"
            for (k, c) in label.enumerated() { line[i + k] = c }
            free = i + 3
        }
        return String(line)
    }
}
