using Dashboard.Core.Data;

namespace Dashboard.Tests.Data;

public sealed class PipelineWriteGateTests
{
    [Fact]
    public async Task OneHolderAtATimeAndItsUsageCountsEachHoldOnceWithItsTime()
    {
        var gate = new PipelineWriteGate();
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        await Task.Delay(30);
        first.Dispose();
        first.Dispose(); // leaving twice leaves once
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        var (holds, held) = gate.Usage;
        Assert.Equal(2, holds);
        Assert.True(held >= TimeSpan.FromMilliseconds(25), $"held {held}");
    }
}
