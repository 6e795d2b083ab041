"use strict";
(function () {
  const form = document.getElementById("filters");
  const fields = ["section", "verdict", "tag", "q"];
  const claims = Array.from(document.querySelectorAll("details.claim"));
  const sections = Array.from(document.querySelectorAll("section.section"));
  const shown = document.getElementById("shown");
  const buttons = Array.from(document.querySelectorAll("button.count"));
  const text = new Map(claims.map((c) => [c, c.textContent.toLowerCase()]));

  function state() {
    const s = {};
    for (const name of fields) s[name] = form.elements[name].value.trim();
    return s;
  }

  function apply(s) {
    const words = s.q.toLowerCase().split(/\s+/).filter(Boolean);
    let visible = 0;
    for (const claim of claims) {
      const ok = (!s.section || claim.dataset.section === s.section)
        && (!s.verdict || claim.dataset.verdict === s.verdict)
        && (!s.tag || claim.dataset.tags.split(" ").includes(s.tag))
        && words.every((w) => text.get(claim).includes(w));
      claim.hidden = !ok;
      if (ok) visible += 1;
    }
    for (const section of sections) {
      const inner = section.querySelectorAll("details.claim");
      if (inner.length) section.hidden = Array.from(inner).every((c) => c.hidden);
    }
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.verdict === s.verdict));
    shown.value = visible + " of " + claims.length + " claims";
  }

  function fromUrl() {
    const params = new URLSearchParams(location.hash.slice(1));
    for (const name of fields) form.elements[name].value = params.get(name) || "";
    const open = params.get("open");
    if (open) {
      const claim = document.getElementById(open);
      if (claim) {
        claim.open = true;
        const scenarios = Array.from(claim.querySelectorAll("details.scenario"));
        const troubled = scenarios.filter((s) => s.dataset.status !== "passed");
        for (const s of troubled.length ? troubled : scenarios.slice(0, 1)) s.open = true;
      }
    }
    apply(state());
  }

  function toUrl() {
    const s = state();
    const params = new URLSearchParams();
    for (const name of fields) if (s[name]) params.set(name, s[name]);
    history.replaceState(null, "", params.toString() ? "#" + params.toString() : location.pathname + location.search);
    apply(s);
  }

  form.addEventListener("input", toUrl);
  form.addEventListener("change", toUrl);
  for (const b of buttons) {
    b.addEventListener("click", () => {
      form.elements.verdict.value = form.elements.verdict.value === b.dataset.verdict ? "" : b.dataset.verdict;
      toUrl();
    });
  }
  window.addEventListener("hashchange", fromUrl);
  fromUrl();
})();
