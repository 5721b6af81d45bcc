// Material's phone menu is opened by a <label for="__drawer">, which a keyboard cannot reach.
// Make it reachable and announced as a button: it takes focus (Material itself then opens it on
// Enter), Space opens it too, aria-expanded tells its state, focus moves into the menu when it
// opens from the keyboard, and Escape closes it and returns focus to the button.
function enhance() {
  const drawer = document.getElementById("__drawer");
  const button = document.querySelector(".md-header label[for='__drawer']");
  if (!drawer || !button || button.dataset.awKeyboard) return;
  button.dataset.awKeyboard = "1";
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");
  let fromKeyboard = false;
  const sync = () => {
    button.setAttribute("aria-expanded", String(drawer.checked));
    if (drawer.checked && fromKeyboard) {
      setTimeout(() => document.querySelector(".md-sidebar--primary .md-nav__link")?.focus(), 50);
    }
    fromKeyboard = false;
  };
  sync();
  drawer.addEventListener("change", sync);
  button.addEventListener("keydown", (event) => {
    if (event.key === "Enter") fromKeyboard = true;                 // Material clicks the label
    if (event.key === " ") { event.preventDefault(); fromKeyboard = true; button.click(); }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    button.focus();
  });
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(enhance);
else enhance();
