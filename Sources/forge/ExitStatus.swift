import ArgumentParser

/// forge's exit statuses (README "Exit status"); scripts and CI branch on them.
enum ExitStatus {
    /// The whole site was written (or checked, or created).
    static let success = ExitCode(0)
    /// The content or the theme has errors (each printed as `path:line:col: error: …`).
    static let contentError = ExitCode(1)
    /// The command line is wrong: an unknown command or option, a bad value, a missing theme.
    static let usageError = ExitCode(2)
    /// forge refused to write where it was asked to (a non-empty folder it did not make, the
    /// home folder, Content/…), or could not write there. Nothing was changed.
    static let outputRefused = ExitCode(3)
}
