using Dashboard.Core.Live;

namespace Dashboard.Core.Activity;

/// <summary>Messages created or changed: the pipeline publishes, the Overview and Activity pages listen.</summary>
public sealed class ActivityFeed : ChangeFeed<MessageChange>;
