// Live reload: the server announces the workspace's content hash (server-sent events);
// when it differs from the one this page was built from, the page is fetched again and
// its main content replaced, so an open page shows the new analysis by itself.
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-events");
  if (!url || !window.EventSource || !window.fetch) return;
  var fetching = false;
  var again = false;

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, "text/html");
        var main = fresh.querySelector("main");
        if (!main) return;
        document.querySelector("main").replaceWith(document.adoptNode(main));
        document.title = fresh.title;
        body.setAttribute("data-hash", fresh.body.getAttribute("data-hash") || "");
        body.setAttribute("data-updated", String(Date.now()));
        document.dispatchEvent(new CustomEvent("levelset:updated"));
        var status = document.getElementById("live-status");
        if (status) status.textContent = "The page was updated from the workspace's files.";
      })
      .catch(function () { /* the next announcement tries again */ })
      .then(function () {
        fetching = false;
        if (again) { again = false; refresh(); }
      });
  }

  var source = new EventSource(url);
  source.addEventListener("hash", function (event) {
    if (event.data && event.data !== body.getAttribute("data-hash")) refresh();
  });
})();
