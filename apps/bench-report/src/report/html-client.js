// Client side of the HTML report: draws the charts from the embedded report data with the
// inlined Chart.js. Plain browser JavaScript (no modules) so the file works from file:// offline.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var report = data.report;
  var history = data.history;
  var rendered = 0;
  var COLORS = { regressed: '#c62828', improved: '#2e7d32', unchanged: '#607080', inconclusive: '#b7791f' };
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.size = 11;

  function scaleFor(unit, values) {
    if (unit !== 'ns') return { factor: 1, label: unit };
    var max = Math.max.apply(null, values.concat([0]));
    if (max >= 1e9) return { factor: 1e-9, label: 's' };
    if (max >= 1e6) return { factor: 1e-6, label: 'ms' };
    if (max >= 1e3) return { factor: 1e-3, label: 'µs' };
    return { factor: 1, label: 'ns' };
  }

  function quantile(sorted, q) {
    if (sorted.length === 0) return NaN;
    var h = (sorted.length - 1) * q, lo = Math.floor(h), hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  function chart(canvasId, config) {
    var el = document.getElementById(canvasId);
    if (!el) return;
    new Chart(el, config);
    rendered++;
  }

  // Histogram of several sample series on shared bins (each as a share of its own count); the
  // range is the 1st to 99th percentile of all so one GC outlier does not squash the plot (edge
  // bins take the tails). `series`: [{ label, values, color }], drawn in order.
  function histogramChart(canvasId, unit, series) {
    var all = [];
    series.forEach(function (x) { all = all.concat(x.values); });
    all.sort(function (x, y) { return x - y; });
    if (all.length === 0) return;
    var lo = quantile(all, 0.01), hi = quantile(all, 0.99);
    if (!(hi > lo)) { lo = all[0] * 0.99; hi = all[all.length - 1] * 1.01 + 1e-12; }
    var bins = Math.max(8, Math.min(40, Math.ceil(Math.sqrt(all.length))));
    var width = (hi - lo) / bins;
    var s = scaleFor(unit, [hi]);
    function counts(values) {
      var c = new Array(bins).fill(0);
      values.forEach(function (v) { c[Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)))]++; });
      return c.map(function (x) { return x / values.length; });
    }
    var labels = [];
    for (var i = 0; i < bins; i++) labels.push(((lo + (i + 0.5) * width) * s.factor).toPrecision(3));
    var datasets = series.filter(function (x) { return x.values.length; }).map(function (x) {
      return { label: x.label, data: counts(x.values), backgroundColor: x.color, barPercentage: 1, categoryPercentage: 1 };
    });
    chart(canvasId, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        plugins: { title: { display: true, text: 'distribution (' + s.label + ')' } },
        scales: { x: { stacked: false }, y: { title: { display: true, text: 'share' } } },
      },
    });
  }

  var CURRENT = 'rgba(33,100,200,0.55)', BASELINE = 'rgba(120,120,120,0.45)', QUAD = 'rgba(33,100,200,0.9)';

  // Current samples against the baseline's.
  function histogram(b, baselineSamples) {
    histogramChart('hist-' + b.__index, b.unit, [
      { label: 'current', values: b.samples, color: CURRENT },
      { label: 'baseline', values: baselineSamples || [], color: BASELINE },
    ]);
  }

  // The measure of each benchmark (`data.measures`) and of each history entry come from the
  // server side's measureOf, so this file has no rule of its own.
  function trend(b) {
    var points = [];
    var measure = data.measures[b.__index];
    history.forEach(function (h, k) {
      var e = h.benchmarks.find(function (x) { return x.id === b.id && x.measure === measure; });
      if (e) points.push({ x: k, when: h.createdAt, y: e.estimate, lo: e.lower, hi: e.upper });
    });
    if (points.length === 0) return;
    var s = scaleFor(b.unit, points.map(function (p) { return p.y; }));
    chart('trend-' + b.__index, {
      type: 'line',
      data: {
        labels: points.map(function (p) { return p.when.slice(0, 16).replace('T', ' '); }),
        datasets: [
          { label: 'estimate', data: points.map(function (p) { return p.y * s.factor; }), borderColor: '#2164c8', pointRadius: 3 },
          { label: 'CI upper', data: points.map(function (p) { return p.hi == null ? null : p.hi * s.factor; }), borderColor: 'rgba(33,100,200,0.3)', borderDash: [4, 3], pointRadius: 0 },
          { label: 'CI lower', data: points.map(function (p) { return p.lo == null ? null : p.lo * s.factor; }), borderColor: 'rgba(33,100,200,0.3)', borderDash: [4, 3], pointRadius: 0 },
        ],
      },
      options: { plugins: { title: { display: true, text: 'trend over ' + points.length + ' run(s) (' + s.label + ')' }, legend: { display: false } } },
    });
  }

  function label(v) { return v.measure === 'instructions' ? v.id + ' [instructions]' : v.id; }

  // Δ% with its CI per compared benchmark, as floating bars coloured by verdict.
  function comparisonChart() {
    var compared = report.comparisons.filter(function (v) { return v.comparison; });
    var box = document.getElementById('comparison-box');
    if (compared.length === 0) {
      // Nothing measured on both sides (e.g. a baseline with targets only): say so instead of an empty chart.
      box.style.height = 'auto';
      box.textContent = 'No benchmark has baseline samples to compare with yet: save one with `npx bench-report save-baseline <file>`.';
      return;
    }
    box.style.height = Math.max(160, 26 * compared.length + 70) + 'px';
    chart('comparison-chart', {
      type: 'bar',
      data: {
        labels: compared.map(function (v) { return label(v); }),
        datasets: [
          {
            label: '95% CI of Δ%',
            data: compared.map(function (v) { return [v.comparison.change.lower * 100, v.comparison.change.upper * 100]; }),
            backgroundColor: compared.map(function (v) { return COLORS[v.outcome] || '#999'; }),
          },
          {
            type: 'line', label: 'Δ% point', showLine: false, pointStyle: 'rectRot', pointRadius: 5, borderColor: '#111', backgroundColor: '#111',
            data: compared.map(function (v) { return { x: v.comparison.change.point * 100, y: label(v) }; }),
          },
        ],
      },
      options: { indexAxis: 'y', plugins: { title: { display: true, text: 'change against the baseline (Δ%, 95% CI); positive = larger value' } }, scales: { x: { title: { display: true, text: 'Δ %' } } } },
    });
  }

  // A paired benchmark (--against): per process, its quads' changes (dots), its level with the
  // level's interval from its own quads (bar), then the verdict's Δ with its CI (bar coloured by
  // verdict); the noise floor the CI must clear dashed at ±T/2. Numbers come from the server in %.
  function pairedDifferences(p) {
    var labels = p.processes.map(function (x) { return 'p' + x.process; }).concat(['Δ']);
    var quads = [];
    p.processes.forEach(function (x) { x.quads.forEach(function (q) { quads.push({ x: 'p' + x.process, y: q }); }); });
    var bars = p.processes
      .map(function (x) { return x.lower == null ? [x.level, x.level] : [x.lower, x.upper]; })
      .concat([[p.change.lower, p.change.upper]]);
    var colors = p.processes.map(function () { return 'rgba(33,100,200,0.35)'; }).concat([COLORS[p.outcome] || '#999']);
    var levels = p.processes.map(function (x) { return { x: 'p' + x.process, y: x.level }; }).concat([{ x: 'Δ', y: p.change.point }]);
    function floorLine(sign, color) {
      var values = labels.map(function () { return sign * p.floor; });
      var label = (sign > 0 ? '+' : '−') + p.floor + '% floor';
      return { type: 'line', label: label, data: values, borderColor: color, borderDash: [5, 4], pointRadius: 0, borderWidth: 1 };
    }
    chart('paired-diff-' + p.index, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: 'interval', data: bars, backgroundColor: colors, barPercentage: 0.5 },
          { type: 'line', label: 'level', data: levels, showLine: false, pointStyle: 'rectRot', pointRadius: 5,
            borderColor: '#111', backgroundColor: '#111' },
          { type: 'line', label: 'quads', data: quads, showLine: false, pointRadius: 2, borderColor: QUAD, backgroundColor: QUAD },
          floorLine(1, COLORS.regressed),
          floorLine(-1, COLORS.improved),
        ],
      },
      options: {
        plugins: { title: { display: true, text: 'head vs base per process (%)' }, legend: { display: false } },
        scales: { y: { title: { display: true, text: 'Δ %' } } },
      },
    });
  }

  (data.paired || []).forEach(function (p) {
    histogramChart('paired-dist-' + p.index, p.unit, [
      { label: 'head', values: p.head, color: CURRENT },
      { label: 'base', values: p.base, color: BASELINE },
    ]);
    pairedDifferences(p);
  });

  var baselineSamples = data.baselineSamples;
  comparisonChart();
  report.benchmarks.forEach(function (b, i) {
    b.__index = i;
    if (b.status !== 'ok') return;
    histogram(b, baselineSamples[data.keys[i]]);
    trend(b);
  });
  document.body.setAttribute('data-charts-rendered', String(rendered));
})();
