// swift-tools-version:6.2
import PackageDescription

/// libFuzzer targets for the parsers in SwitchyardCore that read bytes from the network.
///
/// A package of its own, so the root package's products never link libFuzzer and its
/// dependencies build only as far as `SwitchyardCore` needs (no Hummingbird, no Postgres).
/// `scripts/fuzz` builds it with `-Xswiftc -sanitize=fuzzer,address` and runs the fuzzers.
///
/// The checks are Swift (`FuzzChecks`); each fuzzer is a one-line C executable calling them,
/// because SwiftPM links Swift executables with `--defsym main=<module>_main`, which cannot
/// coexist with the `main` of libFuzzer.
let fuzzers = ["FuzzJSONScanner", "FuzzSSE", "FuzzEventStream", "FuzzChatStreamDecoders"]

let package = Package(
    name: "SwitchyardFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "switchyard", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "FuzzChecks",
            dependencies: [
                .product(name: "SwitchyardCore", package: "switchyard"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ] + fuzzers.map { .executableTarget(name: $0, dependencies: ["FuzzChecks"]) }
)
