// Small browser helpers for the activity pages: copying a server response,
// and downloading the CSV export with a live row count.

export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        // Clipboard API refused (insecure origin, permissions): fall back to a hidden textarea.
        const area = document.createElement("textarea");
        area.value = text;
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand("copy");
        area.remove();
        return ok;
    }
}

// Streams the CSV, counting rows as they arrive and reporting to .NET every 250 ms, then saves it.
export async function downloadCsv(url, fileName, progress) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
        throw new Error(`The export failed: HTTP ${response.status}`);
    }
    const reader = response.body.getReader();
    const chunks = [];
    let lines = 0;
    let last = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        for (let i = 0; i < value.length; i++) {
            if (value[i] === 10) lines++;
        }
        const now = Date.now();
        if (now - last > 250) {
            last = now;
            await progress.invokeMethodAsync("ExportProgress", Math.max(0, lines - 1));
        }
    }
    const blob = new Blob(chunks, { type: "text/csv" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    return Math.max(0, lines - 1);
}
