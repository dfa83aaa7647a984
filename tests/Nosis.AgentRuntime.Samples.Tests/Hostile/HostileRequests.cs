using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Samples.Tests.Hostile;

/// <summary>Generates several hundred malformed, oversized and odd requests against every route of the worker host.</summary>
public static class HostileRequests
{
    /// <summary>Strings an attacker or a broken client sends: control, bidi and NUL characters, lone surrogates, injections.</summary>
    public static readonly string[] HostileText =
    [
        "nul\u0000inside", "bell\u0007", "\u001b[31mansi", "del\u007f", "c1\u0085", "rtl\u202Eevil\u202C", "\u200Fmark", "zero\u200Bwidth",
        "'; DROP TABLE conversations; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd",
        "   ", "\t\n", "💥emoji", new string('x', 5000),
    ];

    private static readonly string[] BadJson =
    [
        "{", "[", "nul", "{\"title\":}", "{\"title\": \"unterminated}", "{'title': 'single'}", "{\"title\":\"a\",}", "\"just a string\"", "42", "[]", "null",
        "{\"title\": 5}", "{\"content\": {\"a\": 1}}", "{\"messages\": \"no\"}", "{\"messages\": [{\"role\": \"user\", \"parts\": 7}]}",
        "{\"title\": \"\\ud800\"}", "{\"content\": \"\\udc00x\"}", "{\"name\": \"\\u0000\"}", "{\"workspace_id\": 17}", "{\"execution_target\": \"local\"}",
        "{\"execution_target\": \"\\u0000\"}", "{\"office_id\": \"   \"}", "{\"trigger\": \"delete-everything\", \"content\": \"x\"}",
        "{\"content\":\"a\",\"x\":1,\"x\":2}", "{\"title\":\"a\",\"title\":\"b\",\"name\":\"n\",\"name\":\"m\"}", "{\"content\":\"a\",\"content\":\"b\"}",
        "{\"messages\":[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"hi\"}]}],\"x\":1,\"x\":2,\"trigger\":\"submit-message\",\"trigger\":\"submit-message\"}",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
        "application/octet-stream", "image/png",
    ];

    /// <summary>Ids for the path: blank, whitespace, control characters, 100 000 characters, injections, encodings.</summary>
    private static readonly string[] HostileIds =
    [
        "%20", "%20%20%20", "%09", "%0A", "%00", "%07", "%E2%80%AE", "%FF%FE", "%C0%AF", new string('a', 100_000), new string('b', 300),
        "'%20OR%20'1'='1", "..%2F..%2Fetc", "%252e%252e", "%F0%9F%92%A5", "null", "-1", "%7B%7D",
    ];

