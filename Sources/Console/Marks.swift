import ReadModel

extension Update {
    /// The instructor's marks as they come (live, on every console of a floor, or as a replay
    /// reaches them): each said on the status line once.
    public static func heardMarks(_ state: inout ConsoleState, _ floor: Floor) {
        // Marks made before this console first looked (it joined late) are not news: the
        // debrief lists them.
        guard let shown = state.marksShown else { state.marksShown = floor.marks.count; return }
        // A replay sought back rebuilt the world: its marks start again.
        if floor.marks.count < shown { state.marksShown = floor.marks.count }
        guard floor.marks.count > shown, let last = floor.marks.last else { return }
        let more = floor.marks.count - shown - 1
        state.marksShown = floor.marks.count
        state.messageClock = floor.now
        state.say("MARK \(floor.clock.time(last.at)) \(last.by): \(last.text)"
                  + (more > 0 ? " (and \(more) more: the debrief lists them)" : ""))
    }
}
