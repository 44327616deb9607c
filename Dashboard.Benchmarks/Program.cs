using Dashboard.Benchmarks.Activity;
using Dashboard.Benchmarks.Relay;

// One console entry point; each benchmark is a verb so more can be added beside "activity".
var verb = args.FirstOrDefault() ?? "";
switch (verb)
{
    case "activity":
        await ActivityBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "relay":
        return await RelayBenchmark.RunAsync(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project Dashboard.Benchmarks -- activity [--sizes 100000,1000000]");
        Console.Error.WriteLine("       dotnet run -c Release --project Dashboard.Benchmarks -- relay [--messages 20000] [--sessions 1,4,16]");
        return 2;
}
