import Foundation

/// `tokencast outlook --format json`: the document, times in ISO 8601.
public enum OutlookJSON {
    public static func render(_ d: OutlookDocument) throws -> String { try JSONText.snakeCase(d) }
}
