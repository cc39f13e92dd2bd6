import Foundation
import DispatchEngine
@testable import Scenario
import Testing

/// No input of any shape makes loading crash: mutated copies of the shipped scenarios either
/// load (and then run) or are refused with a located problem.
@Suite("Scenario fuzzing")
struct FuzzTests {
    struct Mutator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

        static let values = ["-1", "0", "1e309", "NaN", "99999999999999999999", "", "~", "[]", "{}", "\"\"",
                             "2026-13-45 25:99", "0s", "-5m", "1h-", "###", "{exponential: 0s}", "[1, 2, 3]",
                             "yes", "{lognormal: {median: 9h, p90: 1s}}", "\"22:00-22:00\"", "&a x", "*a", "!!binary aGk=",
                             "\u{1F693}", "null", ".inf", "[[[[[[[[[[[[]]]]]]]]]]]]", "|\n  text"]
        static let keys = ["name", "units", "count", "shift", "share", "grades", "callsign", "station", "area",
                           "calls_per_hour", "outcomes", "profile", "hours", "nonsense", "places", "at"]

        /// One of several kinds of damage: bytes, keys, values, nesting, lines.
        mutating func mutate(_ text: String) -> [UInt8] {
            var lines = text.components(separatedBy: "\n")
            var bytes = Array(text.utf8)
            switch below(8) {
            case 0:  // flip, insert or delete bytes
                for _ in 0..<(1 + below(4)) where !bytes.isEmpty {
                    let i = below(bytes.count)
                    switch below(3) {
                    case 0: bytes[i] = UInt8(truncatingIfNeeded: next())
                    case 1: bytes.insert(UInt8(truncatingIfNeeded: next()), at: i)
                    default: bytes.remove(at: i)
                    }
                }
                return bytes
            case 1:  // replace a value
                let i = below(lines.count)
                if let colon = lines[i].firstIndex(of: ":") {
                    lines[i] = String(lines[i][...colon]) + " " + Self.values[below(Self.values.count)]
                }
            case 2:  // rename a key
                let i = below(lines.count)
                if let colon = lines[i].firstIndex(of: ":") {
                    let indent = lines[i].prefix { $0 == " " || $0 == "-" }
                    lines[i] = indent + Self.keys[below(Self.keys.count)] + lines[i][colon...]
                }
            case 3:  // change nesting
                let i = below(lines.count)
                lines[i] = (below(2) == 0 ? "  " : "") + String(lines[i].dropFirst(below(2) == 0 ? 2 : 0))
            case 4:  // delete or duplicate lines
                let i = below(lines.count)
                if below(2) == 0 { lines.remove(at: i) } else { lines.insert(lines[i], at: i) }
            case 5:  // swap two lines
                let i = below(lines.count), j = below(lines.count)
                lines.swapAt(i, j)
            case 6:  // truncate
                return Array(bytes.prefix(below(bytes.count)))
            default:  // replace a number
                let i = below(lines.count)
                let numbers = ["0", "-3", "1000000000", "0.0001", "100", "24", "1e6"]
                lines[i] = lines[i].replacingOccurrences(of: "1", with: numbers[below(numbers.count)])
            }
            return Array(lines.joined(separator: "\n").utf8)
        }
    }

    @Test("Thousands of mutated scenarios load or are refused with a located problem")
    func mutations() throws {
        let files = ShippedScenarioTests.shipped()
        let texts = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
        var mutator = Mutator(state: 20261123)
        var loaded = 0, refused = 0
        for round in 0..<3000 {
            let source = texts[round % texts.count]
            var bytes = Array(source.utf8)
            for _ in 0..<(1 + mutator.below(3)) {
                bytes = mutator.mutate(String(decoding: bytes, as: UTF8.self))
            }
            do {
                // Whatever loads must also run: an hour of any valid world, however odd.
                var config = try Scenario.parse(bytes: bytes, file: "fuzz.yaml").config
                config.duration = min(config.duration, Clock.hour)
                let simulation = Simulation(config: config)
                simulation.runToEnd()
                #expect(Invariants.violations(in: simulation.world).isEmpty)
                loaded += 1
            } catch {
                refused += 1
                #expect(!error.problems.isEmpty)
                for problem in error.problems {
                    #expect(problem.file == "fuzz.yaml")
                    #expect(problem.line >= 1 && problem.column >= 1)
                    #expect(!problem.message.isEmpty && !problem.message.contains("Fatal"))
                }
            }
        }
        // Both paths are exercised: the fuzzer is not only producing garbage, nor only no-ops.
        #expect(loaded > 100 && refused > 1000, "loaded \(loaded), refused \(refused)")
    }
}
