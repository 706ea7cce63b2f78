import Testing

@testable import ThreadStore

@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        ([UInt8]("plain ascii text, long enough for words".utf8), true),
        ([UInt8]("caf\u{e9} \u{1F600} \u{10FFFF}".utf8), true),
        ([0x63, 0x61, 0x66, 0xE9], false),  // Latin-1
        ([0xC0, 0xAF], false),  // overlong
        ([0xED, 0xA0, 0x80], false),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], false),  // above U+10FFFF
        ([0xE2, 0x82], false),  // truncated
        ([0xFF], false),
    ])
    func validates(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBytes { UTF8Validation.isValid($0) } == valid)
    }
}
