// The charts of a page, drawn with Chart.js from the figures in the page's JSON blocks
// (the same figures as the tables beside them). Drawn again after live reload replaces
// the page's content.
(function () {
  "use strict";
  var drawn = [];

  function figures(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  function weeks() {
    var canvas = document.getElementById("chart-weeks");
    var data = figures("chart-weeks-data");
    if (!canvas || !data || !window.Chart) return;
    drawn.push(new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.weeks,
        datasets: [
          { label: "below band", data: data.below, backgroundColor: "#c0392b", stack: "band" },
          { label: "in band", data: data.in_band, backgroundColor: "#229954", stack: "band" },
          { label: "above band", data: data.above, backgroundColor: "#2e86c1", stack: "band" },
          { label: "all hours", data: data.hours, type: "line", borderColor: "#1d2433", backgroundColor: "#1d2433" }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "hours" } } }
      }
    }));
  }

  function draw() {
    drawn.forEach(function (chart) { chart.destroy(); });
    drawn = [];
    weeks();
    document.documentElement.setAttribute("data-charts-drawn", String(drawn.length));
  }

  document.addEventListener("levelset:updated", draw);
  draw();
})();
