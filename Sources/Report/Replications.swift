/// Averages reports of independent replications: every figure becomes its mean and standard
/// error over the runs that recorded it.
public enum Replications {
    public static func combine(_ reports: [ReportNode]) -> ReportNode {
        guard let first = reports.first else { return .group([]) }
        return merge(first, reports)
    }

    private static func merge(_ shape: ReportNode, _ reports: [ReportNode]) -> ReportNode {
        switch shape {
        case .group(let entries):
            return .group(entries.map { entry in
                ReportEntry(entry.key, entry.label, merge(entry.node, reports.map { $0[entry.key] ?? .figure(nil, .count) }))
            })
        case .figure(_, let unit):
            let values = reports.compactMap { node -> Double? in
                if case .figure(let v, _) = node { return v }
                return nil
            }
            return estimate(values, runs: reports.count, unit)
        case .estimate, .text:
            return shape
        }
    }

    static func estimate(_ values: [Double], runs: Int, _ unit: FigureUnit) -> ReportNode {
        guard !values.isEmpty else { return .estimate(mean: nil, standardError: nil, runs: runs, unit) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else { return .estimate(mean: mean, standardError: nil, runs: runs, unit) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return .estimate(mean: mean, standardError: (variance / n).squareRoot(), runs: runs, unit)
    }
}
