import ReadModel
/// A row of bars for a series: ▁▂▃▄▅▆▇█ (or ASCII) scaled to the largest value.
public enum Sparkline {
    public static func draw(_ values: [Int], unicode: Bool) -> String {
        let levels: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
        guard let top = values.max(), top > 0 else { return String(repeating: levels[0], count: values.count) }
        return String(values.map { levels[min(levels.count - 1, $0 * (levels.count - 1) / top)] })
    }
}
