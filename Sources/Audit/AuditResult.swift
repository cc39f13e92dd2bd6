import Foundation

/// One figure a view states that the audit works out differently.
public struct Disagreement: Sendable, Equatable, Codable {
    /// Where it is stated: "report", "overview", "record", "incidents export", "calls export", "debrief".
    public var view: String
    /// The figure's name in that view ("attendance.grade1.within_target_percent", "target_met").
    public var figure: String
    /// What it is of: "incident 0015", "call 17", "at 21:00" (nil: the whole session).
    public var subject: String?
    public var stated: String
    public var audited: String
}

/// What an audit of one journal found: how many figures it checked, and each disagreement.
public struct AuditResult: Sendable, Codable {
    public var journal: String
    public var checked = 0
    public var disagreements: [Disagreement] = []
    /// A person's sends the console would have asked about (single-crewed to violence, another
    /// area, a divert off a grade 2...), and how many of them the record shows were asked first.
    public var riskySends = 0
    public var riskySendsAsked = 0
    /// The actions (by sequence) of risky sends the record shows no question before.
    public var riskyUnasked: [Int64] = []

    public init(journal: String) { self.journal = journal }

    /// Compares a number stated by a view with the audit's (nil on either side: "-", none).
    /// Equal to a millionth: percentages and means are worked out by different sums.
    public mutating func number(_ view: String, _ figure: String, subject: String? = nil, stated: Double??, audited: Double?) {
        checked += 1
        let said: Double?
        switch stated {
        case .none:
            disagreements.append(Disagreement(view: view, figure: figure, subject: subject, stated: "(not stated)",
                                              audited: Self.words(audited)))
            return
        case .some(let value): said = value
        }
        switch (said, audited) {
        case (nil, nil): return
        case let (a?, b?) where abs(a - b) <= max(1e-6, abs(b) * 1e-9): return
        default:
            disagreements.append(Disagreement(view: view, figure: figure, subject: subject, stated: Self.words(said), audited: Self.words(audited)))
        }
    }

    /// Compares a fact stated as text (nil stated: the view does not state it at all).
    public mutating func text(_ view: String, _ figure: String, subject: String? = nil, stated: String?, audited: String) {
        checked += 1
        guard let stated else {
            disagreements.append(Disagreement(view: view, figure: figure, subject: subject, stated: "(not stated)", audited: audited))
            return
        }
        if stated != audited {
            disagreements.append(Disagreement(view: view, figure: figure, subject: subject, stated: stated, audited: audited))
        }
    }

    static func words(_ v: Double?) -> String {
        guard let v else { return "-" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.4f", v)
    }

    /// The findings as lines for a person.
    public func lines() -> [String] {
        var out = ["\(journal): \(checked) figures checked, \(disagreements.count) disagreement\(disagreements.count == 1 ? "" : "s")"
                   + (riskySends == 0 ? "" : "; \(riskySends) risky send\(riskySends == 1 ? "" : "s"), \(riskySendsAsked) asked first")]
        if !riskyUnasked.isEmpty {
            out.append("  risky sends with no question before them: action " + riskyUnasked.map(String.init).joined(separator: ", "))
        }
        for d in disagreements {
            out.append("  \(d.view): \(d.figure)" + (d.subject.map { " (\($0))" } ?? "") + ": stated \(d.stated), audit \(d.audited)")
        }
        return out
    }
}
