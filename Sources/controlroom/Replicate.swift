import Dispatch
import DispatchEngine
import Foundation
import Report
import Scenario

/// Replications of a scenario on every core: each is a simulation of its own (seed SEED+i), so
/// they share nothing but the scenario (`cores` nil: every core), and the results are combined in seed order, so the output
/// is the same on one core or many.
enum Replicate {
    static func run(_ scenario: Scenario, seed: UInt64, until: SimTime?, runs: Int,
                    cores: Int?) -> [ReportNode] {
        let results = Results(count: runs)
        let progress = Progress(total: runs, shown: isatty(2) == 1)
        let workers = max(1, min(cores ?? ProcessInfo.processInfo.activeProcessorCount, runs))
        // Each worker takes the next replication not yet started: a slow one does not hold others up.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = results.next() {
                results.store(Runner.run(scenario, seed: seed &+ UInt64(i), until: until), at: i)
                progress.done()
            }
        }
        progress.finish()
        return results.all
    }

    /// The replications' reports by index, and the next one to run.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [ReportNode?]
        private var started = 0
        init(count: Int) { reports = Array(repeating: nil, count: count) }
        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard started < reports.count else { return nil }
            started += 1
            return started - 1
        }
        func store(_ report: ReportNode, at i: Int) { lock.lock(); reports[i] = report; lock.unlock() }
        var all: [ReportNode] { lock.lock(); defer { lock.unlock() }; return reports.map { $0! } }
    }

    /// "replication 3 of 8" on standard error, when it is a terminal.
    private final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var finished = 0
        private let total: Int, shown: Bool
        init(total: Int, shown: Bool) { self.total = total; self.shown = shown }
        func done() {
            lock.lock(); defer { lock.unlock() }
            finished += 1
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[Kreplications done: \(finished) of \(total)".utf8)) }
        }
        func finish() {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
