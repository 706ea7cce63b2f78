import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on stderr, shown only when stderr is a terminal, the work has
/// lasted over a second and the user did not ask for `--quiet`.
///
/// Thread-safe: workers on several cores may call ``advance(by:)``.
final class ProgressBar: @unchecked Sendable {
    private let total: Double
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var done: Double = 0
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()

    init(total: Double, label: String, quiet: Bool) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Records `amount` more units of work done.
    func advance(by amount: Double) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += amount
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        draw(now: now)
    }

    /// Sets the amount done to `value` (for callers that report a running total).
    func set(_ value: Double) {
        guard enabled else { return }
        lock.lock()
        let delta = value - done
        lock.unlock()
        advance(by: delta)
    }

    private func draw(now: Date) {
        let fraction = min(done / total, 1)
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = now.timeIntervalSince(start)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let line = String(format: "\r%@ [%@] %3.0f%%  %.0fs left ", label, bar, fraction * 100, eta)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the bar's line, if one was drawn.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
