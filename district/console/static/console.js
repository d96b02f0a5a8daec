/* The console works without this file; it only adds conveniences. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.check-all").forEach(function (box) {
    box.addEventListener("change", function () {
      var form = box.closest("form");
      form.querySelectorAll("input[name=case]").forEach(function (c) { c.checked = box.checked; });
    });
  });
  document.querySelectorAll("form.confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
