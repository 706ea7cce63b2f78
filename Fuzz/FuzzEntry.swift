import Foundation
import FuzzHarness

// Two builds of one file:
//
// * `make fuzz` compiles it with `-sanitize=fuzzer,address -D FUZZING`: libFuzzer supplies
//   `main` and calls `LLVMFuzzerTestOneInput` with each input it generates, for the target
//   named by `TOKENCAST_FUZZ_TARGET` (scenario, claude-code, codex, csv, litellm).
// * A plain `swift build` gives a replayer: `tokencast-fuzz TARGET FILE...` runs the target on
//   each file (a crash found by libFuzzer, reproduced without the fuzzing runtime).

private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["TOKENCAST_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set TOKENCAST_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget.run(Data(bytes: data, count: size))
    return 0
}

#if FUZZING
// SwiftPM links an executable with `main` aliased to `<module>_main` (so that tests can link the
// module), which keeps libFuzzer's own `main` out; this entry point starts libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("tokencast_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#else
@main
enum Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: tokencast-fuzz \(names) FILE...\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            let error = target.run(data)
            print("\(path): \(error.map { "error: \($0)" } ?? "ok")")
        }
    }
}
#endif
