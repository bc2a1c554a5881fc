import Foundation
import SwiftCSV

// SwiftCSV loads the file into one String and calls back per row.
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: csv-swiftcsv FILE.csv\n".utf8))
    exit(2)
}
do {
    let csv = try CSV<Enumerated>(url: URL(fileURLWithPath: CommandLine.arguments[1]), delimiter: .comma, loadColumns: false)
    nonisolated(unsafe) var rows = 0
    nonisolated(unsafe) var bytes = 0
    try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { (row: [String]) in
        rows += 1
        for field in row { bytes += field.utf8.count }
    }
    print("swiftcsv/SwiftCSV: \(rows) rows, \(bytes) field bytes")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
