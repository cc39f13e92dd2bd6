import DispatchEngine
import Foundation
import ReadModel

/// The call form's place search at a force's scale: every keystroke of typed locations (some
/// with typos) against 100,000 addresses, the index beside reading every name as before.
enum GazetteerBench {
    static let queries = ["14 birch close", "brich close hartley", "wellingotn gardens", "market sq", "orchrad way ashby",
                          "59 elm grove", "victoria road northfield", "kngs way", "st mary", "the old rectory"]

    static func run(addresses: Int = 100_000, linear: Bool = true) {
        let names = GazetteerIndex.syntheticAddresses(addresses)
        let built = DispatchTime.now().uptimeNanoseconds
        let index = GazetteerIndex(names: names)
        let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - built) / 1e9
        func time(_ search: (String) -> [Int]) -> [Double] {
            var out: [Double] = []
            for query in queries {
                for end in 1...query.count {
                    let typed = String(query.prefix(end))
                    let started = DispatchTime.now().uptimeNanoseconds
                    _ = search(typed)
                    out.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                }
            }
            return out.sorted()
        }
        func line(_ label: String, _ ms: [Double]) -> String {
            let median = ms[ms.count / 2], p99 = ms[min(ms.count - 1, ms.count * 99 / 100)]
            return "  \(label.padding(toLength: 29, withPad: " ", startingAt: 0))median \(String(format: "%.2f", median)) ms"
                + "  p99 \(String(format: "%.2f", p99)) ms  max \(String(format: "%.2f", ms.last!)) ms"
        }
        let indexed = time { index.matches($0, limit: 40, vagueFrom: names.count) }
        print("gazetteer: \(addresses) addresses, \(indexed.count) keystrokes of \(queries.count) typed locations (some with typos)")
        print("  index built in               \(String(format: "%.2f", buildSeconds)) s, \(index.vocabularySize) distinct words")
        print(line("indexed, a keystroke", indexed))
        if linear { print(line("reading every name (before)", time { GazetteerIndex.linear($0, in: names, limit: 40, vagueFrom: names.count) })) }
    }
}
