using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// A block on an address or domain. Rows are never deleted: removal sets <see cref="RemovedAt"/>,
/// and a row is active while it is neither removed nor past <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Suppression
{
    public long Id { get; set; }

    /// <summary>Lower-case address, or domain when <see cref="Scope"/> is Domain.</summary>
    public required string Value { get; set; }

    public SuppressionScope Scope { get; set; }

    public SuppressionReason Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null: stays until removed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public long? MessageId { get; set; }

    public string? Note { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public string? RemovedBy { get; set; }

    public string? RemovalReason { get; set; }

    /// <summary>Set once the expiry has been written to the history. A row neither removed nor with its expiry
    /// recorded is open: the database allows one open row per value.</summary>
    public bool ExpiryRecorded { get; set; }

    // The one statement of "active at": neither removed nor past its expiry. Queries use it through
    // ActiveAt (translated to SQL), loaded rows through IsActiveAt (compiled once).
    private static readonly Expression<Func<Suppression, DateTimeOffset, bool>> ActiveRule =
        (s, now) => s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now);

    private static readonly Func<Suppression, DateTimeOffset, bool> ActiveInMemory = ActiveRule.Compile();

    /// <summary>True while this suppression blocks mail at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => ActiveInMemory(this, now);

    /// <summary>The same rule for a query: <c>db.Suppressions.Where(Suppression.ActiveAt(now))</c>.</summary>
    public static Expression<Func<Suppression, bool>> ActiveAt(DateTimeOffset now)
    {
        // "now" becomes a field of a closure object, as a captured variable would: EF sends it as a
        // parameter (one cached query plan), not as a constant baked into the SQL.
        var captured = Expression.Field(Expression.Constant(new StrongBox<DateTimeOffset>(now)), nameof(StrongBox<DateTimeOffset>.Value));
        var body = new Substitute(ActiveRule.Parameters[1], captured).Visit(ActiveRule.Body);
        return Expression.Lambda<Func<Suppression, bool>>(body, ActiveRule.Parameters[0]);
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
