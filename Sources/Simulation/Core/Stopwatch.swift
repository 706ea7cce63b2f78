import Dispatch

/// Wall-clock seconds since it was made: the `elapsedSeconds` every forecast reports.
struct Stopwatch: Sendable {
    private let started = DispatchTime.now()

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
}
