import Testing

/// The request options checked against a server that is not ours — nginx with its echo
/// module (`withNginx`) — as the acceptance asks, each compared with curl on the
/// same URL. Every suite here is nested in this one, so `--filter ThirdParty` runs them all.
@Suite("Third-party server: nginx")
enum ThirdParty {}
