// report.html?only=SECTION (e.g. ?only=energy) shows that section alone.
(function () {
  var only = new URLSearchParams(window.location.search).get('only');
  if (only && document.getElementById(only)) {
    document.querySelectorAll('main > section').forEach(function (s) { s.hidden = s.id !== only; });
  }
})();
