import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a build's time goes, for profiling: with `FORGE_PHASES` set in the environment each
/// `mark` prints the wall and CPU milliseconds since the previous one to standard error
/// (`phase docsrender: wall 310 ms cpu 540 ms`). Without it, `mark` does nothing. Not an
/// interface: Benchmarks/README.md names it as the way to see which stage to work on.
struct PhaseClock {
    static let enabled = ProcessInfo.processInfo.environment["FORGE_PHASES"] != nil
    private var last = PhaseClock.now()

    private static func now() -> (wall: Double, cpu: Double) {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return (Double(time.tv_sec) + Double(time.tv_nsec) / 1e9, cpu)
    }

    mutating func mark(_ name: String) {
        guard PhaseClock.enabled else { return }
        let now = PhaseClock.now()
        let line = "phase \(name): wall \(Int((now.wall - last.wall) * 1000)) ms cpu \(Int((now.cpu - last.cpu) * 1000)) ms\n"
        FileHandle.standardError.write(Data(line.utf8))
        last = now
    }
}
