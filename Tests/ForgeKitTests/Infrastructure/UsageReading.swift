import Foundation
@testable import ForgeKit

/// The key ids the usage tests treat as provisioned in `keys.yaml`.
let testKeyIDs: Set<String> = ["key_prod", "key_dev"]

/// What reading one usage text gave: the records as `UsageTable.rows` lines, and every
/// problem as the whole message a user would see (location, text, source line and caret).
struct UsageReading {
    var rows: [String]
    /// Each record's model, "-" for none, in table order.
    var models: [String]
    var errors: [String]
    var suppressed: Int
}

/// Reads `text` with `reader` as the file `path`, with `testKeyIDs` as the known keys.
func readUsage(_ text: String, with reader: some UsageReader, path: String = "Content/data/usage.yaml") -> UsageReading {
    readUsage(Data(text.utf8), with: reader, path: path)
}

func readUsage(_ bytes: Data, with reader: some UsageReader, path: String = "Content/data/usage.yaml") -> UsageReading {
    var diagnostics = Diagnostics()
    let table = reader.read(bytes, displayPath: path, context: UsageReadContext(knownKeyIDs: testKeyIDs), diagnostics: &diagnostics)
    return UsageReading(rows: table.rows, models: table.records.map { table.modelName($0) ?? "-" },
                        errors: diagnostics.items.map(\.description), suppressed: diagnostics.suppressed)
}

extension UsageTable {
    /// One line per record, `day | service | key or - | requests | tokens or - | cost`, in table order.
    var rows: [String] {
        records.map { record in
            [record.day.description, serviceName(record), keyID(record) ?? "-", String(record.requests),
             record.tokens < 0 ? "-" : String(record.tokens), record.cost.plainDecimal].joined(separator: " | ")
        }
    }
}
