namespace Dashboard.Core.Domains;

/// <summary>What a DNS check found for one record.</summary>
public enum RecordStatus
{
    /// <summary>Not checked yet.</summary>
    Unchecked = 0,

    /// <summary>Published as asked.</summary>
    Found = 1,

    /// <summary>Nothing published there.</summary>
    Missing = 2,

    /// <summary>Something is published there, but not what we ask for (see <see cref="RecordCheck.Found"/>).</summary>
    Wrong = 3,

    /// <summary>Published and usable, but weaker than it should be (a DMARC policy of none, an SPF softfail).</summary>
    Weak = 4,
}
