import Foundation
import Testing

@testable import ThreadStore

/// The pages of a saved API response file, however they were saved, and the position of every
/// broken one.
@Suite struct JSONPagesTests {
    static func pages(_ text: String) -> JSONPages { JSONPages(data: Data(text.utf8)) }

    @Test func linesConcatenationAndPrettyPrintedPages() {
        let p = Self.pages("{\"a\":1}\n{\"b\":2}{\"c\":3}\n{\n  \"d\": \"}{\"\n}\n")
        #expect(p.pages.map(\.index) == [1, 2, 3, 4])
        #expect(p.pages.map(\.line) == [1, 2, 2, 3])
        #expect(p.pages[3].object["d"] as? String == "}{")  // braces inside a string do not count
        #expect(p.broken.isEmpty)
    }

    @Test func anArrayOfPagesCountsEachElement() {
        let p = Self.pages("\u{FEFF}[{\"a\":1}, {\"b\":2}, 7]\n{\"c\":3}")
        #expect(p.pages.map(\.index) == [1, 2, 4])
        #expect(p.broken.map(\.index) == [3])
        #expect(p.broken.first?.reason == "array element 3 is not a JSON object")
    }

    @Test func aBrokenLineLosesThatLineOnly() {
        let p = Self.pages("{\"a\":1}\n{\"b\": nope}\nplain text here\n{\"c\":3}\n{\"d\": [1, 2")
        #expect(p.pages.map { $0.object.keys.sorted() } == [["a"], ["c"]])
        #expect(p.pages.map(\.line) == [1, 4])
        #expect(p.broken.map(\.line) == [2, 3, 5])
        #expect(
            p.broken.map(\.reason) == [
                "malformed JSON", "not JSON (\"plain text here\")", "a JSON value that does not close (cut short?)",
            ])
    }

    @Test func valueEndFindsTheClosingBrace() {
        let bytes = Array("{\"x\":\"a\\\"}\"}, tail".utf8)
        #expect(JSONPages.valueEnd(bytes, from: 0) == 12)
        #expect(JSONPages.valueEnd(Array("[[1]".utf8), from: 0) == nil)
    }
}
