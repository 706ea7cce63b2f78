import Foundation
import Simulation

/// Bootstrap replicates computed on every core, each into its own slot: the result is the same
/// array, in replicate order, whatever the core count.
enum ParallelReplicates {
    static func map<T: Sendable>(_ count: Int, workers: Int? = nil, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        ParallelLoop.run(iterations: count, workers: workers) { slots.set($0, body($0)) }
        return slots.values.compactMap { $0 }
    }

    private final class Slots<T>: @unchecked Sendable {
        var values: [T?]
        let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: T) {
            lock.lock()
            values[i] = v
            lock.unlock()
        }
    }
}
