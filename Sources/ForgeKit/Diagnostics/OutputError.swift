/// A problem writing the output folder. The previous output is left as it was.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Writing there could destroy something that is not Forge's.
        case refused(String)
        /// A folder with files Forge did not create.
        case notEmpty
        case io(String)
    }

    public var path: String
    public var reason: Reason

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    public var description: String {
        switch reason {
        case .refused(let why):
            return "\(path): error: refusing to write the site here: \(why); choose another folder with --output"
        case .notEmpty:
            return "\(path): error: refusing to write the site here: the folder is not empty and was not made by Forge (it has no " +
                "\(OutputWriter.markerName)); empty it or choose another folder with --output"
        case .io(let why):
            return "\(path): error: cannot write the site: \(why); the previous output is unchanged"
        }
    }
}
