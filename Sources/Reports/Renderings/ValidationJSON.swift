import Foundation

/// `tokencast validate` as JSON: the document, keys sorted, non-finite numbers as strings.
public enum ValidationJSON {
    public static func render(_ v: ValidationDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(v), as: UTF8.self) + "\n"
    }
}
