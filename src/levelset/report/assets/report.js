// levelset report: draws the charts from the embedded report data and wires the
// findings filter. Every figure drawn comes from the JSON block #report-data (the
// output of `levelset report --format json`); names are only ever given to Chart.js
// (drawn on a canvas) or set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var charts = {};
  var colours = ["#c0392b", "#2e86c1", "#7d3c98", "#229954", "#d68910", "#5d6d7e"];

  function exact(value) {
    return value === null || value === undefined ? "n/a" : Number(value).toLocaleString("en-US");
  }

  function options(extra) {
    var base = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        tooltip: {
          callbacks: {
            label: function (item) {
              var raw = item.raw;
              var value = raw !== null && typeof raw === "object" ? raw.y : raw;
              return (item.dataset.label || "") + ": " + exact(value);
            }
          }
        }
      }
    };
    return Object.assign(base, extra || {});
  }

  function draw(id, config, rows) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (rows) canvas.parentNode.style.height = Math.max(320, rows * 18 + 80) + "px";
    charts[id] = new Chart(canvas, config);
  }

  function dataset(label, values, index, extra) {
    return Object.assign(
      { label: label, data: values, backgroundColor: colours[index], borderColor: colours[index] },
      extra || {}
    );
  }

  function stacked(horizontal) {
    return options({
      indexAxis: horizontal ? "y" : "x",
      scales: { x: { stacked: true }, y: { stacked: true } }
    });
  }

  function showCustomer(id) {
    var row = document.getElementById("customer-" + id);
    if (!row) return;
    var old = document.querySelector("tr.target");
    if (old) old.classList.remove("target");
    row.classList.add("target");
    row.scrollIntoView({ block: "center" });
  }

  function clickTo(ids) {
    return function (_event, elements) {
      if (elements.length) showCustomer(ids[elements[0].index]);
    };
  }

  // Seats by level
  var levels = data.seats_by_level || [];
  draw("chart-seats", {
    type: "bar",
    data: {
      labels: levels.map(function (l) { return l.level + " " + l.name; }),
      datasets: [
        dataset("held", levels.map(function (l) { return l.held; }), 1),
        dataset("held by a partner", levels.map(function (l) { return l.partner; }), 2),
        dataset("vacant", levels.map(function (l) { return l.vacant; }), 0)
      ]
    },
    options: stacked(false)
  });

  // People
  var people = data.people;
  if (people) {
    var leaders = people.leaders;
    draw("chart-leaders", {
      type: "bar",
      data: {
        labels: leaders.map(function (l) { return l.title + " (" + l.holders + ")"; }),
        datasets: [
          dataset("below band", leaders.map(function (l) { return l.below; }), 0),
          dataset("in band", leaders.map(function (l) { return l.in_band; }), 3),
          dataset("above band", leaders.map(function (l) { return l.above; }), 1)
        ]
      },
      options: stacked(true)
    }, leaders.length);
    draw("chart-below-share", {
      type: "line",
      data: {
        labels: people.weeks,
        datasets: [dataset("share of the leadership's hours below band", people.below_share, 0)]
      },
      options: options({ scales: { y: { min: 0, ticks: { format: { style: "percent" } } } } })
    });
    draw("chart-weekly-hours", {
      type: "line",
      data: {
        labels: people.weeks,
        datasets: [
          dataset("leaders' hours on others' work", people.others_work, 4),
          dataset("hours nobody owns", people.unowned, 2)
        ]
      },
      options: options({ scales: { y: { min: 0 } } })
    });
  }

  // Finance
  var fin = data.check && data.check.finance;
  if (fin) {
    var names = {};
    fin.customers.forEach(function (c) { names[c.customer] = c.name || c.customer; });
    var whaleIds = fin.whale_curve.map(function (p) { return p.customer; });
    draw("chart-whale", {
      type: "line",
      data: {
        labels: whaleIds.map(function (id) { return names[id] || id; }),
        datasets: [dataset("cumulative profit", fin.whale_curve.map(function (p) { return p.cumulative; }), 1)]
      },
      options: options({ onClick: clickTo(whaleIds), scales: { x: { ticks: { display: false } } } })
    });
    var rankIds = fin.customers.map(function (c) { return c.customer; });
    draw("chart-ranks", {
      type: "scatter",
      data: {
        datasets: [dataset("profit rank", fin.customers.map(function (c) {
          return { x: c.revenue_rank, y: c.profit_rank };
        }), 2)]
      },
      options: options({
        onClick: clickTo(rankIds),
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) {
                var c = fin.customers[item.dataIndex];
                return (c.name || c.customer) + ": revenue rank " + c.revenue_rank + ", profit rank " + c.profit_rank;
              }
            }
          }
        },
        scales: {
          x: { title: { display: true, text: "revenue rank" } },
          y: { reverse: true, title: { display: true, text: "profit rank" } }
        }
      })
    });
    var receivables = fin.receivables;
    if (receivables) {
      var agingIds = receivables.rows.map(function (r) { return r.customer; });
      var aging = stacked(true);
      aging.onClick = clickTo(agingIds);
      draw("chart-aging", {
        type: "bar",
        data: {
          labels: agingIds.map(function (id) { return names[id] || id; }),
          datasets: receivables.buckets.map(function (bucket, b) {
            return dataset(bucket, receivables.rows.map(function (r) { return r.amounts[b]; }), (b + 3) % colours.length);
          })
        },
        options: aging
      }, agingIds.length);
      var paying = fin.customers.filter(function (c) { return c.days_to_pay !== null; });
      var dsoOptions = options({ onClick: clickTo(paying.map(function (c) { return c.customer; })) });
      draw("chart-dso", {
        type: "bar",
        data: {
          labels: paying.map(function (c) { return c.name || c.customer; }),
          datasets: [
            dataset("days to pay", paying.map(function (c) { return c.days_to_pay; }), 0),
            dataset("terms (days)", paying.map(function (c) { return c.terms_days; }), 5)
          ]
        },
        options: dsoOptions
      });
    }
    draw("chart-forecast", {
      type: "bar",
      data: {
        labels: fin.forecast.map(function (p) { return p.period; }),
        datasets: [
          dataset("forecast", fin.forecast.map(function (p) { return p.forecast; }), 1),
          dataset("weighted pipeline", fin.forecast.map(function (p) { return p.weighted_pipeline; }), 3)
        ]
      },
      options: options()
    });
  }

  // Findings filter
  var family = document.getElementById("filter-family");
  var severity = document.getElementById("filter-severity");
  var count = document.getElementById("filter-count");
  function filter() {
    var shown = 0;
    document.querySelectorAll("table.findings tbody").forEach(function (body) {
      var any = false;
      body.querySelectorAll("tr.finding").forEach(function (row) {
        var visible = (!family.value || row.dataset.family === family.value) &&
          (!severity.value || row.dataset.severity === severity.value);
        row.hidden = !visible;
        if (visible) { any = true; shown += 1; }
      });
      body.hidden = !any;
    });
    count.textContent = shown + " shown";
  }
  if (family && severity) {
    family.addEventListener("change", filter);
    severity.addEventListener("change", filter);
    filter();
  }

  // Org chart: open or close every seat
  function openAll(open) {
    document.querySelectorAll("ul.org details").forEach(function (d) { d.open = open; });
  }
  var expand = document.getElementById("org-expand");
  var collapse = document.getElementById("org-collapse");
  if (expand) expand.addEventListener("click", function () { openAll(true); });
  if (collapse) collapse.addEventListener("click", function () { openAll(false); });

  // Print: charts redraw at the page's width, and stay whole.
  window.addEventListener("beforeprint", function () {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  });

  window.levelsetReport = { data: data, charts: charts };
  document.documentElement.dataset.chartsDrawn = String(Object.keys(charts).length);
  if (window.performance && performance.mark) performance.mark("levelset-charts-drawn");
})();
