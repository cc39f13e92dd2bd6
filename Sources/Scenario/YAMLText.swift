/// Text written into the YAML files we make (a fitted demand, an imported district).
public enum YAMLText {
    /// A double-quoted YAML string: any name, quotes and backslashes escaped.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
