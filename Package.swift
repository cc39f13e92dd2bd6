// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "controlroom",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "controlroom", targets: ["controlroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // The simulated world: pure Swift, deterministic, no terminal and no files.
        .target(
            name: "DispatchEngine",
            dependencies: [
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            // Dynamic exclusivity checks on the world's class properties cost a third of the run
            // time. Debug builds (and so the tests) keep them; release builds leave them out.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Scenario files: YAML schema, loading and validation with file:line:column errors.
        .target(
            name: "Scenario",
            dependencies: ["DispatchEngine", .product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Resources/default.yaml")]
        ),
        // ncursesw: a module map and one shim header, the only C.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The room's read model: incidents as they went, the radio log, places' history, the
        // room's clock and wording, the rows each pane shows. Built from events; read by the
        // console, the journal's reports and the debrief. Nothing in it draws.
        .target(name: "ReadModel", dependencies: ["DispatchEngine"]),
        // The console as pure code: state, keys, layout, render into a cell grid. No curses.
        .target(name: "Console", dependencies: ["DispatchEngine", "Scenario", "ReadModel", .product(name: "Yams", package: "Yams")],
                resources: [.embedInCode("Resources/phrasebook.json")]),
        // OpenStreetMap's PBF format read: the protobuf messages (generated from the format's
        // .proto files by protoc-gen-swift and committed, so no build runs the plugin), zlib.
        .target(
            name: "OpenStreetMap",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf"),
                           .product(name: "CompressNIO", package: "compress-nio"),
                           .product(name: "NIOCore", package: "swift-nio")],
            exclude: ["Protos"]
        ),
        // A district made from an extract: its gazetteer, stations, areas and roads, written as
        // a scenario and a road file.
        .target(name: "DistrictImport", dependencies: ["OpenStreetMap", "DispatchEngine", "Scenario"]),
        // The ncurses backend: draws a frame, reads keys, restores the terminal. The only module
        // that imports curses.
        .target(name: "Terminal", dependencies: ["CNcursesw", "Console", "ReadModel"]),
        // Drives a program in a private tmux server: end-to-end tests and console benchmarks.
        .target(name: "TmuxHarness"),
        // The headless report: statistics as a table, as JSON, and over replications.
        .target(name: "Report", dependencies: ["DispatchEngine"]),
        // A PostgreSQL database reached from code that is not asynchronous: its address
        // (postgres://...), a connection that waits for each answer, its errors in words.
        .target(
            name: "PostgresLink",
            dependencies: [.product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        // The session journal: every event and action in SQLite (GRDB) or PostgreSQL, rebuilding a
        // session from it (recovery, replay, watch), and what is read off it (CSV exports).
        .target(
            name: "Journal",
            dependencies: ["DispatchEngine", "Scenario", "ReadModel", "Report", "PostgresLink", .product(name: "GRDB", package: "GRDB.swift"),
                           // SHA-256 for the journal's chain of links.
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The floor: one process owning the engine, the clock and the journal, and the consoles
        // that join it, over a Unix domain socket or TCP with TLS (SwiftNIO, NIOSSL), each TLS
        // console known by a certificate from the floor's own authority (X509, P-256). Everything of the floor's runs on
        // one event loop, so the engine stays single-threaded; Swift 5 mode, as the engine's
        // classes are not Sendable and are only ever touched on that loop.
        .target(
            name: "FloorLink",
            dependencies: ["DispatchEngine", "Scenario", "ReadModel", "Journal", "Debrief",
                           .product(name: "Yams", package: "Yams"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "X509", package: "swift-certificates"),
                           .product(name: "SwiftASN1", package: "swift-asn1"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Training: a session's expectations judged from its journal, the score and the debrief.
        .target(name: "Debrief", dependencies: ["DispatchEngine", "Journal", "ReadModel", "Report"]),
        // The audit: every figure worked out again from the journal's raw rows, by code that
        // shares nothing with Statistics, the read model or the debrief.
        .target(name: "Audit", dependencies: ["DispatchEngine", "Scenario", "PostgresLink", .product(name: "GRDB", package: "GRDB.swift")]),
        // What each view of a recorded session states (report, overview, records, exports,
        // debrief), set against the audit's figures.
        .target(name: "Claims", dependencies: ["Audit", "Console", "Debrief", "Journal", "ReadModel", "Report", "DispatchEngine", "Scenario"]),
        // The executable: argument parsing and wiring, nothing else.
        .executableTarget(
            name: "controlroom",
            dependencies: [
                "DispatchEngine", "Scenario", "Report", "ReadModel", "Console", "Terminal", "TmuxHarness", "Journal", "Debrief", "FloorLink", "Audit", "Claims", "DistrictImport", "PostgresLink",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DispatchEngineTests", dependencies: ["DispatchEngine", "Scenario", "ReadModel"]),
        .testTarget(name: "ReadModelTests", dependencies: ["ReadModel", "DispatchEngine", "Scenario"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "DispatchEngine"]),
        .testTarget(name: "DistrictImportTests", dependencies: ["DistrictImport", "OpenStreetMap", "Scenario", "DispatchEngine", "Console", "ReadModel"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Scenario", "DispatchEngine"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "ReadModel", "DispatchEngine", "Scenario"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Console", "ReadModel"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "DispatchEngine", "Scenario", "ReadModel", "Console", "PostgresLink", "Audit",
                                                       .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "DebriefTests", dependencies: ["Debrief", "Journal", "DispatchEngine", "Scenario", "ReadModel"]),
        .testTarget(name: "FloorLinkTests", dependencies: ["FloorLink", "Debrief", "DispatchEngine", "Scenario", "Journal", "ReadModel", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "Claims", "Debrief", "Journal", "DispatchEngine", "Scenario"]),
        .testTarget(name: "ControlroomTests", dependencies: ["TmuxHarness", "DispatchEngine", "Scenario", "Journal", "FloorLink", "PostgresLink", "ReadModel",
                                                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                                                           .product(name: "NIOSSL", package: "swift-nio-ssl")]),
    ]
)
