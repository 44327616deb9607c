namespace Dashboard.Tests.Browser;

/// <summary>Browser tests share one app and one chromium; put [Collection(BrowserCollection.Name)] on the class.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
