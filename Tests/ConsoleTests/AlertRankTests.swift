@testable import ReadModel
import Console
import Testing

/// The status bar's alert: the highest risk unseen, newest of its rank; one area's overdue
/// welfare checks together.
@Suite("The alert on the status bar")
struct AlertRankTests {
    static func alert(_ kind: Alert.Kind, at: Int64, unit: String? = nil, area: String? = nil) -> Alert {
        Alert(kind: kind, text: "\(kind.rawValue) \(unit ?? "")", at: at, callsign: unit, area: area)
    }

    @Test("An emergency outranks a grade 1, a grade 1 a job past its target, and all of them a welfare check, whatever came last; seen clears them all")
    func rank() {
        var desk = AlertDesk()
        desk.list = [Self.alert(.newGradeOne, at: 10), Self.alert(.welfareOverdue, at: 20, unit: "NF13", area: "North"),
                        Self.alert(.pastTarget, at: 30)]
        #expect(desk.unseen?.kind == .newGradeOne)
        desk.list.append(Self.alert(.emergency, at: 5))
        #expect(desk.unseen?.kind == .emergency, "an older emergency still outranks a newer grade 1")
        desk.unseen = nil
        #expect(desk.pending.isEmpty && desk.unseen == nil)
    }

    @Test("Welfare checks overdue in one area are one line naming every unit, with the command that checks them all")
    func welfareGrouped() {
        var desk = AlertDesk()
        desk.list = [Self.alert(.welfareOverdue, at: 10, unit: "NF13", area: "Northfield Town"),
                        Self.alert(.welfareOverdue, at: 20, unit: "AY11", area: "Ashby"),
                        Self.alert(.welfareOverdue, at: 30, unit: "NF21", area: "Northfield Town")]
        #expect(desk.unseen?.text == "Welfare checks overdue in Northfield Town: NF13, NF21 (:wc all checks every overdue unit)")
    }

    @Test("The status bar gives an unseen alert room: whole at 120 columns, the open counts giving way; at 80 cut at a word with an ellipsis, never mid-word")
    func alertFits() {
        let text = "Grade 1 0016 concern for welfare at Riverside Flats has no unit after 1:00"
        for (width, whole) in [(120, true), (80, false)] {
            let c = ConsoleFixture(width: width, height: 30)
            c.state.alerts.list = [Alert(kind: .newGradeOne, text: text, at: 0)]
            let bar = String(c.screen.split(separator: "\n")[0])
            if whole {
                #expect(bar.contains(text), "\(bar)")
                #expect(bar.contains("free "), "the free units stay")
            } else {
                #expect(bar.contains("Grade 1 0016 concern") && bar.contains("…"), "\(bar)")
                #expect(!bar.contains("~"), "\(bar)")
            }
        }
    }
}
