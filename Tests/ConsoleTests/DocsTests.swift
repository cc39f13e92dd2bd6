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
        for table in KeyTable.all {
            for binding in table.bindings {
                #expect(text.contains(binding.description), "docs/console.md lacks key '\(binding.label)' of \(table.name): \(binding.description)")
            }
        }
        for command in CommandRegistry.all {
            #expect(commandsText.contains("`\(command.name)"), "docs/commands.md lacks command \(command.name)")
        }
    }

    @Test("docs/commands.md's table is the command registry's; docs/console.md's keys are the key tables'")
    func generatedTables() throws {
        try Self.check(Self.commands, section: "commands", CommandRegistry.markdownTable)
        try Self.check(Self.doc, section: "keys", KeyTable.markdown)
    }

    /// The part of `file` between `<!-- section -->` and `<!-- end of section -->` is `expected`
    /// (RECORD_SNAPSHOTS=1 writes it).
    static func check(_ file: String, section: String, _ expected: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- \(section) -->\n")), end = try #require(text.range(of: "<!-- end of \(section) -->"))
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let recorded = String(text[..<start.upperBound]) + expected + String(text[end.lowerBound...])
            try recorded.write(toFile: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[start.upperBound..<end.lowerBound]) == expected, "\(file) is out of step:\n\(expected)")
    }
}

@Suite("Architecture docs")
struct ArchitectureDocsTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    @Test("docs/architecture.md names every source file and every module")
    func everyFile() throws {
        let text = try String(contentsOfFile: Self.root + "/docs/architecture.md", encoding: .utf8)
        let sources = Self.root + "/Sources"
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources).filter { !$0.hasPrefix(".") }
        for module in modules {
            #expect(text.contains(module), "docs/architecture.md does not mention module \(module)")
            let files = try FileManager.default.contentsOfDirectory(atPath: sources + "/" + module).filter { $0.hasSuffix(".swift") }
            for file in files {
                #expect(text.contains("`\(file)`") || text.contains(file), "docs/architecture.md does not describe \(module)/\(file)")
            }
        }
    }
}
