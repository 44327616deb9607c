namespace Dashboard.Core.Messages;

/// <summary>How a message entered the system. Stored as an integer: do not renumber.</summary>
public enum MessageSource
{
    Ui = 0,
    Api = 1,
    Relay = 2,
    Demo = 3,
    Resend = 4,
}
