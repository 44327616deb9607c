using Dashboard.Core.Sending;
using Dashboard.Components.Pages.Send;

namespace Dashboard.Tests.Pages.Send;

public sealed class SendFormTests
{
    [Fact]
    public void RecipientsSplitOnCommasSemicolonsAndLines()
    {
        var recipients = RecipientList.Split(" a@example.net,b@example.net ;c@example.net\r\nd@example.net\n\n, ");

        Assert.Equal(["a@example.net", "b@example.net", "c@example.net", "d@example.net"], recipients);
    }

    [Fact]
    public void QuotedDisplayNamesKeepTheirCommas()
    {
        var recipients = RecipientList.Split("\"Doe, Jane\" <jane@example.net>, bob@example.net");

        Assert.Equal(["\"Doe, Jane\" <jane@example.net>", "bob@example.net"], recipients);
    }

    [Fact]
    public void RepeatedRecipientsAreListedOnce()
    {
        var recipients = RecipientList.Split("a@example.net, A@Example.net, b@example.net");

        Assert.Equal(["a@example.net", "b@example.net"], recipients);
    }

    [Fact]
    public void InvalidAddressesArePassedOnForThePipelineToName()
    {
        var request = new SendFormModel { From = " news@example.com ", To = "not an address", Subject = "S", TextBody = "T", HtmlBody = "  " }.ToRequest();

        Assert.Equal("news@example.com", request.From);
        Assert.Equal(["not an address"], request.To);
        Assert.Equal("T", request.TextBody);
        Assert.Null(request.HtmlBody);
    }

    [Fact]
    public void RemovingARecipientKeepsTheOthers()
    {
        var text = RecipientList.Without("a@example.net, b@example.net\nc@example.net", "b@example.net");

        Assert.Equal(["a@example.net", "c@example.net"], RecipientList.Split(text));
    }

    [Theory]
    [InlineData(SendField.From, SendFormField.From)]
    [InlineData(SendField.To, SendFormField.To)]
    [InlineData(SendField.Subject, SendFormField.Subject)]
    [InlineData(SendField.Body, SendFormField.TextBody)]
    public void EachValidationFieldHasItsInput(SendField field, SendFormField expected)
    {
        Assert.Equal(expected, SendFormModel.FieldFor(field));
    }
}
