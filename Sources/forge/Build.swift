import ArgumentParser
import Foundation
import ForgeKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: "The output folder is replaced only when the whole site built; on any error it is left as it was.")

    @OptionGroup var options: BuildOptionGroup

    func run() throws {
        try Runner(options: options).run(write: true)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check content, theme and links; write nothing.")

    @OptionGroup var options: BuildOptionGroup

    func run() throws {
        try Runner(options: options).run(write: false)
    }
}
