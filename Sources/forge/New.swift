import ArgumentParser
import Foundation
import ForgeEmbedded
import ForgeKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a working site in a new folder.",
        discussion: "Sample keys, usage, plans and docs in Content/, a README, a .gitignore and a GitHub Pages workflow. The folder must " +
            "not exist, or be empty.")

    @Argument(help: "The folder to create (it must not exist, or be empty).")
    var directory: String

    @Option(help: ArgumentHelp("The forge GitHub Action the Pages workflow uses, OWNER/REPO@REF (default: "
        + "\(SiteScaffold.defaultAction ?? "\(SiteScaffold.unknownRepository)@v…"))."))
    var action: String?

    func validate() throws {
        if let action, !SiteScaffold.isValidAction(action) {
            throw ValidationError("--action \"\(action)\" must look like OWNER/REPO@REF")
        }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let folder = (directory.hasPrefix("/") ? URL(fileURLWithPath: directory) : cwd.appendingPathComponent(directory))
            .standardizedFileURL
        let chosen = action ?? SiteScaffold.defaultAction
        let scaffold = SiteScaffold(action: chosen ?? "\(SiteScaffold.unknownRepository)@v\(ForgeEmbedded.version)")
        do {
            let written = try scaffold.write(to: folder, display: directory)
            print("Created \(directory)/ with \(written.count) files: Content/ (site, sample keys, usage, plans, docs), README.md, " +
                ".gitignore, .github/workflows/pages.yml")
            if chosen == nil {
                FileHandle.standardError.write(Data("""
                    warning: this forge does not know the GitHub repository it was built from: edit `uses: \(scaffold.action)` \
                    in \(directory)/.github/workflows/pages.yml, or run forge new with --action OWNER/REPO@REF

                    """.utf8))
            }
            print("""

                Next:
                  cd \(directory)
                  forge serve        # preview with live reload (or: forge build, then open Output/index.html)
                  git init && git add . && git commit -m "New Forge site"
                Push to GitHub and set Settings → Pages → Source to "GitHub Actions": the workflow builds and deploys it, \
                and again every night.
                """)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitStatus.outputRefused
        }
    }
}
