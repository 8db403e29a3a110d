// Questions revealed by a radio (a MAPPA level under "Yes"), as GOV.UK Frontend's conditional reveal looks,
// without its aria-expanded on the radio (ARIA allows no aria-expanded on a radio; axe-core fails it). The
// revealed questions follow their radio in the page, so they are met in reading order. Without scripts (or
// where GOV.UK Frontend is not supported) every question is shown.
document.querySelectorAll('input[type="radio"][data-sir-reveals]').forEach(function (radio) {
  var target = document.getElementById(radio.getAttribute('data-sir-reveals'));
  if (!target) {
    return;
  }
  var sync = function () {
    target.classList.toggle('govuk-radios__conditional--hidden', !radio.checked);
  };
  document.querySelectorAll('input[type="radio"][name="' + radio.name + '"]').forEach(function (other) {
    other.addEventListener('change', sync);
  });
  sync();
});
