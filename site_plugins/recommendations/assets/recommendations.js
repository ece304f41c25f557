/*
 * lbp-recommendations: the audience switch, copy-link and copy-citation buttons, and the offline
 * question search.
 *
 * Loaded as an external file (no inline script, no eval, no inline handlers), so it runs under a strict
 * Content-Security-Policy. The only thing kept on the device is the audience preference (localStorage
 * key "lbp-audience"); nothing a reader types is stored or sent anywhere.
 *
 * Material's instant navigation swaps pages without reloading, so listeners are delegated to the
 * document once, and per-page work runs on each emission of Material's document$ observable.
 */
(function () {
  "use strict";
  if (window.__lbpRecommendations) return;
  window.__lbpRecommendations = true;

  var KEY = "lbp-audience";
  var AUDIENCES = ["clinician", "patient"];
  var DEFAULT_AUDIENCE = "clinician";

  /* -- Audience ------------------------------------------------------------------------------- */

  function valid(audience) {
    return AUDIENCES.indexOf(audience) >= 0 ? audience : null;
  }

  function stored() {
    try { return valid(window.localStorage.getItem(KEY)); } catch (e) { return null; }
  }

  function store(audience) {
    try { window.localStorage.setItem(KEY, audience); } catch (e) { /* storage may be disabled */ }
  }

  function fromUrl() {
    return valid(new URLSearchParams(window.location.search).get("audience"));
  }

  function apply(audience) {
    document.documentElement.setAttribute("data-lbp-audience", audience);
    var inputs = document.querySelectorAll('input[name="lbp-audience"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].checked = inputs[i].value === audience;
  }

  // A wording that came with a link holds for this visit (Material's instant navigation keeps this
  // script), but only the reader's own choice on the switch is remembered on the device.
  var linkedThisVisit = null;

  function choose(audience) {
    linkedThisVisit = null;
    apply(audience);
    store(audience);
    var url = new URL(window.location.href);
    if (url.searchParams.has("audience")) {
      url.searchParams.set("audience", audience);
      window.history.replaceState(window.history.state, "", url.href);
    }
  }

  // A printed worked case keeps its way back to the calculator: print shows each case link's full
  // address (recommendations.css), which only the page knows (the site may live under any address).
  function addressesForPrint() {
    var links = document.querySelectorAll("a[data-case]");
    for (var i = 0; i < links.length; i++) links[i].setAttribute("data-print-url", links[i].href);
  }

  function onPage() {
    addressesForPrint();
    citedToday();
    suggestForMissingPage();
    var linked = fromUrl();
    if (linked) linkedThisVisit = linked;
    apply(linked || linkedThisVisit || stored() || DEFAULT_AUDIENCE);
  }

  /* -- Copy link ------------------------------------------------------------------------------ */

  function copyLink(button) {
    var id = button.getAttribute("data-lbp-copy");
    // The wording on screen goes with the link, so the recipient sees what was shared, whatever
    // wording they once chose for themselves (a student set to the patient wording, say).
    var wording = document.getElementById("lbp-audience") &&
      document.documentElement.getAttribute("data-lbp-audience");
    var url = window.location.origin + window.location.pathname +
      (wording ? "?audience=" + wording : "") + (id ? "#" + id : "");
    var status = button.parentNode.querySelector(".lbp-rec__status");
    function say(text) { if (status) status.textContent = text; }
    if (id) window.history.replaceState(window.history.state, "", "#" + id);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { say("Link copied."); },
        function () { say("Copy this link: " + url); });
    } else {
      say("Copy this link: " + url);
    }
  }

  /* -- Cite ----------------------------------------------------------------------------------- */

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // Vancouver asks for the date the reader consulted the page ("cited"): the reader's own date, which
  // the build cannot know. Nothing is kept.
  function citedToday() {
    var today = new Date();
    var text = today.getFullYear() + " " + MONTHS[today.getMonth()] + " " + today.getDate();
    var spans = document.querySelectorAll("[data-lbp-cite-today]");
    for (var i = 0; i < spans.length; i++) spans[i].textContent = text;
  }

  function copyCitation(button) {
    var block = button.closest("[data-lbp-cite]");
    var text = block && block.querySelector('[data-cite-style="' + button.getAttribute("data-lbp-copy-cite") + '"]');
    var status = block && block.querySelector(".lbp-rec__status");
    if (!text || !status) return;
    var citation = text.textContent.replace(/\s+/g, " ").trim();
    function selectIt(message) {
      var range = document.createRange();
      range.selectNodeContents(text);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = message;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(citation).then(
        function () { status.textContent = "Citation copied."; },
        function () { selectIt("Copying was not allowed: the citation is selected, copy it from there."); });
    } else {
      selectIt("The citation is selected: copy it from there.");
    }
  }

  /* -- Question search ------------------------------------------------------------------------ */

  var STOP = ("a an and any are as at be been being but by can could did do does doing for from " +
    "had has have having how i if in into is it its me my of on or our should so than that the " +
    "their them then there these they this to was we were what when where which while who why " +
    "will with would you your need needed use used patient patients").split(" ");
  var indexes = {};

  function loadIndex(url) {
    if (!indexes[url]) {
      indexes[url] = window.fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("the recommendation index did not load (" + response.status + ")");
        return response.json();
      });
      indexes[url].catch(function () { delete indexes[url]; });
    }
    return indexes[url];
  }

  function stem(word) {
    return word.replace(/(ies|ing|ed|es|s|ly)$/, "");
  }

  function tokens(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9-]+/).reduce(function (out, word) {
        word.split("-").concat(word.indexOf("-") > 0 ? [word] : []).forEach(function (w) {
          if (w && STOP.indexOf(w) < 0) out.push(w);
        });
        return out;
      }, []);
  }

  function matches(query, word) {
    if (query === word) return true;
    if (query.length >= 4 && word.indexOf(query) === 0) return true;
    if (word.length >= 4 && query.indexOf(word) === 0) return true;
    var a = stem(query), b = stem(word);
    return a.length >= 3 && a === b;
  }

  var FIELDS = [["title", 4], ["intervention", 4], ["clinician", 2], ["patient", 2],
                ["section", 1], ["rationale", 1]];

  function rank(index, question) {
    var words = tokens(question);
    var expanded = words.map(function (word) {
      return [word].concat(index.synonyms[word] || []);
    });
    var results = [];
    index.recommendations.forEach(function (rec) {
      if (!rec._fields) {
        rec._fields = FIELDS.map(function (f) { return [tokens(String(rec[f[0]])), f[1]]; });
      }
      var score = 0;
      expanded.forEach(function (alternatives) {
        var best = 0;
        rec._fields.forEach(function (field) {
          if (field[1] <= best) return;
          var hit = field[0].some(function (word) {
            return alternatives.some(function (q) { return matches(q, word); });
          });
          if (hit) best = field[1];
        });
        score += best;
      });
      if (score > 0) results.push({ rec: rec, score: score + (rec.red_flag ? 0.5 : 0) });
    });
    results.sort(function (a, b) { return b.score - a.score; });
    return { words: words, results: results.slice(0, 8) };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, className, text) {
    var a = element("a", className, text);
    a.href = href;
    return a;
  }

  function search(form) {
    var input = form.querySelector(".lbp-ask__input");
    var root = form.parentNode;
    var status = root.querySelector(".lbp-ask__status");
    var list = root.querySelector(".lbp-ask__results");
    var question = input.value.trim();
    list.textContent = "";
    if (!question) { status.textContent = ""; return; }
    var indexUrl = new URL(form.getAttribute("data-lbp-index"), window.location.href);
    loadIndex(indexUrl.href).then(function (index) {
      if (input.value.trim() !== question) return;
      var ranked = rank(index, question);
      list.textContent = "";
      if (!ranked.results.length) {
        status.textContent = "No recommendation matches those words. Try other words, " +
          "or browse all recommendations.";
        return;
      }
      status.textContent = ranked.results.length === 1 ? "1 recommendation matches." :
        ranked.results.length + " recommendations match.";
      ranked.results.forEach(function (hit) {
        var rec = hit.rec;
        var item = element("li", "lbp-ask__result" + (rec.red_flag ? " lbp-ask__result--red-flag" : ""));
        item.setAttribute("data-rec", rec.id);
        var head = element("p", "lbp-ask__head");
        if (rec.red_flag) head.appendChild(element("span", "lbp-rec__flag", "Red flag"));
        head.appendChild(element("span", "lbp-rec__stance lbp-stance--" + rec.stance, rec.stance_label + ":"));
        head.appendChild(document.createTextNode(" "));
        head.appendChild(link(new URL(rec.url, indexUrl).href, "lbp-ask__link", rec.title));
        item.appendChild(head);
        AUDIENCES.forEach(function (audience) {
          var p = element("p", "lbp-ask__statement", rec[audience]);
          p.setAttribute("data-audience", audience);
          item.appendChild(p);
        });
        var more = element("p", "lbp-ask__more");
        more.appendChild(document.createTextNode(rec.section + " · "));
        more.appendChild(link(new URL(rec.page, indexUrl).href, "lbp-ask__page", "Details"));
        item.appendChild(more);
        list.appendChild(item);
      });
    }).catch(function (error) {
      status.textContent = "Search is unavailable: " + error.message;
    });
  }

  /* -- Not found: the recommendations a mistyped address may have meant ------------------------ */

  function suggestForMissingPage() {
    var box = document.getElementById("lbp-not-found");
    if (!box) return;
    var words = decodeURIComponent(window.location.pathname).toLowerCase()
      .split(/[^a-z0-9]+/).filter(function (word) { return word.length > 2; });
    if (!words.length) return;
    fetch(box.getAttribute("data-lbp-index")).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (index) {
      var scored = index.recommendations.map(function (rec) {
        var score = words.filter(function (word) { return rec.id.indexOf(word) >= 0; }).length;
        return { rec: rec, score: score };
      }).filter(function (entry) { return entry.score > 0; });
      scored.sort(function (a, b) { return b.score - a.score; });
      if (!scored.length) return;
      var list = box.querySelector("ul");
      scored.slice(0, 5).forEach(function (entry) {
        var item = document.createElement("li");
        item.appendChild(link(box.getAttribute("data-lbp-pages") + entry.rec.id + "/", "", entry.rec.title));
        item.appendChild(document.createTextNode(" (" + entry.rec.id + ")"));
        list.appendChild(item);
      });
      box.hidden = false;
    }).catch(function () { /* the ways on below still work */ });
  }

  /* -- Wiring --------------------------------------------------------------------------------- */

  var timer = null;

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.name === "lbp-audience" && valid(target.value)) choose(target.value);
  });

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-lbp-copy]");
    if (button) copyLink(button);
    var cite = event.target && event.target.closest && event.target.closest("[data-lbp-copy-cite]");
    if (cite) copyCitation(cite);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.classList && form.classList.contains("lbp-ask")) {
      event.preventDefault();
      search(form);
    }
  });

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || !input.classList || !input.classList.contains("lbp-ask__input")) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input.form); }, 200);
  });

  // Material's document$ follows its instant navigation; without it (another theme), one page per load.
  function subscribe() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(onPage);
      return;
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", onPage, { once: true });
    } else {
      onPage();
    }
  }
  subscribe();
})();
