using System.Text;
using Dashboard.Core.Bounces;

namespace Dashboard.Tests.Bounces;

/// <summary>
/// Thousands of truncated and corrupted variants of our own fixtures, from a fixed seed: the parser
/// must return (reports or nothing) for every one, without throwing.
/// </summary>
public class MutationTests
{
    [Fact]
    public void CorruptedAndTruncatedFixturesNeverThrow()
    {
        var random = new Random(20261128);
        var fixtures = BounceFixtures.All.Select(f => Encoding.UTF8.GetBytes(f.Replace("\r\n", "\n"))).ToArray();
        var variants = 0;

        foreach (var fixture in fixtures)
        {
            for (var i = 0; i < 400; i++)
            {
                var mutated = Mutate(fixture, random);

                var reports = BounceParser.Parse(mutated);

                Assert.NotNull(reports);
                variants++;
            }
        }

        Assert.True(variants >= 4000, $"only {variants} variants");
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        switch (random.Next(6))
        {
            case 0:
                // Truncate anywhere.
                return bytes.Take(random.Next(bytes.Count + 1)).ToArray();
            case 1:
                // Flip random bytes.
                for (var k = random.Next(1, 40); k > 0; k--)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }
                return [.. bytes];
            case 2:
                // Delete a random slice (boundaries, headers, blank lines vanish).
                var start = random.Next(bytes.Count);
                bytes.RemoveRange(start, Math.Min(random.Next(1, 400), bytes.Count - start));
                return [.. bytes];
            case 3:
                // Duplicate a slice many times (huge headers, repeated parts).
                var from = random.Next(bytes.Count);
                var slice = bytes.Skip(from).Take(random.Next(1, 200)).ToArray();
                var at = random.Next(bytes.Count);
                for (var k = random.Next(1, 200); k > 0; k--)
                {
                    bytes.InsertRange(at, slice);
                }
                return [.. bytes];
            case 4:
                // Broken encodings: invalid UTF-8, lone CRs and NULs.
                for (var k = random.Next(1, 30); k > 0; k--)
                {
                    bytes.Insert(random.Next(bytes.Count), (byte)(new[] { 0xC3, 0xFF, 0x0D, 0x00, 0x1B }[random.Next(5)]));
                }
                return [.. bytes];
            default:
                // An endless header line.
                var line = Encoding.ASCII.GetBytes("X-Junk: " + new string('a', random.Next(1000, 200_000)) + "\n");
                bytes.InsertRange(0, line);
                return [.. bytes];
        }
    }
}
