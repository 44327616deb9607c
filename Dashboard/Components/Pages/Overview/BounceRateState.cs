namespace Dashboard.Components.Pages.Overview;

/// <summary>Where a bounce rate stands against the threshold; drives the card's colour and words.</summary>
public enum BounceRateState
{
    /// <summary>Below 80% of the threshold.</summary>
    Healthy,

    /// <summary>From 80% of the threshold up to just below it: time to clean the list.</summary>
    Approaching,

    /// <summary>At or above the threshold: providers may throttle or block the sender.</summary>
    AtRisk,
}
