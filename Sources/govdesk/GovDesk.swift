import ArgumentParser

@main
struct GovDesk: ParsableCommand {
    func run() {}
}
