using Dashboard.Core.Typos;

namespace Dashboard.Tests.Typos;

public sealed class DomainTyposTests
{
    [Theory]
    [InlineData("yohoo.com", "yahoo.com")]
    [InlineData("gmial.com", "gmail.com")]
    [InlineData("hotmial.com", "hotmail.com")]
    [InlineData("outlok.com", "outlook.com")]
    [InlineData("gmail.co", "gmail.com")]
    [InlineData("GMAIL.CMO", "gmail.com")]
    [InlineData("yahooo.co.uk", "yahoo.co.uk")]
    [InlineData("hotmaill.comm", "hotmail.com")]
    public void OneOrTwoEditsFromACommonDomainIsSuggested(string typed, string expected)
    {
        Assert.Equal(expected, DomainTypos.Suggest(typed, DomainTypos.Common));
    }

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("mail.com")]
    [InlineData("gmx.com")]
    [InlineData("acme-corp.example")]
    [InlineData("example.org")]
    [InlineData("yhaoo.com.au.example")]
    public void KnownDomainsAndUnrelatedOnesAreLeftAlone(string typed)
    {
        Assert.Null(DomainTypos.Suggest(typed, DomainTypos.Common));
    }

    [Fact]
    public void ADomainWeDeliverToIsSuggestedToo()
    {
        Assert.Equal("acme-corp.example", DomainTypos.Suggest("acme-crop.example", [.. DomainTypos.Common, "acme-corp.example"]));
    }

    [Theory]
    [InlineData("gmail.com", "gmail.com", 0)]
    [InlineData("gmial.com", "gmail.com", 1)]
    [InlineData("yohoo.com", "yahoo.com", 1)]
    [InlineData("yhoo.cm", "yahoo.com", 2)]
    [InlineData("kitten", "sitting", 3)]
    public void DistanceCountsInsertsDeletesReplacementsAndSwaps(string a, string b, int expected)
    {
        Assert.Equal(expected, DomainTypos.Distance(a, b));
    }
}
