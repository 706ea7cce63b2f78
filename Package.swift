// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "tokencast",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tokencast", targets: ["tokencast"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: - System libraries

        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),

        // MARK: - Layers, lowest first

        /// Compensated sums, sample statistics, small derivative-free minimisers.
        .target(name: "NumericalMethods"),
        /// Did-you-mean suggestions shared by every layer that reads names from users.
        .target(name: "NameMatching"),
        /// BLAS/LAPACK behind Swift types: GEMM, Cholesky, least squares.
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        /// Random streams, probability distributions, special functions.
        .target(
            name: "Distributions",
            dependencies: ["NameMatching", .product(name: "RealModule", package: "swift-numerics")]),
        /// Token classes, model prices, the built-in catalog, LiteLLM files, plans. Ships a dated
        /// LiteLLM snapshot of chat-model prices (PriceSnapshot) behind the built-in names.
        .target(
            name: "Pricing", dependencies: ["NameMatching"],
            resources: [.copy("Resources/litellm-chat-prices.json")]),
        /// The vectorised Monte Carlo kernel: threads, attempts, developers, summaries.
        .target(name: "Simulation", dependencies: ["Distributions", "Pricing", "LinearAlgebra", "NumericalMethods"]),
        /// Scenario files: YAML model, loading, validation with file:line:column errors.
        .target(
            name: "Scenario",
            dependencies: [
                "Simulation", "Pricing", "Distributions", "NameMatching",
                .product(name: "Yams", package: "Yams"),
            ]),
        /// The SQLite store of logged threads and the log importers.
        .target(
            name: "ThreadStore",
            dependencies: ["Pricing", .product(name: "GRDB", package: "GRDB.swift")]),
        /// Fitting behaviour profiles to stored threads.
        .target(
            name: "Fitting",
            dependencies: ["ThreadStore", "Distributions", "Simulation", "Pricing", "NumericalMethods", "LinearAlgebra"]),
        /// `import litellm`: a LiteLLM proxy's PostgreSQL spend logs, aggregated on the server, into
        /// the store's organisation panel (the only target that talks to a network).
        .target(
            name: "LiteLLMImport",
            dependencies: ["ThreadStore", .product(name: "PostgresNIO", package: "postgres-nio")]),
        /// Synthetic logs drawn from known parameters, for tests and benchmarks; not in the product.
        .target(name: "SyntheticData", dependencies: ["Distributions", "Simulation"]),
        /// A scenario composed with the thread store: `fit:` references resolved by stored fits.
        .target(
            name: "Composition",
            dependencies: ["Scenario", "Fitting", "ThreadStore", "Pricing", "Simulation", "NumericalMethods"]),
        /// Terminal tables, JSON, CSV and HTML renderings of results.
        .target(name: "Reports", dependencies: ["Simulation", "Scenario", "Pricing", "NumericalMethods", "NameMatching"]),

        // MARK: - Executables

        .executableTarget(
            name: "tokencast",
            dependencies: [
                "Scenario", "Simulation", "Reports", "Pricing", "ThreadStore", "Fitting", "Composition", "LiteLLMImport",
                "LinearAlgebra", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "tokencast-bench",
            dependencies: [
                "Simulation", "Distributions", "Pricing", "LinearAlgebra", "ThreadStore", "NumericalMethods", "SyntheticData",
                "LiteLLMImport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        /// `make test`, last step: the aggregated team path against the exact one, in release.
        .executableTarget(name: "tokencast-accuracy", dependencies: ["Scenario", "Simulation", "Composition"]),
        /// `make fuzz`: libFuzzer entry points over the readers of user input (docs/RELIABILITY.md).
        .target(name: "FuzzHarness", dependencies: ["Scenario", "ThreadStore", "Pricing", "Composition"]),
        .executableTarget(name: "tokencast-fuzz", dependencies: ["FuzzHarness"], path: "Fuzz"),

        // MARK: - Tests

        .target(
            name: "TestSupport",
            dependencies: ["Distributions", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/TestSupport"),
        .testTarget(name: "NumericalMethodsTests", dependencies: ["NumericalMethods"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(
            name: "DistributionsTests",
            dependencies: ["Distributions", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "PricingTests", dependencies: ["Pricing", "TestSupport"]),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "Distributions", "Pricing", "LinearAlgebra", "NumericalMethods", "TestSupport"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Simulation", "Distributions", "Pricing", "TestSupport"]),
        .testTarget(
            name: "ThreadStoreTests",
            dependencies: [
                "ThreadStore", "Pricing", "SyntheticData", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "FittingTests",
            dependencies: [
                "Fitting", "Scenario", "Composition", "ThreadStore", "Simulation", "Distributions", "NumericalMethods",
                "LinearAlgebra", "SyntheticData", "Pricing",
                "TestSupport",
            ]),
        .testTarget(
            name: "LiteLLMImportTests",
            dependencies: [
                "LiteLLMImport", "ThreadStore", "SyntheticData", "TestSupport", "Distributions",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Scenario", "Simulation", "Pricing", "TestSupport"]),
        .testTarget(
            name: "CompositionTests",
            dependencies: ["Composition", "Fitting", "Scenario", "Simulation", "Pricing", "SyntheticData", "TestSupport"]),
        .testTarget(name: "NameMatchingTests", dependencies: ["NameMatching"]),
        .testTarget(name: "TokencastCLITests", dependencies: ["TestSupport", "ThreadStore", "Pricing"]),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "FuzzHarness", "Scenario", "Composition", "Simulation", "ThreadStore", "Pricing", "Distributions",
                "NumericalMethods",
                "SyntheticData", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
    ]
)
