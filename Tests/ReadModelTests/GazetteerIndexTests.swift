import ReadModel
import Testing

/// The gazetteer's index finds what reading every name finds, in the same order, whatever is
/// typed: prefixes, several words, a typo, punctuation, vague locations last.
@Suite("The gazetteer's index")
struct GazetteerIndexTests {
    @Test("On 400 addresses and the shipped landmarks, every keystroke of 23 queries (typos, several words, punctuation) finds what the full read finds, in its order")
    func sameAsReadingEveryName() {
        let names = ["14 Birch Close, Hartley", "Birch Close play area", "Bridge Street Co-op", "Co-op, Bridge Street", "Market Square, Hartley",
                     "Riverside car park", "The Red Lion, Market Square", "St Mary's Church", "A12 southbound, Fenwick interchange"]
            + GazetteerIndex.syntheticAddresses(400) + ["Birch Close (street)", "Hartley (area)"]
        let vagueFrom = names.count - 2
        let index = GazetteerIndex(names: names)
        let queries = ["brich", "14 birch", "marekt sq", "riversde", "red lino", "co-op", "st mary's", "a12 south", "12 cedar road",
                       "cedr rd", "wellingotn", "lt hartley", "5 ", "elm 59", "zzzz", "kngs way", "westgate 3", "bri", "hawthron",
                       "prioyr", "ash grove", "school lane", "north"]
        var checked = 0
        for query in queries {
            for end in 1...query.count {
                let typed = String(query.prefix(end))
                for limit in end == query.count ? [8, 40] : [8] {
                    let want = GazetteerIndex.linear(typed, in: names, limit: limit, vagueFrom: vagueFrom)
                    let got = index.matches(typed, limit: limit, vagueFrom: vagueFrom)
                    #expect(got == want, "'\(typed)' limit \(limit): index \(got.map { names[$0] }), full read \(want.map { names[$0] })")
                    checked += 1
                }
            }
        }
        #expect(checked > 150)
    }

    @Test("On 2,000 addresses, every keystroke of the bench's ten locations (a first digit or letter matching hundreds of names) finds what the full read finds, at the call form's 40")
    func sameAtScaleAsReadingEveryName() {
        let names = GazetteerIndex.syntheticAddresses(2_000)
        let index = GazetteerIndex(names: names)
        var checked = 0
        for query in ["14 birch close", "brich close hartley", "wellingotn gardens", "market sq", "orchrad way ashby", "59 elm grove",
                      "victoria road northfield", "kngs way", "st mary", "the old rectory", "1", "s"] {
            for end in 1...query.count {
                let typed = String(query.prefix(end))
                let want = GazetteerIndex.linear(typed, in: names, limit: 40, vagueFrom: names.count)
                #expect(index.matches(typed, limit: 40, vagueFrom: names.count) == want, "'\(typed)'")
                checked += 1
            }
        }
        #expect(checked > 140)
    }
}
