import Foundation

/// Anthropic's 5-hour windows as they open: a window starts at the first message after the
/// previous one closed (not at a clock hour) and lasts five hours; a message exactly at the
/// end belongs to the next window. A gap longer than a window leaves no empty window behind.
public enum UsageBlocks {
    public static let duration: TimeInterval = 5 * 3600

    /// One window: `start..<end`, and the indices of the times inside it.
    public struct Block: Sendable, Hashable {
        public var start: Date
        public var end: Date
        public var indices: Range<Int>

        /// Whether the window is still open at `now`.
        public func isActive(at now: Date) -> Bool { start <= now && now < end }
    }

    /// The windows opened by `times`, which must be sorted oldest first.
    public static func blocks(of times: [Date], duration: TimeInterval = duration) -> [Block] {
        var out: [Block] = []
        var i = 0
        while i < times.count {
            let start = times[i], end = start.addingTimeInterval(duration)
            var j = i + 1
            while j < times.count, times[j] < end { j += 1 }
            out.append(Block(start: start, end: end, indices: i..<j))
            i = j
        }
        return out
    }
}
