using Dashboard.Benchmarks.Activity;
using Dashboard.Benchmarks.Suppressions;

// One console entry point; each benchmark is a verb so more can be added beside "activity".
var verb = args.FirstOrDefault() ?? "";
switch (verb)
{
    case "activity":
        await ActivityBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "import":
        await ImportBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project Dashboard.Benchmarks -- activity [--sizes 100000,1000000] | import [--lines 100000]");
        return 2;
}
