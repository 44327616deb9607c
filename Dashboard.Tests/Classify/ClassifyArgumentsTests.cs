using Dashboard.Classify;

namespace Dashboard.Tests.Classify;

public class ClassifyArgumentsTests
{
    [Fact]
    public void OptionsAndPathsInAnyOrder()
    {
        var arguments = ClassifyArguments.Parse(["a.eml", "--repeat", "3", "folder", "--json"], out var error);

        Assert.Null(error);
        Assert.NotNull(arguments);
        Assert.True(arguments.Json);
        Assert.Equal(3, arguments.Repeat);
        Assert.Equal(["a.eml", "folder"], arguments.Paths);
        Assert.False(arguments.Help);
    }

    [Theory]
    [InlineData("--repeat", "0")]
    [InlineData("--repeat", "many")]
    [InlineData("--verbose", "x.eml")]
    public void BadOptionIsNamedWithTheUsage(string option, string value)
    {
        var arguments = ClassifyArguments.Parse([option, value], out var error);

        Assert.Null(arguments);
        Assert.Equal($"classify: unknown option {option}\n{ClassifyArguments.Usage}", error);
    }

    [Fact]
    public void NoPathIsTheUsage()
    {
        Assert.Null(ClassifyArguments.Parse(["--json"], out var error));
        Assert.Equal(ClassifyArguments.Usage, error);
    }

    [Fact]
    public async Task HelpPrintsTheUsageAndSucceeds()
    {
        var stdout = new StringWriter();

        var exit = await ClassifyCommand.RunAsync(["--help"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal(ClassifyArguments.Usage, stdout.ToString().Trim());
    }
}
