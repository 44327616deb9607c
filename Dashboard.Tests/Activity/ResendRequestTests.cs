using System.Text;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using static Dashboard.Tests.Activity.ActivitySeed;

namespace Dashboard.Tests.Activity;

/// <summary>How <see cref="MessageResender"/> builds a resend from what was stored (nothing is sent here).</summary>
public sealed class ResendRequestTests : IAsyncDisposable
{
    // Nothing listens on the smarthost's port: these tests never send.
    private readonly PipelineHarness _pipeline = new(PipelineHarness.Smarthost(1));

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private MessageResender Resender() =>
        new(_pipeline.Database.Factory, _pipeline.Send, _pipeline.Ledger, new ActivityQueryService(_pipeline.Database.Factory, _pipeline.Clock), _pipeline.Clock);

    [Fact]
    public async Task ResendRequestRepeatsTheStoredMessageAndPointsBackAtIt()
    {
        Message original;
        await using (var db = _pipeline.Database.CreateContext())
        {
            original = Message(Now.AddHours(-1), MessageStatus.HardBounced, "gone@example.com", sender: "news@shop.test", subject: "Your invoice");
            original.Content = new MessageContent
            {
                Mime = Encoding.ASCII.GetBytes(
                    "From: news@shop.test\r\nTo: gone@example.com\r\nSubject: Your invoice\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nPlain body\r\n"
                    + "--b\r\nContent-Type: text/html\r\n\r\n<p>HTML body</p>\r\n--b--\r\n"),
            };
            await AddAsync(db, original);
        }
        var resender = Resender();

        var request = await resender.BuildRequestAsync(original.PublicId);

        Assert.Equal("news@shop.test", request.From);
        Assert.Equal(["gone@example.com"], request.To);
        Assert.Equal("Your invoice", request.Subject);
        Assert.Equal("Plain body", request.TextBody?.Trim());
        Assert.Equal("<p>HTML body</p>", request.HtmlBody?.Trim());
        Assert.Equal(MessageSource.Resend, request.Source);
        Assert.Equal(original.Id, request.ResendOfId);
    }

    [Fact]
    public async Task AMessageWithoutStoredContentCannotBeResentAndSaysWhy()
    {
        Message bare;
        await using (var db = _pipeline.Database.CreateContext())
        {
            bare = Message(Now.AddHours(-1));
            await AddAsync(db, bare);
        }
        var resender = Resender();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => resender.BuildRequestAsync(bare.PublicId));

        Assert.Contains("content was not stored", error.Message);
    }
}
