import Foundation

extension FetchRecord {
    /// A record from one line of cfetch's JSONL (the inverse of `JSONLinesFormatter`);
    /// nil for a line that is not one.
    public init?(jsonLine line: some DataProtocol) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let index = object["index"] as? Int, let url = object["url"] as? String,
            let ok = object["ok"] as? Bool, let bytes = object["bytes"] as? Int,
            let worker = object["worker"] as? Int, let strategy = object["strategy"] as? String
        else { return nil }
        func seconds(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? 0 }
        var phases = PhaseTimes()
        phases.dns = seconds("dns")
        phases.connect = seconds("connect")
        phases.tls = seconds("tls")
        phases.ttfb = seconds("ttfb")
        phases.total = seconds("total")
        self.init(
            index: index, url: url, ok: ok, status: object["status"] as? Int, bytes: bytes, worker: worker,
            strategy: strategy, attempts: object["attempts"] as? Int ?? 1, queued: seconds("queued"),
            start: seconds("start"), elapsed: seconds("elapsed"), phases: phases,
            httpVersion: object["http_version"] as? String, contentType: object["content_type"] as? String,
            effectiveURL: object["effective_url"] as? String,
            error: (object["error"] as? String).flatMap(ErrorClass.init(rawValue:)) ?? (ok ? nil : .other),
            message: object["message"] as? String)
    }
}
