extension JSONFieldScanner {
    /// The steps every JSONL importer takes before it looks at a line's fields: a line too long
    /// to read, a blank line, invalid UTF-8 and malformed JSON are counted (with the line
    /// number) and passed over; otherwise the scanned fields are in `values`.
    ///
    /// - Returns: true when `values` holds the line's fields.
    func read(_ line: LineReader.Line, number: Int, in session: ImportSession, into values: inout [JSONScalar?]) -> Bool {
        guard case let .text(bytes, terminated) = line else {
            session.skip("line longer than 64 MiB", line: number)
            return false
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            session.ignore("blank")
            return false
        }
        guard UTF8Validation.isValid(bytes) else {
            session.skip("invalid UTF-8", line: number)
            return false
        }
        guard scan(bytes, into: &values) || extractWithFoundation(bytes, into: &values) else {
            session.skip(terminated ? "malformed JSON" : "truncated last line", line: number)
            return false
        }
        return true
    }
}
