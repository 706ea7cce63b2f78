// Tests: BehaviourUncertainty.swift
import Distributions
import Pricing
import Synchronization
import Testing

@testable import Simulation

// Tests: TrialRunner.swift, TrialSetup.swift
/// The simulation core every simulator runs through: chunks, their order, and a trial's setup
/// that depends on its index alone (not on the chunk, the range or the worker count).
@Suite struct TrialRunnerTests {
    static func behaviour(tokens scale: Double) throws -> ThreadBehaviour {
        ThreadBehaviour(
            turns: try DiscretisedLognormal(median: 12, p90: 40),
            freshInputPerTurn: try Lognormal(median: 900 * scale, p90: 3_000 * scale),
            outputPerTurn: try Lognormal(median: 240 * scale, p90: 760 * scale), cacheHitRate: try Beta(mean: 0.9, sd: 0.05),
            baseContext: try Constant(value: 10_000), oneShotRate: 0.5, offTheRailsRate: 0.05, maxAttempts: 3)
    }

    static func runner(workers: Int?, replicates: [[ThreadBehaviour]] = []) throws -> TrialRunner {
        let price = try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5")
        let models = [
            PricedModel(name: "sonnet", price: price, behaviour: try behaviour(tokens: 1)),
            PricedModel(name: "haiku", price: price, behaviour: try behaviour(tokens: 0.5)),
        ]
        let uncertainty = [
            BehaviourUncertainty(turnsCV: 0.2, tokensCV: 0.3, cacheHitLogitSD: 0.4, oneShotSD: 0.05, offTheRailsSD: 0.02),
            BehaviourUncertainty(tokensCV: 0.1),
        ]
        return try TrialRunner(
            models: models, uncertainty: uncertainty, replicates: replicates, priceCorrelation: 0.5, seed: 42,
            workers: workers)
    }

    @Test func chunksCoverTheTrialsFromAChunkBoundary() {
        #expect(TrialRunner.chunks(of: 0..<35) == 0..<3)
        #expect(TrialRunner.chunks(of: 0..<32) == 0..<2)
        #expect(TrialRunner.chunks(of: 32..<40) == 2..<3)
        #expect(TrialRunner.chunks(of: 0..<0) == 0..<0)
    }

    @Test(arguments: [1, 2])
    func chunkResultsComeInChunkOrderWithTheirTrials(workers: Int) throws {
        let r = try Self.runner(workers: workers)
        let done = Atomic<Int>(0)
        let results = r.forEachChunk(
            of: 16..<70, progress: { done.add($0, ordering: .relaxed) }, { chunk, trials in (chunk, trials) })
        #expect(results.map(\.0) == [1, 2, 3, 4])
        #expect(results.map(\.1) == [16..<32, 32..<48, 48..<64, 64..<70])
        #expect(done.load(ordering: .relaxed) == 54)
    }

    /// One trial's shared normals, behaviour shifts, price normals and own stream.
    struct Seen: Equatable {
        var normals: [Double]
        var priceZ: [Double]
        var behaviours: [TrialBehaviour]
        var firstDraw: UInt64
        var replicates: [Int?]
    }

    static func seen(_ r: TrialRunner, _ trials: Range<Int>) -> [Int: Seen] {
        var out: [Int: Seen] = [:]
        r.forEachTrial(in: trials) { s in
            var stream = s.stream
            out[s.trial] = Seen(
                normals: Array(s.normals), priceZ: s.priceZ, behaviours: s.behaviours, firstDraw: stream.next(),
                replicates: s.replicateIndex)
        }
        return out
    }

    @Test func aTrialsSetupDependsOnItsIndexAlone() throws {
        let r = try Self.runner(workers: 2)
        let all = Self.seen(r, 0..<48)
        let tail = Self.seen(r, 16..<48)
        #expect(all.count == 48 && tail.count == 32)
        for t in 16..<48 { #expect(all[t] == tail[t]) }
        // The same seed in another runner (one worker) gives the same setups.
        #expect(Self.seen(try Self.runner(workers: 1), 16..<48) == tail)
        // Distinct trials draw distinct normals, and the shifts move with them.
        #expect(all[16]?.normals != all[17]?.normals)
        #expect(all[16]?.behaviours[0] != all[17]?.behaviours[0])
        // No uncertainty on a model's cache, one-shot or waste: only its tokens move.
        let haiku = (0..<48).compactMap { all[$0]?.behaviours[1] }
        #expect(Set(haiku.map(\.tokensScale)).count == 48)
        #expect(Set(haiku.map(\.turnsScale)) == [1])
        #expect(all[16]?.replicates == [nil, nil])
    }

    /// Another root (the plan comparison's break-even scan) is another sequence of setups.
    @Test func anotherRootIsAnotherSequence() throws {
        let r = try Self.runner(workers: 1)
        var mine: [Double] = [], other: [Double] = []
        r.forEachTrial(in: 0..<16) { mine += $0.normals }
        r.forEachTrial(in: 0..<16, root: RandomStream(seed: 7)) { other += $0.normals }
        #expect(mine.count == other.count && mine != other)
    }

    /// A behaviour told apart by its token law (the replicates differ in their scale).
    static func tokens(_ b: ThreadBehaviour) -> String { "\(b.freshInputPerTurn)" }

    /// Each trial runs one replicate of a fitted model, picked by its index; a model without
    /// replicates runs its own behaviour.
    @Test func eachTrialRunsOneReplicate() throws {
        let replicates = [[try Self.behaviour(tokens: 0.5), try Self.behaviour(tokens: 2), try Self.behaviour(tokens: 4)]]
        #expect(Set(replicates[0].map(Self.tokens)).count == 3)
        let r = try Self.runner(workers: 2, replicates: replicates)
        var picks: [Int] = []
        r.forEachTrial(in: 0..<64) { s in
            guard let k = s.replicateIndex[0] else { return }
            picks.append(k)
            #expect(Self.tokens(s.models[0].behaviour) == Self.tokens(replicates[0][k]))
            #expect(s.replicateIndex[1] == nil)
            #expect(Self.tokens(s.models[1].behaviour) == Self.tokens(r.models[1].behaviour))
        }
        #expect(picks.count == 64)
        #expect(Set(picks) == [0, 1, 2])
        var again: [Int] = []
        r.forEachTrial(in: 32..<64) { again.append($0.replicateIndex[0] ?? -1) }
        #expect(again == Array(picks[32...]))
    }
}
