import ArgumentParser
import Foundation
import ForgeKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder (replaced only when the whole build succeeds).")

    @OptionGroup var options: BuildOptionGroup

    func run() throws {
        try Runner(options: options).run(write: true)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate content, theme and links without writing anything.")

    @OptionGroup var options: BuildOptionGroup

    func run() throws {
        try Runner(options: options).run(write: false)
    }
}
