// Material wraps Markdown tables in a scrolling box when a page loads. A box that scrolls must take keyboard
// focus and have a name (WCAG 2.1.1, axe "scrollable-region-focusable"), so give it both once it exists.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
    var caption = box.querySelector("caption");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel (geser ke samping)");
  });
});
