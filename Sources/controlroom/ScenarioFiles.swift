import Console
import Foundation
import Scenario
import Terminal

/// Loading scenarios for the commands: errors go to standard error and end the program with
/// status 2, never with a trace.
enum ScenarioFiles {
    static func builtIn() -> Scenario { Scenario.builtInDefault() }

    /// The scenario a command names: the built-in night for nothing or "default", else the file.
    static func named(_ file: String?) -> Scenario {
        guard let file, file != "default" else { return builtIn() }
        return load(file)
    }

    static func load(_ path: String) -> Scenario {
        do {
            return try Scenario.load(path: path)
        } catch {
            FileHandle.standardError.write((Output.visible(error.description) + "\n").data(using: .utf8)!)
            Foundation.exit(2)
        }
    }
}

enum Failure {
    static func fail(_ message: String, status: Int32 = 2) -> Never {
        FileHandle.standardError.write(("controlroom: " + Output.visible(message) + "\n").data(using: .utf8)!)
        Foundation.exit(status)
    }
}

/// The site's config file for the console (keys, theme): a bad one is refused before the
/// screen starts, with every problem located, as a bad scenario is.
enum SiteSettings {
    static func load() -> SiteConfig {
        do {
            return try SiteConfig.load(path: SiteConfig.path())
        } catch {
            Failure.fail("the console's config file has problems:\n" + error.description)
        }
    }

    /// The screen started with the site's theme, and a console state with its keys.
    static func startScreen() -> (Terminal, ConsoleState) {
        let site = load()
        let terminal = Terminal()
        do {
            try terminal.start(site)
        } catch {
            Failure.fail("\(error)")
        }
        var state = ConsoleState(glyphs: terminal.unicode ? .unicode : .ascii)
        state.keys = site.keys
        return (terminal, state)
    }
}
