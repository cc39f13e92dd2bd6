import Foundation

/// The site's config folder, as terminal programs find theirs: `$XDG_CONFIG_HOME/controlroom`,
/// else `~/.config/controlroom`. The console's settings and the floor's roster live there.
public enum SiteFolder {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/controlroom"
    }
}
