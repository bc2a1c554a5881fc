import Foundation
import Testing
@testable import ForgeKit

/// `forge serve` stopped before it serves (Ctrl-C during the first build) ends at once.
@Suite struct DevServerTests {
    @Test func stoppingBeforeServingEndsRun() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let options = BuildOptions(content: site.url.appendingPathComponent("Content").path, themes: site.url.appendingPathComponent("Themes").path,
                                   output: site.url.appendingPathComponent("Output").path, workingDirectory: site.url)
        let server = try DevServer(options: options, port: 0) { _ in }
        // On threads of their own, so that a hang fails the test instead of stopping the suite.
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.stop()
            server.run()
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 30) == .success, "stop() then run() returned")
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Output").path))
    }
}
