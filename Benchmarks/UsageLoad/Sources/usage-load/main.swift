import ForgeKit
import Foundation

// usage-load CONTENT_DATA_DIR: loads usage.* and usage/* as `forge build` will, prints a summary
// (so the work can not be optimized away) and the wall time of the load alone.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: usage-load DATA_DIR\n".utf8))
    exit(2)
}
let keys: Set<String> = [
    "key_prod", "key_staging", "key_dev", "key_ci", "key_batch", "key_mobile",
    "key_web", "key_support_bot", "key_analytics", "key_search", "key_partner_acme", "key_legacy",
]
let clock = ContinuousClock()
var diagnostics = Diagnostics()
var table = UsageTable()
let elapsed = clock.measure {
    table = UsageLoader.load(dataDirectory: URL(fileURLWithPath: arguments[1]), displayDirectory: "data",
                             context: UsageReadContext(knownKeyIDs: keys), diagnostics: &diagnostics)
}
var total = Money.zero
for record in table.records { total += record.cost }
for error in diagnostics.sorted.prefix(5) { print(error) }
print("records: \(table.records.count), services: \(table.services.count), cost: \(total.plainDecimal), errors: \(diagnostics.errorCount)")
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("load seconds: \(String(format: "%.3f", seconds))")
exit(diagnostics.hasErrors ? 1 : 0)
