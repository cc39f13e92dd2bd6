import CNcursesw
import Console
import ReadModel
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Text width agrees with glibc")
struct TextWidthTests {
    @Test("Every printable code point in the first three planes has the width glibc's wcwidth gives it")
    func agreesWithGlibc() {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else {
            Issue.record("no C.UTF-8 locale on this machine")
            return
        }
        var mismatches: [String] = []
        for v in UInt32(0x20)...0x3FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let glibc = Int(cr_wcwidth(Int32(v)))
            guard glibc >= 0 else { continue }   // unprintable or unassigned for glibc: never drawn as-is
            let ours = TextWidth.of(scalar)
            if ours != glibc { mismatches.append("U+\(String(v, radix: 16, uppercase: true)) ours \(ours) glibc \(glibc)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.filter { !$0.hasPrefix("U+4D") })")
    }
}
