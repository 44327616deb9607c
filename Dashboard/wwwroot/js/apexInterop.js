// Creates, updates and destroys ApexCharts for Components/Shared/ApexChart.razor.
// ApexCharts itself is copied from npm into wwwroot/lib/apexcharts by the build (Dashboard.csproj).

const charts = new WeakMap();
let loading;

// Loads the library once. Its UMD bundle, imported as a module, sets globalThis.ApexCharts.
// The stylesheet link carries the id ApexCharts looks for, so it does not inject an inline <style>
// (which a strict Content-Security-Policy would refuse).
function loadApexCharts() {
    loading ??= (async () => {
        if (!document.getElementById('apexcharts-css')) {
            const link = document.createElement('link');
            link.id = 'apexcharts-css';
            link.rel = 'stylesheet';
            link.href = new URL('../lib/apexcharts/apexcharts.css', import.meta.url).href;
            document.head.appendChild(link);
        }
        if (!globalThis.ApexCharts) {
            await import('../lib/apexcharts/apexcharts.min.js');
        }
        return globalThis.ApexCharts;
    })();
    return loading;
}

function formatter(decimals, suffix) {
    return value => value === null || value === undefined || Number.isNaN(value)
        ? '–'
        : Number(value).toFixed(decimals ?? 0) + (suffix ?? '');
}

// Someone whose system asks for less motion gets each chart drawn at once, in its final state, with
// no lines sweeping in or bars growing (WCAG 2.3.3).
function prefersReducedMotion() {
    return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

// Turns our own JSON-friendly fields (functions cannot travel as JSON) into ApexCharts formatters.
function revive(json) {
    const options = JSON.parse(json);
    if (prefersReducedMotion()) {
        options.chart = options.chart ?? {};
        options.chart.animations = { enabled: false };
    }
    const yaxis = options.yaxis;
    if (yaxis && (yaxis.labelDecimals !== undefined || yaxis.labelSuffix !== undefined)) {
        yaxis.labels = { ...(yaxis.labels ?? {}), formatter: formatter(yaxis.labelDecimals, yaxis.labelSuffix) };
        delete yaxis.labelDecimals;
        delete yaxis.labelSuffix;
    }
    const tooltip = options.tooltip;
    if (tooltip && (tooltip.valueDecimals !== undefined || tooltip.valueSuffix !== undefined)) {
        tooltip.y = { formatter: formatter(tooltip.valueDecimals, tooltip.valueSuffix) };
        delete tooltip.valueDecimals;
        delete tooltip.valueSuffix;
    }
    const urls = options.clickUrls;
    if (urls) {
        delete options.clickUrls;
        const open = index => {
            if (index !== undefined && index !== null && index >= 0 && urls[index]) {
                window.location.assign(urls[index]);
            }
        };
        options.chart = options.chart ?? {};
        options.chart.events = {
            markerClick: (event, context, point) => open(point.dataPointIndex),
            // A click anywhere in a point's column, not only on its small marker.
            click: (event, context, config) => open(config.dataPointIndex),
        };
    }
    return options;
}

// A page left while its chart was still loading hands us a null (or detached) element: there is
// nothing to draw then, and throwing would end the user's circuit.
export async function render(element, json) {
    if (!element) {
        return;
    }
    const ApexCharts = await loadApexCharts();
    if (!element.isConnected) {
        return;
    }
    destroy(element);
    const chart = new ApexCharts(element, revive(json));
    charts.set(element, chart);
    await chart.render();
    // Drawn (and, with less motion, final): what a journey waits for before it looks at a chart.
    element.dataset.drawn = 'true';
}

export async function update(element, json) {
    if (!element) {
        return;
    }
    const chart = charts.get(element);
    if (!chart) {
        return render(element, json);
    }
    // redrawPaths = false keeps the animation from the old values to the new ones.
    await chart.updateOptions(revive(json), false, true);
}

export function destroy(element) {
    if (!element) {
        return;
    }
    const chart = charts.get(element);
    if (chart) {
        chart.destroy();
        charts.delete(element);
    }
}
