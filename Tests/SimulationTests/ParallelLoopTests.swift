import Foundation
import Testing

@testable import Simulation

/// The loop every simulator runs its chunks on, and the slots the chunks write.
@Suite struct ParallelLoopTests {
    @Test(arguments: [1, 2, 7, nil] as [Int?])
    func everyIterationRunsExactlyOnce(workers: Int?) {
        let slots = ResultSlots(count: 257, initial: 0)
        ParallelLoop.run(iterations: 257, workers: workers) { i in slots[i] += i + 1 }
        #expect((0..<257).allSatisfy { slots[$0] == $0 + 1 })
    }

    @Test func oneWorkerRunsInOrderOnTheCallingThread() {
        let order = ResultSlots(count: 1, initial: [Int]())
        let onCaller = ResultSlots(count: 1, initial: true)
        let callerIsMain = Thread.isMainThread
        ParallelLoop.run(iterations: 5, workers: 1) { i in
            order[0].append(i)
            if Thread.isMainThread != callerIsMain { onCaller[0] = false }
        }
        #expect(order[0] == [0, 1, 2, 3, 4])
        #expect(onCaller[0])
    }

    @Test func noIterationsRunNothing() {
        let calls = ResultSlots(count: 1, initial: 0)
        ParallelLoop.run(iterations: 0, workers: 4) { _ in calls[0] += 1 }
        ParallelLoop.run(iterations: -3, workers: nil) { _ in calls[0] += 1 }
        #expect(calls[0] == 0)
    }

    @Test(arguments: [1, 2, 7, nil] as [Int?])
    func mapKeepsTheOrderOfItsIndices(workers: Int?) {
        #expect(ParallelLoop.map(300, workers: workers) { $0 * $0 } == (0..<300).map { $0 * $0 })
        #expect(ParallelLoop.map(0, workers: workers) { $0 }.isEmpty)
        #expect(ParallelLoop.map(-2, workers: workers) { $0 }.isEmpty)
    }

    @Test func moreWorkersThanIterationsStillRunEachOnce() {
        let slots = ResultSlots(count: 3, initial: 0)
        ParallelLoop.run(iterations: 3, workers: 16) { i in slots[i] += 1 }
        #expect((0..<3).map { slots[$0] } == [1, 1, 1])
    }
}
