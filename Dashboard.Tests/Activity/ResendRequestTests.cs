using System.Text;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Tests.Activity.ActivitySeed;

namespace Dashboard.Tests.Activity;

public sealed class ResendRequestTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ResendRequestRepeatsTheStoredMessageAndPointsBackAtIt()
    {
        Message original;
        await using (var db = _database.CreateContext())
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
        var queries = new ActivityQueryService(_database.Factory, new FakeTimeProvider(Now));

        var request = await queries.BuildResendRequestAsync(original.PublicId);

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
        await using (var db = _database.CreateContext())
        {
            bare = Message(Now.AddHours(-1));
            await AddAsync(db, bare);
        }
        var queries = new ActivityQueryService(_database.Factory, new FakeTimeProvider(Now));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queries.BuildResendRequestAsync(bare.PublicId));

        Assert.Contains("content was not stored", error.Message);
    }
}
