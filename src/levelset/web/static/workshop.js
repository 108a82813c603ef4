// The workshop, made nicer with a script; every form works without it.
// A seat is filled by a person or a partner firm, not both: choosing one clears the other.
// After a change the page opens at its results (the redirect's #results), which get focus
// so a keyboard or screen reader user lands on what the change did.
(function () {
  "use strict";
  function exclusive(a, b) {
    if (!a || !b) { return; }
    a.addEventListener("change", function () { if (a.value) { b.value = ""; } });
    b.addEventListener("change", function () { if (b.value) { a.value = ""; } });
  }
  exclusive(document.getElementById("fill-person"), document.getElementById("fill-partner"));
  var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
})();
