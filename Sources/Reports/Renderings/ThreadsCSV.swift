/// The `threads` summary as CSV: a row per model and month (no total).
public enum ThreadsCSV {
    public static func render(_ d: ThreadsDocument) -> String {
        ([ThreadsDocument.columns] + d.rows.map { ThreadsDocument.cells($0, human: false) })
            .map { $0.map(CSVField.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
