namespace Dashboard.Classify;

/// <summary>The executable's entry point (in a namespace: the web app's <c>Program</c> is global).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => ClassifyCommand.RunAsync(args);
}
