import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CLIHarness {
    /// A pseudo-terminal could not be opened for the command.
    struct TerminalUnavailable: Error, CustomStringConvertible {
        var step: String
        var description: String { "no pseudo-terminal (\(step) failed: \(String(cString: strerror(errno))))" }
    }

    /// Runs `govdesk --db <test db> ARGS` with its standard error on a pseudo-terminal, as a person at a terminal sees
    /// it (standard output stays a pipe): `stderr` of the result is everything the terminal received, control
    /// sequences included.
    func runOnTerminal(_ arguments: [String]) throws -> Result {
        let master = try PseudoTerminal.call("posix_openpt", as: PseudoTerminal.Open.self) { $0(O_RDWR | O_NOCTTY) }
        guard master >= 0 else { throw TerminalUnavailable(step: "posix_openpt") }
        defer { close(master) }
        guard try PseudoTerminal.call("grantpt", as: PseudoTerminal.Step.self, { $0(master) }) == 0 else {
            throw TerminalUnavailable(step: "grantpt")
        }
        guard try PseudoTerminal.call("unlockpt", as: PseudoTerminal.Step.self, { $0(master) }) == 0 else {
            throw TerminalUnavailable(step: "unlockpt")
        }
        guard let name = try PseudoTerminal.call("ptsname", as: PseudoTerminal.Name.self, { $0(master) }) else {
            throw TerminalUnavailable(step: "ptsname")
        }
        let terminal = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { throw TerminalUnavailable(step: "open") }

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--db", database] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            close(terminal)
            throw error
        }
        // Only the child holds the terminal now: reading its master side ends (EIO) when the child has exited.
        close(terminal)
        let shown = TerminalCapture()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                shown.append(buffer[0..<count])
            }
            done.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: shown.bytes, as: UTF8.self))
    }
}

/// The C library's pseudo-terminal functions, looked up at run time: Swift's Glibc module leaves them out (they need
/// `_XOPEN_SOURCE`), though every libc has them.
private enum PseudoTerminal {
    typealias Open = @convention(c) (Int32) -> Int32
    typealias Step = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    static func call<Function, Value>(_ name: String, as type: Function.Type, _ body: (Function) -> Value) throws
        -> Value
    {
        // The program's own handle: its search covers the C library it is linked with.
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { throw CLIHarness.TerminalUnavailable(step: name) }
        return body(unsafeBitCast(symbol, to: type))
    }
}

/// The bytes a pseudo-terminal received, filled by the thread that reads it.
private final class TerminalCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var data: [UInt8] = []

    func append(_ bytes: ArraySlice<UInt8>) {
        lock.lock()
        data += bytes
        lock.unlock()
    }

    var bytes: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