    /// <summary>Every generated request; <paramref name="ownConversation"/> and <paramref name="ownWorkspace"/> are real ids of the caller.</summary>
    public static IEnumerable<HostileRequest> All(string ownConversation, string ownWorkspace)
    {
        string[] idRoutes = ["/api/conversations/{0}", "/api/conversations/{0}/messages", "/api/conversations/{0}/title", "/api/conversations/{0}/execution-target",
            "/api/conversations/{0}/workspace", "/api/conversations/{0}/chat"];
        string[] methods = ["GET", "PATCH", "POST", "PUT", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "BREW"];
        foreach (var route in idRoutes)
        {
            foreach (var id in HostileIds)
            {
                yield return HostileRequest.Json("hostile id", route.EndsWith("/chat", StringComparison.Ordinal) ? "POST" : "GET", string.Format(null, route, id), "{\"content\":\"hi\"}");
                yield return new HostileRequest("hostile id, delete", "DELETE", string.Format(null, route, id));
            }

            foreach (var method in methods)
            {
                yield return new HostileRequest("odd method", method, string.Format(null, route, ownConversation));
            }
        }

        string[] bodyRoutes = ["/api/conversations", "/api/offices", "/api/workspaces", $"/api/conversations/{ownConversation}/title",
            $"/api/conversations/{ownConversation}/execution-target", $"/api/conversations/{ownConversation}/workspace", $"/api/conversations/{ownConversation}/chat"];
        foreach (var route in bodyRoutes)
        {
            var method = route.Contains("/title", StringComparison.Ordinal) || route.EndsWith("-target", StringComparison.Ordinal) || route.EndsWith("/workspace", StringComparison.Ordinal)
                ? "PATCH" : "POST";
            foreach (var json in BadJson)
            {
                yield return HostileRequest.Json("bad json", method, route, json);
            }

            foreach (var text in HostileText)
            {
                var body = JsonSerializer.Serialize(new { title = text, name = text, content = text, execution_target = text, workspace_id = text, office_id = text });
                yield return HostileRequest.Json("hostile text", method, route, body);
            }

            foreach (var contentType in ContentTypes)
            {
                yield return HostileRequest.Json("wrong content type", method, route, "{\"title\":\"t\",\"name\":\"n\",\"content\":\"c\"}", contentType);
            }

            yield return new HostileRequest("no content type", method, route, Encoding.UTF8.GetBytes("{\"title\":\"t\"}"));
            yield return new HostileRequest("empty body", method, route, [], "application/json");
            yield return new HostileRequest("invalid utf-8", method, route, [(byte)'{', (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'], "application/json");
            yield return HostileRequest.Json("deeply nested", method, route, new string('[', 100_000) + new string(']', 100_000));
            yield return HostileRequest.Json("deeply nested object", method, route, string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000));
            yield return HostileRequest.Json("huge body", method, route, "{\"title\":\"" + new string('x', 3_000_000) + "\"}");
            yield return HostileRequest.Json("huge content", method, route, "{\"content\":\"" + new string('y', 200_000) + "\",\"title\":\"" + new string('z', 201) + "\"}");
            yield return HostileRequest.Json("no auth", method, route, "{}") with { Authenticated = false };
        }

        foreach (var query in new[] { "limit=-1", "limit=99999999999", "limit=abc", "offset=-5", "execution_target=local", "execution_target=%00", "execution_target=%20",
            "office_id=%20", "office_id=%00", $"office_id={new string('o', 1000)}", "workspace_id=%E2%80%AE", "limit=1&limit=2", "%00=%00" })
        {
            yield return new HostileRequest("hostile query", "GET", $"/api/conversations?{query}");
            yield return new HostileRequest("hostile query", "GET", $"/api/workspaces?{query}");
            yield return new HostileRequest("hostile query", "GET", $"/api/conversations/{ownConversation}/messages?{query}");
        }

        foreach (var target in new[] { "/", "/api", "/api/", "/api/nothing", "/api/conversations/x/y/z", "/%00", "/api/%2e%2e/health", "/health/%00", $"/api/workspaces/{ownWorkspace}" })
        {
            yield return new HostileRequest("unknown route", "GET", target);
            yield return new HostileRequest("unknown route", "POST", target, [], "application/json");
        }

        yield return new HostileRequest("huge header", "GET", "/api/conversations") { Headers = [("X-Big", new string('h', 40_000))] };
        yield return new HostileRequest("many headers", "GET", "/api/conversations") { Headers = [.. Enumerable.Range(0, 150).Select(i => ($"X-H{i}", "v"))] };
        yield return new HostileRequest("huge token", "GET", "/api/conversations") { Authenticated = false, Headers = [("Authorization", "Bearer " + new string('t', 20_000))] };
        yield return new HostileRequest("basic auth", "GET", "/api/conversations") { Authenticated = false, Headers = [("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l")] };
        yield return new HostileRequest("bare bearer", "GET", "/api/conversations") { Authenticated = false, Headers = [("Authorization", "Bearer")] };
        yield return new HostileRequest("long target", "GET", "/api/conversations?q=" + new string('q', 20_000));
        yield return new HostileRequest("odd method", "DELETE", $"/api/conversations/{ownConversation}/messages");
    }
}
