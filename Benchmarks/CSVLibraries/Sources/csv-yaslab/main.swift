import CSV
import Foundation

// Streams the rows (yaslab/CSV.swift reads an InputStream scalar by scalar) and touches every field.
guard CommandLine.arguments.count == 2, let stream = InputStream(fileAtPath: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: csv-yaslab FILE.csv\n".utf8))
    exit(2)
}
do {
    let reader = try CSVReader(stream: stream, hasHeaderRow: true)
    var rows = 0
    var bytes = 0
    while let row = reader.next() {
        rows += 1
        for field in row { bytes += field.utf8.count }
    }
    if let error = reader.error {
        FileHandle.standardError.write(Data("after \(rows) rows: ".utf8))
        throw error
    }
    print("yaslab/CSV.swift: \(rows) rows, \(bytes) field bytes")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
