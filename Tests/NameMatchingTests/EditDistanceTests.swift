import NameMatching
import Testing

@Suite struct EditDistanceTests {
    @Test func emptyStringsCostTheOtherLength() {
        #expect(EditDistance.between("", "") == 0)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("abcd", "") == 4)
    }

    @Test func equalStringsAreZeroApart() {
        #expect(EditDistance.between("median", "median") == 0)
    }

    @Test func substitutionInsertionDeletionCostOneEach() {
        #expect(EditDistance.between("median", "medial") == 1)
        #expect(EditDistance.between("median", "medians") == 1)
        #expect(EditDistance.between("median", "media") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
    }

    @Test func anAdjacentSwapCostsOne() {
        #expect(EditDistance.between("medain", "median") == 1)
        #expect(EditDistance.between("ab", "ba") == 1)
    }

    /// Optimal string alignment, not full Damerau: a swapped pair is not edited again.
    @Test func optimalStringAlignmentDoesNotEditASwappedPairAgain() {
        #expect(EditDistance.between("ca", "abc") == 3)
    }

    @Test func isCaseSensitive() {
        #expect(EditDistance.between("Median", "median") == 1)
    }

    @Test func isSymmetric() {
        #expect(EditDistance.between("sonnet", "sonet") == EditDistance.between("sonet", "sonnet"))
        #expect(EditDistance.between("gpt-5", "gpt-4o") == 2)
        #expect(EditDistance.between("gpt-4o", "gpt-5") == 2)
    }

    @Test func closestIsClosestFirstThenAlphabetical() {
        let names = ["median", "mean", "mode", "medium"]
        #expect(EditDistance.closest(to: "medain", among: names) == ["median", "mean"])
        #expect(EditDistance.closest(to: "mede", among: ["mode", "made", "mean"]) == ["made", "mode", "mean"])
    }

    @Test func closestIgnoresCaseButReturnsTheCandidateAsWritten() {
        #expect(EditDistance.closest(to: "MEDIAN", among: ["Median", "other"]) == ["Median"])
    }

    @Test func closestKeepsAtMostLimit() {
        let names = ["aa", "ab", "ac", "ad"]
        #expect(EditDistance.closest(to: "a", among: names) == ["aa", "ab", "ac"])
        #expect(EditDistance.closest(to: "a", among: names, limit: 1) == ["aa"])
    }

    /// The default bound is max(2, count / 3): 2 for short words, 4 for a 12-letter one.
    @Test func closestDefaultBoundGrowsWithTheWord() {
        #expect(EditDistance.closest(to: "abc", among: ["xyz", "xbc", "xyc"]) == ["xbc", "xyc"])
        #expect(
            EditDistance.closest(to: "abcdefghijkl", among: ["abcdefghWXYZ", "abcdefghiXYZ"]) == ["abcdefghiXYZ", "abcdefghWXYZ"])
        #expect(EditDistance.closest(to: "abcdefghijkl", among: ["abcdefgVWXYZ"]).isEmpty)
    }

    @Test func closestHonoursAnExplicitBound() {
        #expect(EditDistance.closest(to: "medain", among: ["median"], maxDistance: 0).isEmpty)
        #expect(EditDistance.closest(to: "medain", among: ["median"], maxDistance: 1) == ["median"])
    }

    @Test func closestOfNoCandidatesIsEmpty() {
        #expect(EditDistance.closest(to: "anything", among: []).isEmpty)
    }
}
