using System.Collections.Concurrent;
using System.Net;

namespace Dashboard.Tests.Webhooks;

/// <summary>A real HTTP server on 127.0.0.1 that records each request and answers with scripted status codes.</summary>
public sealed class LoopbackWebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<int> _answers;
    private readonly Task _loop;

    public LoopbackWebhookReceiver(params int[] answers)
    {
        _answers = new Queue<int>(answers);
        Port = Dashboard.Core.Smtp.SmtpListener.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Every request: headers and body.</summary>
    public ConcurrentQueue<(HeaderDictionaryCopy Headers, string Body)> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionaryCopy();
            foreach (string key in context.Request.Headers)
            {
                headers[key] = context.Request.Headers[key];
            }
            Requests.Enqueue((headers, body));
            int status;
            lock (_answers)
            {
                status = _answers.Count > 0 ? _answers.Dequeue() : 200;
            }
            context.Response.StatusCode = status;
            var answer = System.Text.Encoding.UTF8.GetBytes(status >= 400 ? "receiver says no" : "ok");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}

/// <summary>The request's headers as ASP.NET Core's header dictionary, which the StandardWebhooks verifier reads.</summary>
public sealed class HeaderDictionaryCopy : Microsoft.AspNetCore.Http.HeaderDictionary;
