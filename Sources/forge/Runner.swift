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
        let report = DiagnosticReport(format: options.format)
        do {
            let result = try builder.build(write: write)
            // --quiet: errors only. A successful build has none, so it prints nothing at all.
            let shown = options.quiet ? result.diagnostics.errorsOnly : result.diagnostics
            if !shown.items.isEmpty {
                FileHandle.standardError.write(report.render(shown))
            }
            guard !options.quiet else { return }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
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
            switch error {
            case .content(let diagnostics):
                FileHandle.standardError.write(report.render(options.quiet ? diagnostics.errorsOnly : diagnostics))
                throw ExitStatus.contentError
            case .template:
                FileHandle.standardError.write(report.render(error))
                throw ExitStatus.contentError
            case .output:
                FileHandle.standardError.write(report.render(error))
                throw ExitStatus.outputRefused
            }
        }
    }
}
