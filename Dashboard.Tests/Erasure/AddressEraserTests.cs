using System.Text;
using Dashboard.Core.Erasure;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Sending;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Erasure;

/// <summary>Issue 16, "forget an address": erased everywhere, still suppressed, in the audit log.</summary>
public sealed class AddressEraserTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin@shop.example", new HashSet<string> { Roles.Admin });
    private static readonly Actor Marketer = new("mia@shop.example", new HashSet<string> { Roles.Marketer });
    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    private AddressEraser Eraser => new(_pipeline.Database.Factory, _pipeline.WriteGate, _pipeline.Hasher, _pipeline.Clock);

    [Fact]
    public async Task AForgottenAddressIsErasedFromMessagesAndEventsButStaysSuppressed()
    {
        _server.OnRecipient = to => to.StartsWith("Gone@", StringComparison.OrdinalIgnoreCase)
            ? LoopbackSmtpServer.Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown")
            : null;
        await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["Gone@Example.com", "stays@example.com"], "Your order for Gone", "Hello Gone.", null), Admin);
        Assert.True(await _pipeline.Suppressions.IsSuppressedAsync("gone@example.com"));

        var result = await Eraser.ForgetAsync(" GONE@example.com ", Admin);

        Assert.Equal(1, result.Messages);
        Assert.Equal(1, result.Suppressions);
        Assert.StartsWith(AddressHasher.Prefix, result.Hash);
        await using (var db = _pipeline.Database.CreateContext())
        {
            var everything = new StringBuilder();
            foreach (var m in await db.Messages.Include(m => m.Events).ToListAsync())
            {
                everything.AppendLine($"{m.Recipient} {m.Subject} {m.LastResponse} {m.ContentId}");
                foreach (var e in m.Events) everything.AppendLine($"{e.Response} {e.Detail} {e.Evidence}");
            }
            foreach (var s in await db.Suppressions.ToListAsync()) everything.AppendLine($"{s.Value} {s.Note}");
            foreach (var h in await db.SuppressionHistory.ToListAsync()) everything.AppendLine($"{h.Value} {h.Note}");
            Assert.DoesNotContain("gone@example.com", everything.ToString(), StringComparison.OrdinalIgnoreCase);
            var erased = await db.Messages.SingleAsync(m => m.Recipient == AddressEraser.Placeholder);
            // The status, reason and domain stay, so the reports do not change; the content is gone.
            Assert.Equal(MessageStatus.HardBounced, erased.Status);
            Assert.Equal("example.com", erased.RecipientDomain);
            Assert.Null(erased.ContentId);
            Assert.Contains(AddressEraser.Placeholder, erased.LastResponse);
            // The other recipient of the same submission keeps the shared content.
            Assert.NotNull((await db.Messages.SingleAsync(m => m.Recipient == "stays@example.com")).ContentId);
            Assert.Equal(1, await db.MessageContents.CountAsync());
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "address.forgotten");
            Assert.Equal(result.Hash, audit.Target);
            Assert.Equal(Admin.Name, audit.Actor);
        }

        // Still suppressed, by its hash: a new send to it is rejected, whatever its case.
        Assert.True(await _pipeline.Suppressions.IsSuppressedAsync("gone@example.com"));
        var again = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["gone@EXAMPLE.com"], "Again", "Hi", null), Admin);
        Assert.Equal(MessageStatus.Rejected, Assert.Single(again.Recipients).Status);
    }

    [Fact]
    public async Task OnlyAdminsMayForgetAndOnlyAnAddress()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Eraser.ForgetAsync("someone@example.com", Marketer));
        var error = await Assert.ThrowsAsync<SuppressionValidationException>(() => Eraser.ForgetAsync("example.com", Admin));
        Assert.Equal(SuppressionField.Value, error.Field);
    }
}
