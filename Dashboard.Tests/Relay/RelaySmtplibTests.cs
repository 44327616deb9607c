using System.Diagnostics;
using System.Text.Json;
using Dashboard.Core.Messages;

namespace Dashboard.Tests.Relay;

/// <summary>Relay sessions from Python's smtplib: a client nobody here wrote.</summary>
public sealed class RelaySmtplibTests
{
    // Each scenario prints one JSON line; the test reads them back.
    private const string Script = """
        import json, smtplib, ssl, sys
        port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
        def out(**kw): print(json.dumps(kw), flush=True)

        s = smtplib.SMTP("127.0.0.1", port, timeout=20)
        s.ehlo("python.test")
        out(step="ehlo", starttls=s.has_extn("starttls"), size=s.esmtp_features.get("size", ""))
        s.starttls(context=ctx); s.ehlo("python.test")
        out(step="tls", auth=s.esmtp_features.get("auth", ""))
        code, _ = s.mail("app@shop.example")
        out(step="unauthenticated", code=code)
        s.rset()
        try:
            s.login(user, "wrong-password")
        except smtplib.SMTPAuthenticationError as e:
            out(step="badauth", code=e.smtp_code)
        s.user, s.password = user, password
        code, _ = s.auth("LOGIN", s.auth_login)
        out(step="login", code=code)
        msg = b"From: app@shop.example\r\nTo: dora@example.com\r\nSubject: smtplib\r\nX-Tag: python\r\n\r\nHello from smtplib\r\n"
        refused = s.sendmail("app@shop.example", ["dora@example.com", "eve@example.com"], msg)
        out(step="send", refused=len(refused))
        big = b"Subject: big\r\n\r\n" + (b"x" * 76 + b"\r\n") * 100
        try:
            s.sendmail("app@shop.example", ["big@example.com"], big)
        except smtplib.SMTPSenderRefused as e:
            out(step="size-declared", code=e.smtp_code)
        s.rset()
        s.mail("app@shop.example"); s.rcpt("big2@example.com")
        code, text = s.data(big)
        out(step="size-undeclared", code=code)
        s.quit()
        """;

    [Fact]
    public async Task PythonSmtplibNegotiatesTlsAuthenticatesSendsAndIsHeldToTheSizeLimit()
    {
        await using var h = await RelayHarness.StartAsync(new() { ["Sending:MaxMessageBytes"] = "4096" });
        await h.CredentialAsync("python-app");

        var steps = await RunAsync(h.Relay.Port, "python-app", RelayHarness.Password);

        Assert.True(steps["ehlo"].GetProperty("starttls").GetBoolean());
        Assert.Equal("4096", steps["ehlo"].GetProperty("size").GetString());
        Assert.Contains("PLAIN", steps["tls"].GetProperty("auth").GetString());
        Assert.Contains("LOGIN", steps["tls"].GetProperty("auth").GetString());
        Assert.Equal(530, steps["unauthenticated"].GetProperty("code").GetInt32());
        Assert.Equal(535, steps["badauth"].GetProperty("code").GetInt32());
        Assert.Equal(235, steps["login"].GetProperty("code").GetInt32());
        Assert.Equal(0, steps["send"].GetProperty("refused").GetInt32());
        Assert.Equal(552, steps["size-declared"].GetProperty("code").GetInt32());
        Assert.Equal(552, steps["size-undeclared"].GetProperty("code").GetInt32());
        var messages = await h.SettledMessagesAsync(2);
        Assert.Equal(["dora@example.com", "eve@example.com"], messages.Select(m => m.Recipient).Order());
        Assert.All(messages, m =>
        {
            Assert.Equal(MessageStatus.Delivered, m.Status);
            Assert.Equal("python", m.Tags);
            Assert.Equal("python-app", m.SubmittedBy);
        });
        Assert.Equal("From: app@shop.example\r\nTo: dora@example.com\r\nSubject: smtplib\r\nX-Tag: python\r\n\r\nHello from smtplib\r\n",
            System.Text.Encoding.ASCII.GetString(messages[0].Content!.Mime));
        // The sink leaves out the CRLF before the final dot, as SmtpServer does.
        Assert.All(h.Sink.Received, r => Assert.Equal(messages[0].Content!.Mime, r.Raw.Concat("\r\n"u8.ToArray()).ToArray()));
    }

    private static async Task<Dictionary<string, JsonElement>> RunAsync(int port, string user, string password)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-", port.ToString(System.Globalization.CultureInfo.InvariantCulture), user, password },
        };
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(Script);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"smtplib failed:\n{errors}\n{output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("step").GetString()!, e => e);
    }
}
