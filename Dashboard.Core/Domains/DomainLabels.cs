namespace Dashboard.Core.Domains;

/// <summary>How check results read and which colour they take, the same on every page.</summary>
public static class DomainLabels
{
    public static Tone ToneOf(RecordStatus status) => status switch
    {
        RecordStatus.Found => Tone.Good,
        RecordStatus.Weak => Tone.Warning,
        RecordStatus.Missing or RecordStatus.Wrong => Tone.Bad,
        _ => Tone.Pending,
    };

    public static Tone ToneOf(DomainCheckState state) => state switch
    {
        DomainCheckState.Passing => Tone.Good,
        DomainCheckState.Failing => Tone.Bad,
        _ => Tone.Pending,
    };

    public static string Label(RecordStatus status) => status switch
    {
        RecordStatus.Found => "Found",
        RecordStatus.Weak => "Weak",
        RecordStatus.Missing => "Missing",
        RecordStatus.Wrong => "Wrong",
        _ => "Not checked",
    };

    public static string Label(DomainCheckState state) => state switch
    {
        DomainCheckState.Passing => "Verified",
        DomainCheckState.Failing => "Failing",
        _ => "Not checked",
    };

    public static string Label(RecordKind kind) => kind switch
    {
        RecordKind.Dkim => "DKIM",
        RecordKind.Spf => "SPF",
        RecordKind.Dmarc => "DMARC",
        _ => "Bounce MX",
    };
}
