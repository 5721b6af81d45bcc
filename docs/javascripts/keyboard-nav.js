// Material's phone menu is opened by a <label for="__drawer">, which a keyboard cannot reach.
// Make it a real button for keyboard and screen-reader users: focusable, Enter/Space toggle it,
// aria-expanded tells its state, Escape closes the menu and returns focus to the button.
function enhance() {
  const drawer = document.getElementById("__drawer");
  const button = document.querySelector(".md-header label[for='__drawer']");
  if (!drawer || !button || button.dataset.awKeyboard) return;
  button.dataset.awKeyboard = "1";
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");
  const sync = () => button.setAttribute("aria-expanded", String(drawer.checked));
  const set = (open) => {
    drawer.checked = open;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    if (open) {
      setTimeout(() => document.querySelector(".md-sidebar--primary a, .md-sidebar--primary label")?.focus(), 50);
    } else {
      button.focus();
    }
  };
  sync();
  drawer.addEventListener("change", sync);
  button.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); set(!drawer.checked); }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked) set(false);
  });
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(enhance);
else enhance();
