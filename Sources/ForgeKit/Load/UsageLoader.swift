import Foundation

/// Finds and reads every usage file of a site: `data/usage.yaml` (or `.yml`, or `.json`: one of
/// them) and every `data/usage/*.yaml|yml|json|csv`, merged into one table.
///
/// Files are read in a fixed order (`usage.*` first, then `usage/` by the bytes of their names),
/// so the table and its errors are the same whatever order the file system lists them in.
/// Every problem of every file is reported; dot-files (`.gitkeep`, `.DS_Store`) are ignored.
public enum UsageLoader {
    /// The top-level file names, in the order they are read.
    static let topLevelNames = ["usage.yaml", "usage.yml", "usage.json"]
    static let extensions = ["yaml", "yml", "json", "csv"]

    /// - Parameters:
    ///   - dataDirectory: the site's `data` folder.
    ///   - displayDirectory: that folder as messages name it, e.g. `Content/data`.
    public static func load(dataDirectory: URL, displayDirectory: String, context: UsageReadContext,
                            diagnostics: inout Diagnostics) -> UsageTable {
        var table = UsageTable()
        var context = context
        for (url, displayPath) in files(in: dataDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics) {
            let reader: any UsageReader = url.pathExtension.lowercased() == "csv" ? CSVUsageReader() : YAMLUsageReader()
            let part = reader.read(url, displayPath: displayPath, context: context, diagnostics: &diagnostics)
            context.totals = context.totals.adding(part)
            if table.records.isEmpty, table.services.isEmpty {
                table = part // the usual single file: no copy through merge
            } else {
                table.merge(part)
            }
        }
        return table
    }

    /// The usage files to read, in reading order, with their display paths.
    static func files(in dataDirectory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> [(URL, String)] {
        var files: [(URL, String)] = []
        for name in topLevelNames where kind(of: dataDirectory.appendingPathComponent(name)) == .file {
            files.append((dataDirectory.appendingPathComponent(name), displayDirectory + "/" + name))
        }
        if files.count > 1 {
            let names = files.map { ($0.1 as NSString).lastPathComponent }
            for (_, displayPath) in files.dropFirst() {
                diagnostics.report(.usageLayout("usage data is in \(names.joined(separator: " and ")); keep one of them, or move the " +
                    "others " +
                    "into \(displayDirectory)/usage/"),
                                   at: SourceLocation(path: displayPath))
            }
        }
        let folder = dataDirectory.appendingPathComponent("usage")
        switch kind(of: folder) {
        case .none:
            break
        case .file:
            diagnostics.report(.usageLayout("expected a folder of usage files (usage/*.yaml, *.csv), found a file"),
                               at: SourceLocation(path: displayDirectory + "/usage"))
        case .folder:
            files += folderFiles(folder, displayFolder: displayDirectory + "/usage", diagnostics: &diagnostics)
        }
        return files
    }

    private static func folderFiles(_ folder: URL, displayFolder: String, diagnostics: inout Diagnostics) -> [(URL, String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            let why = (error as NSError).localizedFailureReason ?? error.localizedDescription
            diagnostics.report(.unreadable(why), at: SourceLocation(path: displayFolder))
            return []
        }
        var files: [(URL, String)] = []
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let displayPath = displayFolder + "/" + name
            if kind(of: url) == .folder {
                diagnostics.report(.usageLayout("folders inside usage/ are not read; move its files up into usage/"),
                    at: SourceLocation(path: displayPath))
            } else if !extensions.contains(url.pathExtension.lowercased()) {
                diagnostics.report(.usageLayout("not a usage file: only .yaml, .yml, .json and .csv files may be in usage/"),
                    at: SourceLocation(path: displayPath))
            } else {
                files.append((url, displayPath))
            }
        }
        return files
    }

    private enum Kind { case none, file, folder }

    private static func kind(of url: URL) -> Kind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .none }
        return isFolder.boolValue ? .folder : .file
    }
}
