import Foundation
import Pricing

/// Imports admin-export and telemetry files of one source into the organisation panel.
///
/// Every file is read and checked first, so a file of the wrong shape stops the import before
/// anything is written (the store is not even opened). Then each file is one store
/// transaction: its buckets upserted by key and the panel rows of the days it covers rebuilt
/// from all stored buckets (``ThreadStore/writeOrgExportBuckets(_:source:mark:)``). Importing
/// the same files again, in any order, or after an import was killed, gives the same panel.
public struct OrgExportImporter: Sendable {
    public let source: OrgExportSource
    /// The panel's source name (default: the source's own name).
    public let panelSource: String
    public let catalog: PriceCatalog

    public init(source: OrgExportSource, panelSource: String? = nil, catalog: PriceCatalog) {
        self.source = source
        self.panelSource = panelSource ?? source.rawValue
        self.catalog = catalog
    }

    public func importFiles(
        _ paths: [String], openStore: () throws -> ThreadStore, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> OrgExportReport {
        let start = Date()
        var files: [OrgExportFile] = []
        for path in paths {
            files.append(try OrgExportFile(path: (path as NSString).expandingTildeInPath, source: source))
        }
        // OTLP: a file with cost points has its spend from them; its token points add none.
        var pricer = OrgExportPricer(catalog: catalog)
        for f in files.indices {
            let hasCost = source == .otlp && files[f].buckets.contains { $0.spendUSD != nil }
            for b in files[f].buckets.indices {
                if hasCost, files[f].buckets[b].spendUSD == nil { files[f].buckets[b].spendUSD = 0 }
                pricer.price(&files[f].buckets[b])
            }
        }
        let store = try openStore()
        var report = OrgExportReport(source: source, panelSource: panelSource)
        for (i, file) in files.enumerated() {
            let lastDay = file.buckets.map(\.day).max()
            if let lastDay {
                try store.writeOrgExportBuckets(
                    file.buckets, source: panelSource,
                    mark: OrgImportMark(
                        source: panelSource, origin: "files", resumeDay: lastDay,
                        latestEvent: (file.path as NSString).lastPathComponent, importedAt: Date()))
            }
            report.files.append(
                .init(
                    path: file.path, units: file.units, isCSV: file.isCSV, buckets: file.buckets.count,
                    firstDay: file.buckets.map(\.day).min(), lastDay: lastDay))
            report.skipped += file.skipped.map { .init(position: $0.position, reason: $0.reason) }
            progress(i + 1, files.count)
        }
        report.priced = pricer.priced
        report.unpriced = pricer.unpriced.values.sorted { $0.model < $1.model }.map {
            .init(model: $0.model, tokens: $0.tokens, buckets: $0.buckets)
        }
        report.seconds = Date().timeIntervalSince(start)
        report.storedBuckets = try store.orgExportBucketCount(source: panelSource)
        report.totals = try store.orgUsageTotals(source: panelSource)
        return report
    }
}
