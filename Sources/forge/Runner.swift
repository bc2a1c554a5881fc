import ArgumentParser
import Foundation
import ForgeKit

/// Runs a build and reports it: problems on stderr in the chosen format, a summary on stdout.
struct Runner {
    let options: BuildOptionGroup

    func run(write: Bool) throws {
        let clock = ContinuousClock()
        let started = clock.now
        let builder = SiteBuilder(options: options.buildOptions())
        do {
            let result = try builder.build(write: write)
            let report = DiagnosticReport(format: options.format)
            if !result.diagnostics.items.isEmpty {
                FileHandle.standardError.write(report.render(result.diagnostics))
            }
            guard !options.quiet else { return }
            let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
            let time = String(format: "%.2f", seconds)
            let pages = result.pageCount == 1 ? "1 page" : "\(result.pageCount) pages"
            let warnings = result.diagnostics.warningCount
            let suffix = warnings > 0 ? " with \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
            if write {
                print("Built \(pages) (\(result.fileCount) files) into \(options.output) in \(time) s\(suffix)")
            } else {
                print("Checked \(pages) (\(result.fileCount) files) in \(time) s\(suffix); nothing written")
            }
        } catch {
            let report = DiagnosticReport(format: options.format)
            FileHandle.standardError.write(report.render(error))
            throw ExitCode.failure
        }
    }
}
