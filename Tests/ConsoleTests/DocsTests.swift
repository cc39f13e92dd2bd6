import Console
import ReadModel
import Foundation
import Testing

@Suite("Console docs")
struct DocsTests {
    static let doc = #filePath.components(separatedBy: "/Tests/")[0] + "/docs/console.md"

    static let commands = #filePath.components(separatedBy: "/Tests/")[0] + "/docs/commands.md"

    @Test("docs/console.md describes every key, docs/commands.md every command")
    func complete() throws {
        let text = try String(contentsOfFile: Self.doc, encoding: .utf8)
        let commandsText = try String(contentsOfFile: Self.commands, encoding: .utf8)
        for binding in KeyTable.bindings {
            #expect(text.contains(binding.description), "docs/console.md lacks key '\(binding.label)': \(binding.description)")
        }
        for command in ConsoleCommands.commands {
            #expect(commandsText.contains("`\(command.name)"), "docs/commands.md lacks command \(command.name)")
        }
    }
}
