// Embed view (`?embed=1`, for an <iframe> in an LMS): the page without the site's header, menus,
// sidebars and footer (course.css hides them under html.aw-embed). Set first, before anything is
// mounted, and kept for the rest of the visit; docs/overrides/main.html sets it even earlier.
// Links to other pages open in a new tab instead of inside the iframe.

/** A link to another page opens in a new tab (links within this page, and downloads, stay). */
function openOtherPagesInNewTab(event) {
  const link = event.target.closest?.("a[href]");
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin === location.origin && url.pathname === location.pathname) return;   // same page (#anchors)
  link.target = "_blank";
  link.rel = "noopener";
}

/** Switch to the embed view if the page was opened with ?embed=1. */
export function startEmbedView() {
  if (new URLSearchParams(location.search).get("embed") !== "1") return;
  document.documentElement.classList.add("aw-embed");
  addEventListener("click", openOtherPagesInNewTab, { capture: true });
}
