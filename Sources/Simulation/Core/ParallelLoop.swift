import Dispatch
import Foundation

/// Runs independent iterations on the cores. Callers make each iteration write only its own
/// slots, so the outcome is the same for any worker count; `workers` exists to prove that.
public enum ParallelLoop {
    /// - Parameters:
    ///   - workers: nil for every core; 1 runs the iterations in order on the calling thread.
    /// - Complexity: `iterations` calls of `body`, plus one lock round trip per iteration to take
    ///   the next index; give it chunks (``TrialRunner`` uses 16 trials) rather than single trials.
    public static func run(iterations: Int, workers: Int?, _ body: @Sendable (Int) -> Void) {
        guard iterations > 0 else { return }
        let w = workers ?? ProcessInfo.processInfo.activeProcessorCount
        if w <= 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        // Workers take the next iteration from a shared counter, which balances uneven trials.
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(w, iterations)) { _ in
            while true {
                let i = next.take()
                if i >= iterations { return }
                body(i)
            }
        }
    }

    /// `body(i)` for every i in 0..<count, in the order of i, computed on the cores (each
    /// iteration writes only its own slot, so any worker count gives the same array).
    public static func map<Value: Sendable>(_ count: Int, workers: Int?, _ body: @Sendable (Int) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        let slots = ResultSlots<Value?>(count: count, initial: nil)
        run(iterations: count, workers: workers) { i in slots[i] = body(i) }
        return (0..<count).compactMap { slots[$0] }
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}
