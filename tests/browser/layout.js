/*
 * Layout check of the report, appended to a copy of the page by run.sh.
 * Writes its findings as JSON into <html data-layout> for the shell to read:
 *   missing  characters drawn as the missing-glyph box, or with no ink at all
 *   canary   whether a character no font has (U+E000) is caught as missing
 *   overflow SVG <text> outside its chart's viewBox; HTML text wider than its box
 *   overlap  legend, axis and heading texts of one chart drawn over each other
 *   charts   the charts seen; chars, the distinct non-ASCII characters checked
 * A glyph is missing when the character, set in the page's own font list,
 * paints the same pixels as U+10FFFD (a noncharacter: every font lacks it, so
 * the browser paints its missing-glyph box), or paints nothing.
 */
(function () {
  "use strict";
  var out = {missing: [], canary: false, overflow: [], overlap: [], charts: 0, chars: 0};
  var canvas = document.createElement("canvas");
  canvas.width = canvas.height = 48;
  var cx = canvas.getContext("2d");
  var font = getComputedStyle(document.body).fontFamily;

  function paint(ch) {
    cx.clearRect(0, 0, 48, 48);
    cx.font = "28px " + font;
    cx.fillStyle = "#000";
    cx.textBaseline = "top";
    cx.fillText(ch, 6, 6);
    var d = cx.getImageData(0, 0, 48, 48).data, bits = "", ink = 0;
    for (var i = 3; i < d.length; i += 4) {
      bits += d[i] > 100 ? "1" : "0";
      ink += d[i] > 100 ? 1 : 0;
    }
    return {bits: bits, ink: ink};
  }
  var tofu = paint("\uDBFF\uDFFD");
  function missing(ch) {
    var p = paint(ch);
    return p.ink === 0 || p.bits === tofu.bits;
  }
  out.canary = missing("\uE000");

  var text = document.body.innerText;
  document.querySelectorAll("svg text, title, desc").forEach(function (t) { text += t.textContent; });
  var seen = {};
  Array.from(text).forEach(function (ch) {
    if (ch.codePointAt(0) < 0x80 || /\s/.test(ch) || seen[ch]) return;
    seen[ch] = 1;
    out.chars++;
    if (missing(ch)) out.missing.push(ch + " U+" + ch.codePointAt(0).toString(16));
  });

  /* Boxes are the font's line boxes, taller than the ink (much taller for CJK
     faces), so a collision is an overlap of more than 3 px each way. */
  function apart(a, b) {
    return a.x + a.width <= b.x + 3 || b.x + b.width <= a.x + 3 ||
           a.y + a.height <= b.y + 3 || b.y + b.height <= a.y + 3;
  }
  document.querySelectorAll("svg.chart").forEach(function (svg) {
    out.charts++;
    var vb = svg.viewBox.baseVal, fixed = [];
    svg.querySelectorAll("text").forEach(function (t) {
      var b = t.getBBox();
      if (!b.width) return;
      if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.width > vb.x + vb.width + 1 ||
          b.y + b.height > vb.y + vb.height + 1)
        out.overflow.push(svg.id + ": " + t.textContent);
      /* Data labels (lab, cell) sit on marks by design; the rest must not collide. */
      if (!t.classList.contains("lab") && !t.classList.contains("cell")) fixed.push({b: b, t: t});
    });
    for (var i = 0; i < fixed.length; i++)
      for (var j = i + 1; j < fixed.length; j++)
        if (!apart(fixed[i].b, fixed[j].b))
          out.overlap.push(svg.id + ": " + fixed[i].t.textContent + " / " + fixed[j].t.textContent);
  });
  document.querySelectorAll("h1, h2, h3, p, li, figcaption, summary").forEach(function (e) {
    if (e.scrollWidth > e.clientWidth + 1)
      out.overflow.push(e.tagName.toLowerCase() + ": " + e.textContent.slice(0, 60));
  });
  document.documentElement.setAttribute("data-layout", JSON.stringify(out));
})();
