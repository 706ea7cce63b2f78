import Foundation

/// `tokencast calibrate --format json`: the document, times in ISO 8601.
public enum CalibrationJSON {
    public static func render(_ d: CalibrationDocument) throws -> String { try JSONText.snakeCase(d) }
}
