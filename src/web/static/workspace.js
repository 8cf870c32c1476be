// Kompass workspace: live totals while scoring (progressive enhancement). The page works without
// this file: the server computes every total on each save and reload. Here the area's and the
// evaluation's totals follow what is typed into the points fields, marked as not saved yet.
/* global document -- a browser script */
(function () {
  'use strict';
  var summary = document.getElementById('omradessumma');
  if (!summary) return;
  var areaOut = summary.querySelector('[data-area-points]');
  var totalOut = summary.querySelector('[data-total-points]');
  var areaPercent = summary.querySelector('[data-area-percent]');
  var totalPercent = summary.querySelector('[data-total-percent]');
  var unsaved = summary.querySelector('[data-unsaved]');
  var inputs = Array.prototype.slice.call(
    document.querySelectorAll('input[name="points"][data-max]'),
  );
  if (!areaOut || !totalOut || inputs.length === 0) return;
  var areaMax = Number(summary.getAttribute('data-area-max'));
  var totalMax = Number(summary.getAttribute('data-total-max'));
  var serverTotal = Number(summary.getAttribute('data-total'));
  var number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
  var percent = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

  function parse(text, max) {
    var value = String(text).trim().replace(',', '.');
    if (value === '' || !/^\d+(\.\d+)?$/.test(value)) return 0;
    var points = Number(value);
    if (points > max || Math.abs(points * 2 - Math.round(points * 2)) > 1e-9) return 0;
    return points;
  }

  function update() {
    var saved = 0;
    var typed = 0;
    var changed = false;
    inputs.forEach(function (input) {
      var max = Number(input.getAttribute('data-max'));
      saved += parse(input.defaultValue, max);
      typed += parse(input.value, max);
      if (input.value !== input.defaultValue) changed = true;
    });
    var total = serverTotal - saved + typed;
    areaOut.textContent = number.format(typed);
    totalOut.textContent = number.format(total);
    if (areaPercent && areaMax > 0)
      areaPercent.textContent = percent.format((typed / areaMax) * 100) + '\u00a0%';
    if (totalPercent && totalMax > 0)
      totalPercent.textContent = percent.format((total / totalMax) * 100) + '\u00a0%';
    if (unsaved) unsaved.hidden = !changed;
  }

  inputs.forEach(function (input) {
    input.addEventListener('input', update);
  });
})();
