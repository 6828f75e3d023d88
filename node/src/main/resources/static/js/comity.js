// Progressive enhancement only: every page works without this file.
// htmx requests carry the CSRF token the page was rendered with.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header && token.content) {
    event.detail.headers[header.content] = token.content;
  }
});
// After an htmx swap, move focus to the region that changed so screen readers announce it.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (target && target.hasAttribute("data-focus-after-swap")) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
});
