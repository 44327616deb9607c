using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>The one MudBlazor theme, shared by the app layout and the sign-in layout.</summary>
internal static class AppTheme
{
    public static MudTheme Default { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1565c0", AppbarBackground = "#1565c0" },
        // Striped rows a faint shade of the surface, so text on them keeps its contrast in dark mode.
        PaletteDark = new PaletteDark { Primary = "#64b5f6", TableStriped = "rgba(255,255,255,0.035)", TableHover = "rgba(255,255,255,0.08)" },
    };
}
