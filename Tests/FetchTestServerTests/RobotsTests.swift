import FetchTestServer
import Testing

@Suite("/robots.txt per port")
struct RobotsTests {
    @Test func noRobotsIsA404() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/robots.txt")
            #expect(response.status == 404)
            #expect(response.text == "not found: /robots.txt\n(GET / lists the endpoints)\n")
        }
    }

    @Test func failuresComeFirstThenTheBodyOnItsPortOnly() async throws {
        try await withTestServer(listeners: 2) { server in
            let body = "User-agent: *\nDisallow: /private\nCrawl-delay: 1\n"
            server.setRobots(RobotsResponse(status: 200, body: body, failures: 2, failureStatus: 503), port: 1)
            #expect(try await fetch(server, "/robots.txt", port: 1).status == 503)
            #expect(try await fetch(server, "/robots.txt", port: 1).status == 503)
            for _ in 0..<2 {
                let robots = try await fetch(server, "/robots.txt", port: 1)
                #expect(robots.status == 200)
                #expect(robots.text == body)
                #expect(robots.header("content-type") == "text/plain; charset=utf-8")
            }
            #expect(try await fetch(server, "/robots.txt", port: 0).status == 404)
            let stats = server.portStats(1)
            #expect(stats.requestCount == 4)
            #expect(stats.requestStarts.map(\.path) == Array(repeating: "/robots.txt", count: 4))
            // A new window, or a new setting, starts the failures over.
            server.resetCounters()
            #expect(try await fetch(server, "/robots.txt", port: 1).status == 503)
            server.setRobots(RobotsResponse(status: 410, body: "gone\n"), port: 1)
            #expect(try await fetch(server, "/robots.txt", port: 1).status == 410)
        }
    }
}
