// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "audit-router",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GoTemplate", targets: ["GoTemplate"]),
        .executable(name: "audit-router", targets: ["audit-router"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GoTemplate"),
        .executableTarget(
            name: "audit-router",
            dependencies: [
                "GoTemplate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate"]),
    ]
)
