import Foundation

extension PriceCatalog {
    /// Price files larger than this are refused: LiteLLM's is about 3 MB.
    public static let maxPriceFileBytes = 256 * 1_048_576

    /// Reads a LiteLLM price file (`model_prices_and_context_window.json`).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - date: the day the prices were current (`--prices-date`); default: the day (UTC) the
    ///     file was last modified.
    ///   - maxBytes: files larger than this are refused.
    /// - Throws: ``PricingError`` when the file is missing, too large, not JSON or not a JSON
    ///   object. Problems with single entries are reported only when that model is asked for.
    /// - Complexity: O(file size); the 3 MB file of 4,553 entries reads in well under a second.
    public init(liteLLMFile path: String, date: String? = nil, maxBytes: Int = maxPriceFileBytes) throws(PricingError) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw .priceFile(
                path: path,
                reason: "cannot read the price file (no such file or no permission); give the path of a LiteLLM "
                    + "model_prices_and_context_window.json, or leave out --prices to use the built-in catalog")
        }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maxBytes {
            throw .priceFileTooLarge(path: path, bytes: size, limit: maxBytes)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .priceFile(path: path, reason: "cannot read the price file (\(error.localizedDescription))")
        }
        if data.count > maxBytes { throw .priceFileTooLarge(path: path, bytes: data.count, limit: maxBytes) }
        let day = date ?? (attributes[.modificationDate] as? Date).map(Self.isoDay) ?? "unknown"
        try self.init(liteLLMData: data, source: path, date: day)
    }

    /// Reads LiteLLM price data; `source` names it in errors (usually the file path).
    ///
    /// Keeps the entries whose `mode` is `chat` or `responses` (or absent); skips
    /// `sample_spec`; other modes and entries without prices become ``problems``.
    public init(liteLLMData data: Data, source: String, date: String) throws(PricingError) {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw Self.notJSON(data: data, source: source, error: error)
        }
        guard let object = json as? [String: Any] else {
            throw .priceFileNotObject(path: source, found: LiteLLMEntry.describe(json))
        }
        var prices: [ModelPrice] = []
        prices.reserveCapacity(object.count)
        var problems: [String: PricingError] = [:]
        for (key, value) in object where key != "sample_spec" {
            switch LiteLLMEntry.parse(key: key, value: value, source: source) {
            case let .success(price): prices.append(price)
            case let .failure(problem): problems[key] = problem
            }
        }
        self.init(source: source, date: date, prices: prices, problems: problems)
    }

    /// The ISO-8601 day (UTC) of `date`.
    static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// A not-JSON error with the line and column of the parser's byte offset, when it gave one
    /// ("... around character 19.").
    static func notJSON(data: Data, source: String, error: Error) -> PricingError {
        let message =
            ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
            ?? (error as NSError).localizedDescription
        var detail = message
        while detail.last == "." { detail.removeLast() }
        guard let marker = message.range(of: "character ") else {
            return .priceFileNotJSON(path: source, line: nil, column: nil, detail: detail)
        }
        let digits = message[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard let offset = Int(digits) else {
            return .priceFileNotJSON(path: source, line: nil, column: nil, detail: detail)
        }
        let (line, column) = lineAndColumn(ofByte: offset, in: data)
        if let around = detail.range(of: " around character ") { detail = String(detail[..<around.lowerBound]) }
        return .priceFileNotJSON(path: source, line: line, column: column, detail: detail)
    }

    /// 1-based line and column (in bytes) of the byte at `offset`.
    static func lineAndColumn(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for (i, byte) in data.enumerated() {
            if i >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
