/// A calendar day written `YYYY-MM-DD`, checked digit by digit (it is written into SQL text).
public struct Day: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let text: String

    /// nil unless `text` is a real day of the Gregorian calendar in years 1970-9999.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1970...9999).contains(year), (1...12).contains(month)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        self.text = text
    }

    public var description: String { text }

    public static func < (a: Day, b: Day) -> Bool { a.text < b.text }
}
