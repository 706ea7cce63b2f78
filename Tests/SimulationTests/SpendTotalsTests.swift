// Tests: SpendTotals.swift, BehaviourDraw.swift
import NumericalMethods
import Testing

@testable import Simulation

/// The per-thread figures every total derives, and the draws' names and columns.
@Suite struct SpendTotalsTests {
    @Test func perThreadFiguresAndTheirEmptyCases() {
        var t = CellTotals()
        #expect(t.costPerThread == 0 && t.wasteShare == 0 && t.costPerCompletedTask.isNaN)
        t.threads = 4
        t.completed = 2
        t.cost.add(10)
        t.waste.add(2.5)
        #expect(t.costPerThread == 2.5 && t.costPerCompletedTask == 5 && t.wasteShare == 0.25)
        var k = ThreadTotals()
        #expect(k.costPerThread == 0)
        k.threads = 2
        k.completed = 1
        k.cost.add(3)
        #expect(k.threadCount == 2 && k.completedCount == 1 && k.costPerThread == 1.5)
    }

    @Test func drawsHaveTheirScenarioKeysInColumnOrder() {
        #expect(BehaviourDraw.keys == ["turns", "fresh_input_per_turn", "output_per_turn", "cache_hit_rate", "base_context"])
        #expect(BehaviourDraw.allCases.map(\.index) == [0, 1, 2, 3, 4])
        #expect(BehaviourDraw(rawValue: "cache_hit_rate") == .cacheHitRate)
    }
}
