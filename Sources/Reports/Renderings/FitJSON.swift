/// `tokencast fit` as JSON: `[{"id": ..., "fit": payload}, ...]`, each fit as stored.
public enum FitJSON {
    public static func render(_ d: FitDocument) -> String {
        let items = d.fits.map { "{\"id\":\($0.id.map(String.init) ?? "null"),\"fit\":\($0.payload)}" }
        return "[" + items.joined(separator: ",") + "]\n"
    }
}
