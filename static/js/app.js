// Small behaviours for every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    // Mobile menu toggle.
    document.querySelectorAll("[data-toggle-nav]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var nav = document.getElementById(btn.getAttribute("aria-controls"));
        var open = btn.getAttribute("aria-expanded") === "true";
        btn.setAttribute("aria-expanded", open ? "false" : "true");
        if (nav) nav.classList.toggle("open", !open);
      });
    });
    // Select a freshly created token so it can be copied at once.
    document.querySelectorAll("[data-select-on-focus]").forEach(function (el) {
      el.addEventListener("focus", function () { el.select(); });
    });
    // A select whose options carry data-value fills the field named by data-fills with the chosen
    // option's value (a suggestion), unless the user typed something else there.
    document.querySelectorAll("select[data-fills]").forEach(function (sel) {
      var target = document.getElementById(sel.getAttribute("data-fills"));
      if (!target) return;
      function suggestion() {
        var opt = sel.options[sel.selectedIndex];
        return (opt && opt.getAttribute("data-value")) || "";
      }
      var last = suggestion();
      sel.addEventListener("change", function () {
        var next = suggestion();
        if (target.value === last) target.value = next;
        last = next;
      });
    });
  });
  // Menus: opening one closes the others; a click elsewhere or Escape closes them all.
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (d) { if (d !== except) d.removeAttribute("open"); });
  }
  document.addEventListener("click", function (ev) { closeMenus(ev.target.closest("details[data-menu]")); });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeMenus(null); });
  // Ask before destructive actions marked with data-confirm.
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) ev.preventDefault();
  });
})();
