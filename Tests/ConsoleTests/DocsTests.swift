import Console
import Foundation
import Testing

@Suite("Console docs")
struct DocsTests {
    static let doc = #filePath.components(separatedBy: "/Tests/")[0] + "/docs/console.md"

    @Test("docs/console.md describes every key and every command")
    func complete() throws {
        let text = try String(contentsOfFile: Self.doc, encoding: .utf8)
        for binding in KeyTable.bindings {
            #expect(text.contains(binding.description), "docs/console.md lacks key '\(binding.label)': \(binding.description)")
        }
        for command in ConsoleCommands.commands {
            #expect(text.contains("`\(command.name)"), "docs/console.md lacks command \(command.name)")
        }
    }
}
