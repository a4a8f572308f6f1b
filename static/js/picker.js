// Record pickers (bpo/core/pickers.py): a combobox whose matches htmx fetches as one types.
// The input holds the chosen record's code, so the form works the same without this file.
// Keys: ArrowDown/ArrowUp open and move, Enter chooses, Escape closes. No inline code (CSP).
(function () {
  "use strict";
  function isPicker(el) { return el && el.matches && el.matches("[data-picker-input]"); }
  function parts(input) {
    var box = input.closest("[data-picker]");
    return { list: box.querySelector(".picker-options"), picked: box.querySelector(".picker-picked") };
  }
  function options(list) { return Array.prototype.slice.call(list.querySelectorAll(".picker-option")); }
  function activate(input, option) {
    options(parts(input).list).forEach(function (o) {
      o.classList.toggle("active", o === option);
      o.setAttribute("aria-selected", o === option ? "true" : "false");
    });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function close(input) {
    parts(input).list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function remember(input) {
    if (!("pickedCode" in input.dataset)) {
      input.dataset.pickedCode = input.defaultValue;
      input.dataset.pickedLabel = parts(input).picked.textContent;
    }
  }
  function choose(input, option) {
    remember(input);
    input.value = option.getAttribute("data-code");
    input.dataset.pickedCode = input.value;
    input.dataset.pickedLabel = option.getAttribute("data-label");
    parts(input).picked.textContent = input.dataset.pickedLabel;
    close(input);
    // A filter form listens for "picked" and reloads its results.
    input.dispatchEvent(new CustomEvent("picked", { bubbles: true }));
  }
  // The search sends only ?q=<what was typed> (hx-params="none" leaves out the form).
  document.addEventListener("htmx:configRequest", function (ev) {
    var input = ev.detail.elt;
    if (isPicker(input)) ev.detail.parameters.q = input.value;
  });
  document.addEventListener("htmx:afterSwap", function (ev) {
    var list = ev.detail.target;
    if (!list.classList || !list.classList.contains("picker-options")) return;
    var input = list.closest("[data-picker]").querySelector("[data-picker-input]");
    list.querySelectorAll("[role=option]").forEach(function (o, i) { o.id = list.id + "-" + i; });
    if (document.activeElement !== input) { close(input); return; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    activate(input, null);
  });
  document.addEventListener("input", function (ev) {
    var input = ev.target;
    if (!isPicker(input)) return;
    remember(input);
    parts(input).picked.textContent = input.value === input.dataset.pickedCode ? input.dataset.pickedLabel : "";
  });
  document.addEventListener("change", function (ev) {
    var input = ev.target;
    // Emptying the box clears the choice: a filter form reloads at once.
    if (isPicker(input) && !input.value.trim()) input.dispatchEvent(new CustomEvent("picked", { bubbles: true }));
  });
  document.addEventListener("keydown", function (ev) {
    var input = ev.target;
    if (!isPicker(input)) return;
    var list = parts(input).list, opts = options(list), open = !list.hidden;
    var current = list.querySelector(".picker-option.active"), i = opts.indexOf(current);
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!open) { input.dispatchEvent(new CustomEvent("pickeropen")); return; }
      if (!opts.length) return;
      var next = ev.key === "ArrowDown" ? (i + 1) % opts.length : (i <= 0 ? opts.length - 1 : i - 1);
      activate(input, opts[next]);
    } else if (ev.key === "Enter" && open && current) {
      ev.preventDefault();
      choose(input, current);
    } else if (ev.key === "Escape" && open) {
      ev.preventDefault();
      close(input);
    } else if (ev.key === "Enter" || ev.key === "Tab") {
      close(input);
    }
  });
  // mousedown, not click: the input keeps the focus.
  document.addEventListener("mousedown", function (ev) {
    var option = ev.target.closest && ev.target.closest(".picker-option");
    if (!option) return;
    ev.preventDefault();
    choose(option.closest("[data-picker]").querySelector("[data-picker-input]"), option);
  });
  document.addEventListener("focusout", function (ev) { if (isPicker(ev.target)) close(ev.target); });
})();
