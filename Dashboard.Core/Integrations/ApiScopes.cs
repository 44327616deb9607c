namespace Dashboard.Core.Integrations;

/// <summary>What an API key may do. Stored as an integer: do not renumber.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>POST /api/v1/messages.</summary>
    Send = 1,

    /// <summary>GET /api/v1/messages and /api/v1/messages/{id}.</summary>
    Read = 2,

    /// <summary>GET, POST and DELETE /api/v1/suppressions.</summary>
    Suppressions = 4,
}
