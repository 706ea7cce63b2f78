import Foundation

/// Slots that parallel workers fill, one each, read after they all finish.
final class ResultSlots<Value>: @unchecked Sendable {
    private var values: [Value]
    private let lock = NSLock()
    init(count: Int, initial: Value) { values = Array(repeating: initial, count: count) }
    subscript(i: Int) -> Value {
        get { lock.lock(); defer { lock.unlock() }; return values[i] }
        set { lock.lock(); values[i] = newValue; lock.unlock() }
    }
}
