import DispatchEngine

/// Durations as people type them on the command line, in the same form as scenario files.
public enum DurationText {
    /// "90s", "4m", "1h30m", "2d", "250ms"; nil if it is not a duration.
    public static func parse(_ text: String) -> SimTime? {
        YAMLReader.parseDuration(text.trimmedOfSpaces)
    }
}
