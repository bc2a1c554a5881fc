@testable import ForgeKit

/// What the home page gives the usage partials (`summary-cards`, `usage-dialog`), for tests that
/// render them alone.
struct UsagePartialsContext: TemplateContext {
    var root = ""
    var asset: AssetFolder
    var usage: UsageDialogContext
    var keyCount = 3
    var activeKeyCount = 2
}
