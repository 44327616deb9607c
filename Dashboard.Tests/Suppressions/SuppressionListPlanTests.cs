using Dashboard.Core.Data;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Suppressions;

/// <summary>
/// The Suppressions list and history pages read their newest entries from an index: with every
/// removed and expired entry kept, sorting the whole table for each page grew to half a second.
/// SQLite's plan is deterministic; PostgreSQL picks by table size, so its plan is not pinned here.
/// </summary>
public sealed class SuppressionListPlanTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, SuppressionReason.HardBounce)]
    public async Task TheListPageIsReadFromTheCreatedAtIndex(bool activeOnly, SuppressionReason? reason)
    {
        if (_database.Provider != DatabaseProvider.Sqlite) return;
        await using var db = _database.CreateContext();
        var query = new SuppressionListQuery(ActiveOnly: activeOnly, Reason: reason);
        var page = SuppressionService.Newest(SuppressionService.Filter(db.Suppressions.AsNoTracking(), query, DateTimeOffset.UtcNow), 3, 50);

        var plan = await PlanAsync(db, page.ToQueryString());

        Assert.Contains("IX_Suppressions_CreatedAt_Id", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async Task TheHistoryPageIsReadFromTheOccurredAtIndex()
    {
        if (_database.Provider != DatabaseProvider.Sqlite) return;
        await using var db = _database.CreateContext();
        var page = SuppressionService.Newest(db.SuppressionHistory.AsNoTracking(), 0, 50);

        var plan = await PlanAsync(db, page.ToQueryString());

        Assert.Contains("IX_SuppressionHistory_OccurredAt_Id", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    // ToQueryString gives SQLite's ".param set @name value" lines, then the statement.
    private static async Task<string> PlanAsync(DashboardDbContext db, string queryString)
    {
        var lines = queryString.Split('\n');
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param set ", StringComparison.Ordinal)));
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line.TrimEnd('\r').Split(' ', 4);
            command.Parameters.AddWithValue(parts[2], long.TryParse(parts[3], out var number) ? number : parts[3].Trim('\''));
        }
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }
        return string.Join(" | ", plan);
    }
}
