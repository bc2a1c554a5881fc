import ArgumentParser
import Foundation
import ForgeKit
#if canImport(Glibc)
import Glibc
#endif

/// `forge keys add | revoke | manifest` (PRODUCT.md §4, v2): keys kept in the repository, one
/// file each, and the manifest a gateway verifies them with. The logic is in ForgeKit/Keys.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make and revoke keys; print a gateway's key manifest.",
        discussion: "Keys live in Content/data/keys.yaml and in key files Content/data/keys/<id>.yaml (one key each). No secret is ever "
            + "written: only its start, end and SHA-256.",
        subcommands: [Add.self, Revoke.self, Manifest.self])

    /// The wall clock's UTC day. Builds never read the clock (they are reproducible); these
    /// commands act on the real today: `keys add` dates a new key (`created`, `--expires 30d`,
    /// which keys are live), and `keys manifest` without --as-of or SOURCE_DATE_EPOCH.
    static func today() -> Day {
        Day(unixSeconds: Int(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// The site's keys, or exit 1 with every content problem printed.
    static func loadSite(content: String) throws -> SiteKeys {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let url = (content.hasPrefix("/") ? URL(fileURLWithPath: content) : cwd.appendingPathComponent(content)).standardizedFileURL
        var diagnostics = Diagnostics()
        let site = SiteKeys.load(contentDirectory: url, displayDirectory: content, diagnostics: &diagnostics)
        if !diagnostics.items.isEmpty {
            FileHandle.standardError.write(DiagnosticReport(format: .text).render(diagnostics))
        }
        guard let site else { throw ExitStatus.contentError }
        return site
    }

    /// Prints a `forge keys` error and exits with its status: 2 for a wrong argument, 3 when
    /// nothing could be written.
    static func fail(_ error: KeysError) -> ExitCode {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        return error.isUsageError ? ExitStatus.usageError : ExitStatus.outputRefused
    }

    /// Writes the secret to standard output unbuffered, and reports a failure (a closed pipe, a
    /// full disk) instead of dying of SIGPIPE: the key file is linked in only after this.
    static func deliver(_ secret: String) throws(KeysError) {
        signal(SIGPIPE, SIG_IGN)
        let bytes = Array((secret + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw KeysError(.secretNotDelivered(String(cString: strerror(errno)))) }
            written += result
        }
    }

    static func message(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a key; print its secret once; write its file.",
            discussion: """
                Writes Content/data/keys/<id>.yaml (id, name, start, end, sha256, created, and the options given) and \
                prints the secret on standard output, once, and nothing else there: store it now, it is kept nowhere. \
                Messages go to standard error. The key file is the same the API Keys dialog's "Add to site" offers.
                """)

        @Argument(help: "The key's name: 1-64 characters, unlike every live key's name.")
        var name: String

        @Option(help: "Its scopes, comma-separated: a,b (each one of site.yaml's scopes, when it lists them).")
        var scopes: String?

        @Option(help: "When it expires: a UTC day YYYY-MM-DD after today, or a number of days such as 30d.")
        var expires: String?

        @Option(help: "Who answers for it: an email address.")
        var owner: String?

        @Option(help: "The content folder.")
        var content = "Content"

        func validate() throws {
            do {
                _ = try KeyRequest(name: name, scopes: scopes, expires: expires, owner: owner)
            } catch {
                throw ValidationError(error.message)
            }
        }

        func run() throws {
            let site = try KeysCommand.loadSite(content: content)
            let today = KeysCommand.today()
            var random = SystemRandomNumberGenerator()
            do {
                let request = try KeyRequest(name: name, scopes: scopes, expires: expires, owner: owner)
                let key = KeyMaker.makeKey(prefix: site.config.keyPrefix, using: &random)
                let id = KeyMaker.makeID(taken: Set(site.keys.map(\.id)), using: &random)
                let file = try request.keyFile(for: site, key: key, id: id, today: today)
                let path = try KeyFileWriter(site: site).write(file) { () throws(KeysError) in
                    try KeysCommand.deliver(key.secret)
                }
                KeysCommand.message("""
                    Created \(id), "\(file.name)" (\(key.start)...\(key.end)), in \(path).
                    The secret above is shown once and kept nowhere: store it in your secret manager now.
                    Commit the file and rebuild: the key is then listed on the dashboard and in forge keys manifest.
                    """)
            } catch {
                throw KeysCommand.fail(error)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a key revoked in the file that holds it.",
            discussion: "Edits only the key's status line (or adds one), in Content/data/keys.yaml or its key file; comments and order "
                + "stay. A key revoked already is left as it is.")

        @Argument(help: "The key's id, such as key_prod.")
        var id: String

        @Option(help: "The content folder.")
        var content = "Content"

        func run() throws {
            let site = try KeysCommand.loadSite(content: content)
            do {
                switch try KeyRevoker(site: site).revoke(id: id) {
                case .revoked(let location):
                    print("Revoked \(id): \(location) now says status: revoked. Commit it, rebuild the site and update the gateway's "
                        + "manifest.")
                case .alreadyRevoked(let location):
                    print("\(id) is revoked already (\(location)); nothing changed.")
                }
            } catch {
                throw KeysCommand.fail(error)
            }
        }
    }

    struct Manifest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON a gateway verifies keys with.",
            discussion: """
                Every active, unexpired key with its sha256, scopes, expires and monthly_limit, sorted by id. Keys \
                without sha256 cannot be verified by hash and are left out, with a warning. "Today" is --as-of, \
                else SOURCE_DATE_EPOCH, else the clock's UTC day (not site.yaml's as_of, which dates the dashboard). \
                The manifest is never written into Content/ or an output folder.
                """)

        @Option(help: "Write it to this file instead of standard output (never inside Content/ or Output/).")
        var output: String?

        @Option(name: .customLong("as-of"), help: "The day keys must be unexpired on (YYYY-MM-DD, UTC).")
        var asOf: String?

        @Option(help: "The content folder.")
        var content = "Content"

        func validate() throws {
            if let asOf, Day(parsing: asOf) == nil {
                throw ValidationError("--as-of must be a UTC day written YYYY-MM-DD, found \"\(asOf)\"")
            }
        }

        func run() throws {
            let day = try asOfDay()
            let site = try KeysCommand.loadSite(content: content)
            let manifest = KeyManifest(site: site, asOf: day)
            let warnings = manifest.warnings
            if !warnings.items.isEmpty { FileHandle.standardError.write(DiagnosticReport(format: .text).render(warnings)) }
            guard let output else {
                print(manifest.json, terminator: "")
                return
            }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let url = output.hasPrefix("/") ? URL(fileURLWithPath: output) : cwd.appendingPathComponent(output)
            let destination = ManifestDestination(path: url, display: output)
            do {
                try destination.check(published: [(site.contentDirectory, content), (cwd.appendingPathComponent("Output"), "Output")])
                try destination.write(manifest.json)
            } catch {
                throw KeysCommand.fail(error)
            }
            let count = manifest.entries.count
            print("Wrote \(count == 1 ? "1 key" : "\(count) keys") (as of \(day)) to \(output).")
        }

        private func asOfDay() throws -> Day {
            if let asOf, let day = Day(parsing: asOf) { return day }
            if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
                guard let seconds = Int(epoch.trimmingCharacters(in: .whitespaces)) else {
                    KeysCommand.message("error: SOURCE_DATE_EPOCH must be a number of seconds, found \"\(epoch)\"")
                    throw ExitStatus.usageError
                }
                return Day(unixSeconds: seconds)
            }
            return KeysCommand.today()
        }
    }
}
