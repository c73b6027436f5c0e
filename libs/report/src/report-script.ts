/** The report's only script: a tooltip for bars and spans, and the spans toggle. Works without it too (SVG titles). */
export const REPORT_JS = `
(function () {
  var tip = document.getElementById('tip');
  document.addEventListener('mousemove', function (event) {
    var target = event.target;
    var text = target && target.getAttribute && target.getAttribute('data-tip');
    if (!text) { tip.style.display = 'none'; return; }
    tip.textContent = text;
    tip.style.display = 'block';
    tip.style.left = Math.min(event.clientX + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = (event.clientY + 14) + 'px';
  });
  var toggle = document.getElementById('show-spans');
  if (toggle) toggle.addEventListener('change', function () {
    document.getElementById('timeline').classList.toggle('hide-spans', !toggle.checked);
  });
})();
`;
