import ReadModel

extension Update {
    /// The instructor's marks as they come (live, on every console of a floor, or as a replay
    /// reaches them): each said on the status line once.
    public static func heardMarks(_ state: inout ConsoleState, _ floor: Floor) {
        // A replay sought back rebuilt the world: its marks start again.
        if floor.marks.count < state.marksShown { state.marksShown = floor.marks.count }
        guard floor.marks.count > state.marksShown, let last = floor.marks.last else { return }
        state.marksShown = floor.marks.count
        state.say("MARK \(floor.clock.time(last.at)) \(last.by): \(last.text)")
    }
}
