import Foundation
import Testing
@testable import ForgeKit

/// The boundary test every link check rests on: inside means the folder itself or below it,
/// never a sibling whose name starts the same.
@Suite struct SafePathTests {
    @Test func insideIsTheFolderOrBelowItNotASiblingWithALongerName() {
        #expect(SafePath.isInside("/site/Content", "/site/Content"))
        #expect(SafePath.isInside("/site/Content/docs/a.md", "/site/Content"))
        #expect(!SafePath.isInside("/site/Content2/a.md", "/site/Content"))
        #expect(!SafePath.isInside("/site/Content2", "/site/Content"))
        #expect(!SafePath.isInside("/site", "/site/Content"))
        #expect(SafePath.isInside("/anything", "/"))
    }

    /// A file over the limit is refused unread; one at the limit is read whole.
    @Test func readRefusesAFileOverItsLimit() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["ten.txt": "0123456789"])
        let path = folder.path + "/ten.txt"
        #expect(SafePath.read(path, limit: 10) == .success(Array("0123456789".utf8)))
        #expect(SafePath.read(path, limit: 9) == .failure(.tooLarge(10)))
        #expect(SafePath.read(path) == .success(Array("0123456789".utf8)), "no limit")
        #expect(SafePath.read(folder.path) == .failure(.unreadable("it is a folder")))
    }
}
