using Dashboard.Core.Suppressions;

namespace Dashboard.Tests.Pages.Suppressions;

/// <summary>What the page needs from SuppressionService beyond its own tests.</summary>
public sealed class SuppressionServiceForPageTests : IAsyncLifetime
{
    private readonly SuppressionPageHarness _harness = new(SuppressionPageHarness.Admin.Name, Core.Users.Roles.Admin);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TheListNamesTheMessageThatCausedASuppressionByItsPublicId()
    {
        var publicId = await _harness.HardBounceAsync("gone@example.com");
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("manual@example.com"), SuppressionPageHarness.Admin);

        var list = await _harness.Suppressions.ListAsync(new SuppressionListQuery());

        Assert.Equal(publicId, list.Items.Single(s => s.Value == "gone@example.com").MessagePublicId);
        Assert.Null(list.Items.Single(s => s.Value == "manual@example.com").MessagePublicId);
    }

    [Theory]
    [InlineData("not an address", 0, SuppressionField.Value)]
    [InlineData("someone@example.com", -1, SuppressionField.ExpiresAt)]
    public async Task AnInvalidAdditionNamesTheFieldAtFault(string value, int expiresInDays, SuppressionField field)
    {
        var expires = expiresInDays == 0 ? (DateTimeOffset?)null : _harness.Clock.GetUtcNow().AddDays(expiresInDays);

        var error = await Assert.ThrowsAsync<SuppressionValidationException>(
            () => _harness.Suppressions.AddAsync(new AddSuppressionRequest(value, ExpiresAt: expires), SuppressionPageHarness.Admin));

        Assert.Equal(field, error.Field);
    }
}
