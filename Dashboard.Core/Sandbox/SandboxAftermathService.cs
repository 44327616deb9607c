using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Bounces.Inbound;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Sandbox;

/// <summary>
/// Plays the mailboxes that answer later: seconds after the sandbox accepts a message to the
/// forwarding, complaining or vacation mailbox, it mails the matching report to the message's return
/// path, through the inbound bounce listener, like the internet would.
/// </summary>
public sealed class SandboxAftermathService(
    SandboxServer sandbox,
    InboundBounceServer inbound,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<SandboxAftermathService> logger) : IHostedService
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pending = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        sandbox.OnAccepted = OnAcceptedAsync;
        return Task.CompletedTask;
    }

    /// <summary>Waits for the reports already scheduled (tests use it).</summary>
    internal Task WhenIdleAsync()
    {
        lock (_pending)
        {
            return Task.WhenAll(_pending.ToArray());
        }
    }

    private Task OnAcceptedAsync(SandboxDelivery delivery)
    {
        foreach (var recipient in delivery.Recipients)
        {
            var aftermath = SandboxAddresses.For(recipient).Aftermath;
            if (aftermath == SandboxAftermath.None)
            {
                continue;
            }
            var task = Task.Run(() => SendLaterAsync(aftermath, delivery, recipient, _stop.Token));
            lock (_pending)
            {
                _pending.RemoveAll(t => t.IsCompleted);
                _pending.Add(task);
            }
        }
        return Task.CompletedTask;
    }

    private async Task SendLaterAsync(SandboxAftermath aftermath, SandboxDelivery delivery, string recipient, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(delivery.Raw, writable: false);
            var original = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (aftermath == SandboxAftermath.Complaint && !DrawsComplaint(original.MessageId ?? recipient))
            {
                return;
            }
            if (options.Value.AftermathDelaySeconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.AftermathDelaySeconds), time, cancellationToken);
            }
            if (!inbound.IsListening)
            {
                logger.LogDebug("No inbound listener: the sandbox's {Aftermath} report for {Recipient} goes nowhere", aftermath, recipient);
                return;
            }
            var now = time.GetUtcNow();
            var report = aftermath switch
            {
                SandboxAftermath.ForwardBounce => SandboxReports.ForwardBounce(original, delivery.EnvelopeFrom, recipient, now),
                SandboxAftermath.Complaint => SandboxReports.Complaint(original, delivery.EnvelopeFrom, delivery.EnvelopeFrom, recipient, now),
                _ => SandboxReports.AutoReply(original, delivery.EnvelopeFrom, recipient, now),
            };
            using var client = new SmtpClient { LocalDomain = SandboxReports.ForwardingHost, Timeout = 10_000 };
            await client.ConnectAsync(inbound.Address, inbound.Port, SecureSocketOptions.None, cancellationToken);
            var sender = aftermath == SandboxAftermath.AutoReply ? MailboxAddress.Parse(recipient) : (MailboxAddress)report.From[0];
            await client.SendAsync(report, sender, [MailboxAddress.Parse(delivery.EnvelopeFrom)], cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The sandbox's {Aftermath} report for {Recipient} could not be delivered", aftermath, recipient);
        }
    }

    // Deterministic per message, so the same message always gets the same answer.
    private bool DrawsComplaint(string messageId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(messageId));
        return BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue < options.Value.ComplaintRate;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            await WhenIdleAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException)
        {
            // Stopping.
        }
    }
}
