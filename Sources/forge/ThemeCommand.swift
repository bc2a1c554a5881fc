import ArgumentParser
import Foundation
import ForgeKit

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Copy the built-in theme out to edit it.",
        subcommands: [Eject.self])

    struct Eject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the built-in default theme to Themes/NAME/ for full control (refuses an existing non-empty folder).")

        @Argument(help: "The new theme's name; with \"default\" the copy replaces the built-in theme for this site.")
        var name = "default"

        @Option(help: "The themes folder.")
        var themes = "Themes"

        func validate() throws {
            guard Theme.isValidName(name) else {
                throw ValidationError("\"\(name)\" is not a theme name (a folder name: letters, digits, - and _)")
            }
        }

        func run() throws {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let folder = (themes.hasPrefix("/") ? URL(fileURLWithPath: themes) : cwd.appendingPathComponent(themes))
                .appendingPathComponent(name).standardizedFileURL
            let display = "\(themes)/\(name)"
            do {
                let written = try ThemeEjector().write(to: folder, display: display)
                print("Copied the built-in theme to \(display)/ (\(written.count) files).")
                if name == "default" {
                    print("Its files now replace the built-in ones for this site; delete the ones you do not change to keep getting " +
                        "updates.")
                } else {
                    print("Use it with `theme: \(name)` in site.yaml (or --theme \(name)); files you delete fall back to the built-in " +
                        "theme.")
                }
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitStatus.outputRefused
            }
        }
    }
}
