/// A TCP port written in decimal digits, as curl's `--resolve` and `--connect-to` take it.
enum PortNumber {
    /// 0 to 65535 from digits alone (no sign, no spaces); nil otherwise.
    static func parse(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(text), port <= 65535
        else { return nil }
        return port
    }
}
