using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Tests.Domains;

/// <summary>
/// dkimpy (Debian's python3-dkim, installed by scripts/test.sh), an independent DKIM verifier: checks
/// every DKIM-Signature of a message, with the key records handed to it instead of DNS.
/// </summary>
internal static class DkimPy
{
    private const string Script = """
        import json, sys, dkim
        records = json.loads(sys.argv[2])
        def dnsfunc(name, timeout=5):
            key = name.decode() if isinstance(name, bytes) else name
            value = records.get(key.rstrip('.'))
            return value.encode() if value is not None else None
        message = open(sys.argv[1], 'rb').read()
        d = dkim.DKIM(message)
        count = len([h for h in d.headers if h[0].lower() == b'dkim-signature'])
        results = []
        for i in range(count):
            verifier = dkim.DKIM(message)
            try:
                ok = verifier.verify(idx=i, dnsfunc=dnsfunc)
            except dkim.DKIMException:
                ok = False
            sig = verifier.signature_fields or {}
            results.append({'ok': bool(ok), 'd': sig.get(b'd', b'').decode(), 's': sig.get(b's', b'').decode()})
        print(json.dumps(results))
        """;

    /// <summary>Each signature, in header order: did it verify, and its d= and s=.</summary>
    /// <param name="message">The message as the receiver got it.</param>
    /// <param name="keyRecords">TXT data by name (<c>dash1._domainkey.shop.example</c> → <c>v=DKIM1; k=rsa; p=…</c>).</param>
    public static async Task<IReadOnlyList<(bool Ok, string Domain, string Selector)>> VerifyAsync(byte[] message, IReadOnlyDictionary<string, string> keyRecords)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.eml");
        var script = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.py");
        await File.WriteAllBytesAsync(file, message);
        await File.WriteAllTextAsync(script, Script);
        try
        {
            // python3 on PATH may be a pyenv shim without Debian's packages.
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(file);
            start.ArgumentList.Add(JsonSerializer.Serialize(keyRecords));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dkimpy failed (is python3-dkim installed? scripts/test.sh installs it): {await error}");
            using var json = JsonDocument.Parse(await output);
            return [.. json.RootElement.EnumerateArray().Select(e => (e.GetProperty("ok").GetBoolean(), e.GetProperty("d").GetString()!, e.GetProperty("s").GetString()!))];
        }
        finally
        {
            File.Delete(file);
            File.Delete(script);
        }
    }
}
