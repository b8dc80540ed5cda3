import Foundation

/// libFuzzer's entry point for the harness that `scripts/fuzz` builds; `GOVDESK_FUZZ_TARGET` names the target.
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["GOVDESK_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("GOVDESK_FUZZ_TARGET must be one of \(names)\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = fuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
