using CsvHelper;

namespace Dashboard.Core.Csv;

/// <summary>What every CSV export does the same way: batches to an async-only output, cells safe for spreadsheets.</summary>
internal static class CsvOutput
{
    /// <summary>Copies what <paramref name="csv"/> formatted into <paramref name="buffer"/> to <paramref name="output"/>, then empties the buffer.</summary>
    public static async Task DrainAsync(CsvWriter csv, MemoryStream buffer, Stream output, CancellationToken cancellationToken)
    {
        csv.Flush();
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        await output.FlushAsync(cancellationToken);
        buffer.SetLength(0);
    }

    /// <summary>
    /// Text from outside (subjects, server replies, notes) with a leading =, +, - or @ would run as a
    /// formula when the file is opened in a spreadsheet (CSV injection): such cells get a quote mark.
    /// </summary>
    public static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
