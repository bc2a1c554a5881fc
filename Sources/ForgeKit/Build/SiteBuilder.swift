import Foundation

/// Runs the pipeline: load → model → render → write. Nothing is written unless every stage
/// succeeded, so a broken input never publishes half a site.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site; with `write: false` (forge check) it stops before touching the output.
    /// With a `cache` (forge serve), what the previous build made from unchanged files is reused.
    public func build(write: Bool = true, cache: BuildCache? = nil) throws(BuildFailure) -> BuildResult {
        let writer = OutputWriter(target: options.outputDirectory, displayPath: options.outputDisplay)
        if write {
            do {
                try writer.checkTarget(protected: [options.contentDirectory, options.themesDirectory],
                                       workingDirectory: options.workingDirectory, home: options.homeDirectory)
            } catch {
                throw .output(error)
            }
            writer.reclaimStaleFolders()
        }

        // Load
        var phaseClock = PhaseClock()
        cache?.beginBuild()
        var diagnostics = Diagnostics()
        let contentOptions = ContentLoader.Options(contentDirectory: options.contentDirectory, displayDirectory: options.contentDisplay,
                                                   asOf: options.asOf, sourceDateEpoch: options.sourceDateEpoch)
        // The theme loads beside the data as soon as site.yaml has named it (forge serve keeps
        // its theme in the cache instead).
        var themeLoad: BackgroundTask<Result<Theme, TemplateError>>?
        let loaded = if let cache {
            cache.site(contentOptions, diagnostics: &diagnostics)
        } else {
            ContentLoader.load(contentOptions, diagnostics: &diagnostics) { config in
                let builder = self
                themeLoad = BackgroundTask { () -> Result<Theme, TemplateError> in
                    do throws(TemplateError) {
                        return .success(try builder.loadTheme(for: config))
                    } catch {
                        return .failure(error)
                    }
                }
            }
        }
        guard var site = loaded else { throw .content(diagnostics) }
        if let baseURL = options.baseURL { site.config.baseURL = baseURL }
        if let theme = options.theme { site.config.theme = theme }
        let loadSpecs = { (diagnostics: inout Diagnostics) -> [APISpec] in
            OpenAPILoader.load(directory: options.contentDirectory.appendingPathComponent("api"),
                               displayDirectory: options.contentDisplay + "/api", diagnostics: &diagnostics)
        }
        phaseClock.mark("site")
        let apiSpecs = cache?.apiSpecs(diagnostics: &diagnostics, load: loadSpecs) ?? loadSpecs(&diagnostics)
        let apiReferences = apiSpecs.map(APIReference.init)
        // Docs may link to the dashboard and to the API reference's pages.
        var sitePages: Set<String> = ["index.html"]
        if !apiReferences.isEmpty {
            sitePages.insert(APIReferenceRenderer.indexPath)
            for reference in apiReferences { sitePages.formUnion(reference.pagePaths) }
        }
        let docs = DocsLoader.load(directory: options.contentDirectory.appendingPathComponent("docs"),
                                   displayDirectory: options.contentDisplay + "/docs",
                                   includeDrafts: options.includeDrafts, sitePages: sitePages, diagnostics: &diagnostics, cache: cache)

        phaseClock.mark("docsload")
        // Theme
        var theme: Theme
        do {
            let load = { [config = site.config] () throws(TemplateError) -> Theme in try loadTheme(for: config) }
            if let cache {
                theme = try cache.theme(named: site.config.theme, load: load)
            } else if let themeLoad {
                theme = try themeLoad.value.get()
            } else {
                theme = try load()
            }
        } catch {
            if diagnostics.hasErrors { throw .content(diagnostics) }
            throw .template(error)
        }
        if options.rendersWithMustacheLibrary { theme = theme.renderingWithMustacheLibrary() }
        if options.strict { diagnostics.promoteWarnings() }
        if diagnostics.hasErrors { throw .content(diagnostics) }

        phaseClock.mark("theme")
        // Model: the usage figures (a sum past Int64 stops the build rather than show a wrong total)
        var usage: UsagePresenter
        do {
            if let cache {
                usage = try cache.usage(for: site) { () throws(UsageSummary.OverflowError) in try UsagePresenter(site: site) }
            } else {
                usage = try UsagePresenter(site: site)
            }
        } catch {
            diagnostics.report(.usageOverflow(error.description), at: SourceLocation(path: "\(options.contentDisplay)/data"))
            throw .content(diagnostics)
        }

        phaseClock.mark("usage")
        // Render
        let assets = cache?.assets(for: theme) ?? AssetCatalog(theme: theme)
        var files: [OutputFile] = []
        var pages = 0
        var checkedAtSource: Set<String> = []
        // The API reference and the search index over docs and API pages (pages need its path).
        var api = APIReferenceRenderer(references: apiReferences, config: site.config, assets: assets, hasDocs: !docs.isEmpty)
        let apiEntry = APIReferenceRenderer.entry(for: api.references)
        // Each doc's words were counted as it was loaded (under serve, once per revision). The
        // index's manifest keeps one path, so pages name it before the index is merged: the
        // merge (mostly one thread) runs beside the rendering of the pages.
        let hasSearch = !docs.isEmpty || !api.references.isEmpty
        let searchIndexPath = hasSearch ? SearchIndex.manifestPath : ""
        var pageWords: [SearchIndex.PageWords] = []
        if hasSearch {
            pageWords = DocsRenderer.searchPages(docs.docs)
            pageWords += api.searchDocuments().concurrentMap(SearchIndex.pageWords(of:))
        }
        let searchMerge = hasSearch ? BackgroundTask { [pageWords] in cache?.searchIndex(pageWords) ?? SearchIndex.output(pageWords) } : nil
        phaseClock.mark("search")
        api.searchIndex = searchIndexPath
        do {
            files.append(contentsOf: try usage.renderPeriodFiles(with: theme))
            files.append(try HomePage(site: site, assets: assets, usage: usage, docs: docs, api: apiEntry).render(with: theme))
            files.append(contentsOf: usage.dataFiles)
            pages += 1
            files.append(try NotFoundPage(site: site, assets: assets, hasDocs: !docs.isEmpty).render(with: theme))
            pages += 1
            phaseClock.mark("home")
            let docsOutput = try DocsRenderer(docs: docs, config: site.config, assets: assets,
                                              searchIndex: searchIndexPath, api: apiEntry).render(with: theme, cache: cache)
            files += docsOutput.files
            pages += docsOutput.pageCount
            checkedAtSource = docsOutput.checkedAtSource
            phaseClock.mark("docsrender")
            let renderAPI = { [api] () throws(TemplateError) -> APIReferenceRenderer.Output in try api.render(with: theme) }
            let apiOutput: APIReferenceRenderer.Output
            if let cache { apiOutput = try cache.apiOutput(hasDocs: !docs.isEmpty, render: renderAPI) } else { apiOutput = try renderAPI() }
            files += apiOutput.files
            pages += apiOutput.pageCount
            checkedAtSource.formUnion(apiOutput.checkedAtSource)
            if let search = searchMerge?.value {
                assert(search.manifestPath == searchIndexPath)
                files += search.files
            }
        } catch {
            throw .template(error)
        }
        phaseClock.mark("apirender")
        // The theme's assets that the pages named (a site theme over the built-in default does
        // not publish the default's unused scripts).
        files.insert(contentsOf: assets.usedFiles, at: 0)
        files.append(OutputFile(path: ".nojekyll", bytes: []))
        if let sitemap = Sitemap(baseURL: site.config.baseURL, pages: files.map(\.path)).xml {
            files.append(OutputFile(path: "sitemap.xml", text: sitemap))
        }

        // Check what the pages reference, then write
        OutputLinkCheck(files: files, checkedAtSource: checkedAtSource, basePath: NotFoundPage.rootPath(of: site.config.baseURL),
                        theme: theme)
            .run(diagnostics: &diagnostics, cache: cache)
        phaseClock.mark("linkcheck")
        OutputSecretScan(files: files, scanner: SecretScanner(keys: site.keys), docs: docs,
                         contentDisplay: options.contentDisplay, outputDisplay: options.outputDisplay)
            .run(diagnostics: &diagnostics, cache: cache)
        phaseClock.mark("outscan")
        if options.strict { diagnostics.promoteWarnings() }
        if diagnostics.hasErrors { throw .content(diagnostics) }
        if write {
            do {
                try writer.write(files)
            } catch {
                throw .output(error)
            }
        }
        phaseClock.mark("write")
        return BuildResult(pageCount: pages, fileCount: files.count, diagnostics: diagnostics, files: files, baseURL: site.config.baseURL)
    }

    /// The theme `--theme` or site.yaml names; a missing one is an error where it was named.
    private func loadTheme(for config: SiteConfig) throws(TemplateError) -> Theme {
        let named = options.theme == nil ? config.themeLocation : SourceLocation(path: "--theme")
        return try Theme.load(themesDirectory: options.themesDirectory, displayDirectory: options.themesDisplay,
                              name: options.theme ?? config.theme, requestedAt: named,
                              requestSourceLine: named.flatMap { sourceLine(at: $0) })
    }

    /// The text of the site.yaml line a location points at, for the excerpt under a message.
    private func sourceLine(at location: SourceLocation) -> String? {
        guard let line = location.line, location.path.hasPrefix(options.contentDisplay + "/") else { return nil }
        let file = options.contentDirectory.appendingPathComponent(String(location.path.dropFirst(options.contentDisplay.count + 1)))
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return line <= lines.count ? String(lines[line - 1]) : nil
    }
}
