import Foundation

/// Runs the pipeline: load → model → render → write. Nothing is written unless every stage
/// succeeded, so a broken input never publishes half a site.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site; with `write: false` (forge check) it stops before touching the output.
    public func build(write: Bool = true) throws(BuildFailure) -> BuildResult {
        let writer = OutputWriter(target: options.outputDirectory, displayPath: options.outputDisplay)
        if write {
            do {
                try writer.checkTarget(protected: [options.contentDirectory, options.themesDirectory],
                                       workingDirectory: options.workingDirectory, home: options.homeDirectory)
            } catch {
                throw .output(error)
            }
        }

        // Load
        var diagnostics = Diagnostics()
        let loaded = ContentLoader.load(
            ContentLoader.Options(contentDirectory: options.contentDirectory, displayDirectory: options.contentDisplay,
                                  asOf: options.asOf, sourceDateEpoch: options.sourceDateEpoch),
            diagnostics: &diagnostics)
        guard var site = loaded else { throw .content(diagnostics) }
        if let override = options.baseURL {
            if let baseURL = BaseURL(override) {
                site.config.baseURL = baseURL
            } else {
                diagnostics.report(.other("--base-url \"\(override)\" must be \"/\", a path like \"/repo/\" or an http(s) URL"), at: SourceLocation(path: "--base-url"))
            }
        }
        if let theme = options.theme { site.config.theme = theme }
        let docs = DocsLoader.load(directory: options.contentDirectory.appendingPathComponent("docs"),
                                   displayDirectory: options.contentDisplay + "/docs",
                                   includeDrafts: options.includeDrafts, diagnostics: &diagnostics)
        let apiSpecs = OpenAPILoader.load(directory: options.contentDirectory.appendingPathComponent("api"),
                                          displayDirectory: options.contentDisplay + "/api", diagnostics: &diagnostics)

        // Theme
        let theme: Theme
        do {
            theme = try Theme.load(themesDirectory: options.themesDirectory, displayDirectory: options.themesDisplay, name: site.config.theme)
        } catch {
            if diagnostics.hasErrors { throw .content(diagnostics) }
            throw .template(error)
        }
        if options.strict { diagnostics.promoteWarnings() }
        if diagnostics.hasErrors { throw .content(diagnostics) }

        // Model: the usage figures (a sum past Int64 stops the build rather than show a wrong total)
        let usage: UsagePresenter
        do {
            usage = try UsagePresenter(site: site)
        } catch {
            diagnostics.report(.other(error.description), at: SourceLocation(path: "\(options.contentDisplay)/data"))
            throw .content(diagnostics)
        }

        // Render
        let assets = AssetCatalog(theme: theme)
        var files = assets.files
        var pages = 0
        var checkedAtSource: Set<String> = []
        // The API reference and the search index over docs and API pages (pages need its path).
        var api = APIReferenceRenderer(references: apiSpecs.map(APIReference.init), config: site.config, assets: assets, hasDocs: !docs.isEmpty)
        let apiEntry = APIReferenceRenderer.entry(for: api.references)
        let search = docs.isEmpty && api.references.isEmpty ? nil
            : SearchIndex(documents: DocsRenderer.searchDocuments(docs) + api.searchDocuments()).output()
        api.searchIndex = search?.manifestPath ?? ""
        do {
            files.append(try HomePage(site: site, assets: assets, usage: usage, docs: docs, api: apiEntry).render(with: theme))
            files.append(contentsOf: usage.dataFiles)
            pages += 1
            files.append(try NotFoundPage(site: site, assets: assets, hasDocs: !docs.isEmpty).render(with: theme))
            pages += 1
            let docsOutput = try DocsRenderer(docs: docs, config: site.config, assets: assets,
                                              searchIndex: search?.manifestPath ?? "", api: apiEntry).render(with: theme)
            files += docsOutput.files
            pages += docsOutput.pageCount
            checkedAtSource = docsOutput.checkedAtSource
            let apiOutput = try api.render(with: theme)
            files += apiOutput.files
            pages += apiOutput.pageCount
            checkedAtSource.formUnion(apiOutput.checkedAtSource)
            files += search?.files ?? []
        } catch {
            throw .template(error)
        }
        files.append(OutputFile(path: ".nojekyll", bytes: []))
        if let sitemap = Sitemap(baseURL: site.config.baseURL, pages: files.map(\.path)).xml {
            files.append(OutputFile(path: "sitemap.xml", text: sitemap))
        }

        // Check what the pages reference, then write
        OutputLinkCheck(files: files, checkedAtSource: checkedAtSource, basePath: NotFoundPage.rootPath(of: site.config.baseURL))
            .run(diagnostics: &diagnostics)
        if options.strict { diagnostics.promoteWarnings() }
        if diagnostics.hasErrors { throw .content(diagnostics) }
        if write {
            do {
                try writer.write(files)
            } catch {
                throw .output(error)
            }
        }
        return BuildResult(pageCount: pages, fileCount: files.count, diagnostics: diagnostics, files: files)
    }
}
