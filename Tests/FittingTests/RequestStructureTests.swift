import Testing

@testable import Fitting

@Suite struct RequestStructureTests {
    /// A thread of MODEL.md's form: c_k = s + u k + o (k - 1), every re-sent token from the cache
    /// at rate h.
    static func thread(turns: Int, s: Double, u: (Int) -> Double, o: Double, h: (Int) -> Double) -> (
        c: [Double], o: [Double], r: [Double]
    ) {
        var c: [Double] = [], r: [Double] = []
        var context = s
        for k in 1...turns {
            if k > 1 { context += u(k) + o }
            c.append(k == 1 ? s + u(1) : context)
            r.append(k == 1 ? 0 : h(k) * (c[k - 2] + o))
            if k == 1 { context = c[0] }
        }
        return (c, Array(repeating: o, count: turns), r)
    }

    @Test func modelShapedThreadsAgreeWithEveryAssumption() throws {
        var acc = RequestStructure.Accumulator()
        for t in 0..<40 {
            let x = Self.thread(turns: 10 + t % 7, s: 12_000, u: { _ in 800 }, o: 300, h: { _ in 0.9 })
            acc.add(context: x.c, output: x.o, cacheRead: x.r)
        }
        let s = try #require(acc.report())
        #expect(s.threads == 40)
        #expect(s.freshEarly == 800 && s.freshLate == 800)
        #expect(abs(s.hitEarly - 0.9) < 1e-12 && abs(s.hitLate - 0.9) < 1e-12)
        #expect(s.compactedThreads == 0 && s.cacheBreaks == 0)
        #expect(s.firstTurnContext == 12_800)
        #expect(
            s.verdicts == [
                "fresh input per turn holds steady within a thread (median 800 then 800 tokens): MODEL.md's linear context growth agrees",
                "the per-turn cache hit rate is steady within a thread (median 0.900 then 0.900): one h per attempt agrees",
                "no thread compacted its context: the fit's behaviour needs no context window",
            ])
    }

    @Test func growthThatFadesCompactionAndCacheBreaksAreReported() throws {
        var acc = RequestStructure.Accumulator()
        for t in 0..<20 {
            // Fresh input falls from 2,000 to 200 tokens a turn; every fifth turn misses the cache.
            var x = Self.thread(
                turns: 20, s: 10_000, u: { k in k < 10 ? 2_000 : 200 }, o: 300, h: { k in k % 5 == 0 ? 0.05 : 0.95 })
            if t % 4 == 0 {
                // A compaction at turn 15: the context falls back to 20,000 tokens.
                x.c[14] = 20_000
                for k in 15..<20 { x.c[k] = x.c[k - 1] + 500 }
            }
            acc.add(context: x.c, output: x.o, cacheRead: x.r)
        }
        let s = try #require(acc.report())
        #expect(s.freshEarly == 2_000)
        #expect(s.freshLate == 200)
        #expect(s.compactedThreads == 0.25)
        #expect(s.cacheBreaks > 0.15 && s.cacheBreaks < 0.25)
        #expect(
            s.verdicts[0].hasPrefix(
                "fresh input per turn is not constant within a thread: median 2000 tokens in the first half, 200 in the second (x0.10)"
            ))
        #expect(s.verdicts.contains { $0.hasPrefix("25.0 % of threads compacted or cleared their context (median ") })
        #expect(s.verdicts.contains { $0.contains("% of turns broke the cache (hit rate below one half)") })
    }

    @Test func threadsOfOneRequestTellNothing() {
        var acc = RequestStructure.Accumulator()
        acc.add(context: [5_000], output: [100], cacheRead: [0])
        #expect(acc.report() == nil)
    }
}
