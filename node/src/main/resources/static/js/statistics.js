// The statistics dashboard: draws each figure's chart from the data table beside it, so the table
// (which screen readers and keyboards use) is the one source of the numbers. No inline script (CSP).
(function () {
  'use strict';

  function draw(table) {
    var box = table.parentElement.querySelector('canvas');
    if (!box || typeof Chart === 'undefined') {
      return;
    }
    var rtl = document.documentElement.dir === 'rtl';
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var numeric = [];
    headers.forEach(function (h, i) {
      if (i > 0 && rows.length && rows.every(function (r) { return r.cells[i] && r.cells[i].hasAttribute('data-value'); })) {
        numeric.push(i);
      }
    });
    var labels = rows.map(function (r) {
      return Array.prototype.filter.call(r.cells, function (c, i) { return numeric.indexOf(i) < 0; })
        .map(function (c) { return c.textContent.trim(); }).join(' · ');
    });
    var palette = ['#1f5fa8', '#c2571a', '#2e7d32', '#6a1b9a', '#8d6e00', '#00838f', '#ad1457'];
    var datasets = numeric.map(function (i, n) {
      return {
        label: headers[i],
        data: rows.map(function (r) { return Number(r.cells[i].getAttribute('data-value')); }),
        backgroundColor: palette[n % palette.length],
        borderColor: palette[n % palette.length]
      };
    });
    new Chart(box, {
      type: table.getAttribute('data-chart') || 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: document.documentElement.lang || 'en',
        plugins: { legend: { rtl: rtl, textDirection: rtl ? 'rtl' : 'ltr' }, tooltip: { rtl: rtl, textDirection: rtl ? 'rtl' : 'ltr' } },
        scales: { x: { reverse: rtl }, y: { position: rtl ? 'right' : 'left', beginAtZero: true } }
      }
    });
    box.setAttribute('data-drawn', 'true');
  }

  function start() {
    document.querySelectorAll('table[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
