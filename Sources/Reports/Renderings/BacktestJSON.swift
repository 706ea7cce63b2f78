import Foundation

/// `tokencast backtest` as JSON: the document, keys sorted, dates in ISO 8601.
public enum BacktestJSON {
    public static func render(_ d: BacktestDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(d), as: UTF8.self) + "\n"
    }
}
