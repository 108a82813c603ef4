// The source view: bring the highlighted line into view (a link without #L works too).
(function () {
  "use strict";
  var line = document.querySelector("[data-highlight]");
  if (line && !window.location.hash) line.scrollIntoView({ block: "center" });
})();
