// The Send form's fields never travel as Blazor input events (a SignalR message holds 32 KB, and a
// larger field would silently vanish). On Send, readForm hands every field to .NET at once as one
// UTF-8 JSON stream, which Blazor carries in chunks of any total size.

export function readForm(form) {
    const value = name => form.elements.namedItem(name)?.value ?? "";
    const fields = {
        from: value("from"),
        to: value("to"),
        subject: value("subject"),
        textBody: value("textBody"),
        htmlBody: value("htmlBody"),
    };
    return new TextEncoder().encode(JSON.stringify(fields));
}

// Shows how many recipients the To field holds while typing (the server counts exactly on Send).
export function watchRecipients(form, counter) {
    const to = form.elements.namedItem("to");
    const update = () => {
        const n = to.value.split(/[,;\r\n]+/).map(s => s.trim()).filter(s => s.length > 0).length;
        counter.textContent = n === 0 ? "" : n === 1 ? "1 recipient" : `${n.toLocaleString("en")} recipients`;
    };
    to.addEventListener("input", update);
    update();
}

// "New message": empties every field but the sender.
export function clearForm(form) {
    for (const name of ["to", "subject", "textBody", "htmlBody"]) {
        const field = form.elements.namedItem(name);
        field.value = "";
        field.dispatchEvent(new Event("input"));
    }
}
