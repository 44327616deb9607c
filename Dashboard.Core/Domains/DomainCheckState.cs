namespace Dashboard.Core.Domains;

/// <summary>The overall result of a sender domain's last DNS check.</summary>
public enum DomainCheckState
{
    /// <summary>Not checked yet.</summary>
    Unchecked = 0,

    /// <summary>DKIM and SPF are published as asked, SPF within its lookup limit.</summary>
    Passing = 1,

    /// <summary>DKIM or SPF is missing or wrong, or SPF needs more than 10 lookups.</summary>
    Failing = 2,
}
