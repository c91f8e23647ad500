/* Amparo's only script of its own. The content security policy forbids inline
   script and event-handler attributes, so behaviour is attached here, by data
   attributes, never by onclick= and the like in a template. */
"use strict";

// A select marked data-submit-on-change submits its form when changed (the
// language chooser); without script, the <noscript> button beside it does.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change") && target.form) {
    target.form.submit();
  }
});
