using Dashboard.Benchmarks.Activity;
using Dashboard.Benchmarks.Relay;
using Dashboard.Benchmarks.Suppressions;
using Dashboard.Benchmarks.Web;

// One console entry point; each benchmark is a verb so more can be added beside "activity".
var verb = args.FirstOrDefault() ?? "";
switch (verb)
{
    case "activity":
        await ActivityBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "relay":
        return await RelayBenchmark.RunAsync(args.Skip(1).ToArray());
    case "import":
        await ImportBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "web":
        return await WebBenchmark.RunAsync(args.Skip(1).ToArray());
    case "live":
        return await LiveBenchmark.RunAsync(args.Skip(1).ToArray());
    case "circuits":
        return await CircuitsBenchmark.RunAsync(args.Skip(1).ToArray());
    case "reports":
        await Dashboard.Benchmarks.Reports.ReportsBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project Dashboard.Benchmarks -- activity|reports [--sizes 100000,1000000] [--provider sqlite|postgres]\n" +
            "       dotnet run -c Release --project Dashboard.Benchmarks -- import [--lines 100000]\n" +
            "       dotnet run -c Release --project Dashboard.Benchmarks -- web [--app DLL[,DLL…]] [--rounds 3] [--seconds 5] [--warmup 3] [--concurrency 4] [--paths /healthz,/activity]\n" +
            "       dotnet run -c Release --project Dashboard.Benchmarks -- relay [--messages 20000] [--sessions 1,4,16]\n" +
            "       dotnet run -c Release --project Dashboard.Benchmarks -- live [--app DLL] [--messages 1000] [--pages 0,20,0]\n" +
            "       dotnet run -c Release --project Dashboard.Benchmarks -- circuits [--app DLL] [--pages 50] [--path activity?range=30d] [--retention-seconds 180]");
        return 2;
}
