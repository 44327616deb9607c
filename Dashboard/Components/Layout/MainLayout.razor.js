// Remembers the reader's light/dark choice across reloads (in this browser only).
const key = "dashboard-theme";

export function storedDarkMode() {
    const value = localStorage.getItem(key);
    return value === "dark" ? true : value === "light" ? false : null;
}

export function storeDarkMode(dark) {
    localStorage.setItem(key, dark ? "dark" : "light");
}
