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

// Shows how many recipients the To field holds while typing (the server counts exactly on Send), and
// tells .NET what was typed for the typo hints while it is short enough for one event.
export function watchRecipients(form, counter, dotnet) {
    const to = form.elements.namedItem("to");
    let timer = 0;
    const update = () => {
        const n = to.value.split(/[,;\r\n]+/).map(s => s.trim()).filter(s => s.length > 0).length;
        counter.textContent = n === 0 ? "" : n === 1 ? "1 recipient" : `${n.toLocaleString("en")} recipients`;
        clearTimeout(timer);
        timer = setTimeout(() => dotnet.invokeMethodAsync("RecipientsTyped", to.value.length <= 16000 ? to.value : null), 300);
    };
    to.addEventListener("input", update);
    update();
}

// Replaces a field's text (a typo suggestion taken), as if typed.
export function setField(form, name, value) {
    const field = form.elements.namedItem(name);
    field.value = value;
    field.dispatchEvent(new Event("input"));
}

// "New message": empties every field but the sender.
export function clearForm(form) {
    for (const name of ["to", "subject", "textBody", "htmlBody"]) {
        const field = form.elements.namedItem(name);
        field.value = "";
        field.dispatchEvent(new Event("input"));
    }
}
