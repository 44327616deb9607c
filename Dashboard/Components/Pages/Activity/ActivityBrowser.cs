using Microsoft.JSInterop;

namespace Dashboard.Components.Pages.Activity;

/// <summary>The activity pages' JavaScript helpers (clipboard, CSV download), loaded once per circuit.</summary>
internal sealed class ActivityBrowser(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public async Task<bool> CopyAsync(string text) => await (await ModuleAsync()).InvokeAsync<bool>("copyText", text);

    public async Task<long> DownloadCsvAsync<T>(string url, string fileName, DotNetObjectReference<T> progress) where T : class =>
        await (await ModuleAsync()).InvokeAsync<long>("downloadCsv", TimeSpan.FromMinutes(30), url, fileName, progress);

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Activity/ActivityPage.razor.js");

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try { await _module.DisposeAsync(); }
            catch (JSDisconnectedException) { /* the circuit is gone; nothing to release */ }
        }
    }
}
