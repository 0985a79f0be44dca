/* Charts that paint at once: each chart is a <picture> of its width class until the reader reaches for it. The
   first pointer, focus or key on a chart loads Plotly's basic bundle (data-plotly on this script) and draws,
   in the picture's place and at its size, the interactive variant of the class the picture shows. */
(function () {
  var me = document.currentScript, plotlySrc = me && me.getAttribute("data-plotly");
  var boxes = [].slice.call(document.querySelectorAll(".chart[data-variants]"));
  if (!boxes.length || !plotlySrc) return;
  var figures = {}, waiting = {}, plotlyWaiting = null;
  window.siteChart = function (src, fig) {
    figures[src] = fig;
    (waiting[src] || []).forEach(function (then) { then(fig); });
    delete waiting[src];
  };
  function load(src, then) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = then;
    document.head.appendChild(s);
  }
  function plotly(then) {
    if (window.Plotly) return then();
    if (plotlyWaiting) return plotlyWaiting.push(then);
    plotlyWaiting = [then];
    load(plotlySrc, function () { plotlyWaiting.forEach(function (f) { f(); }); plotlyWaiting = null; });
  }
  function figure(v, then) {  /* v.src: where the file is from this page; v.key: the path it calls back with */
    if (figures[v.key]) return then(figures[v.key]);
    if (!waiting[v.key]) { waiting[v.key] = []; load(v.src); }
    waiting[v.key].push(then);
  }
  function pick(box) {  /* the class the <picture> shows: its first source whose media query matches */
    var sources = box.querySelectorAll("source");
    for (var i = 0; i < sources.length; i++) {
      if (window.matchMedia(sources[i].media).matches) return sources[i].getAttribute("data-class");
    }
    return box.querySelector("img").getAttribute("data-class");
  }
  function fits(box, cls) {  /* Plotly measures its text wrongly under a CSS scale: a box narrower than the
                                narrowest variant keeps its picture, which the browser scales */
    return JSON.parse(box.getAttribute("data-variants"))[cls].width <= box.clientWidth + 1;
  }
  function decoded(plot) {  /* Plotly shows a picture in its layout (the map's outlines) before the browser has
                               decoded it: wait for that, so the swap never shows the chart without it */
    return Promise.all([].slice.call(plot.querySelectorAll("image")).map(function (el) {
      var img = new Image();
      img.src = el.getAttribute("href") || el.getAttribute("xlink:href") || "";
      return img.decode().catch(function () {});
    }));
  }
  function draw(box) {
    var cls = pick(box);
    if (!fits(box, cls)) {
      box.classList.remove("live");
      box.removeAttribute("data-pick");
      return;
    }
    if (cls === box.getAttribute("data-pick")) return;
    box.setAttribute("data-pick", cls);
    var v = JSON.parse(box.getAttribute("data-variants"))[cls];
    figure(v, function (fig) {
      plotly(function () {
        if (box.getAttribute("data-pick") !== cls) return;
        var plot = box.querySelector(".plot"), config = JSON.parse(box.getAttribute("data-config"));
        var first = !box.getAttribute("data-drawn");
        (first ? Plotly.newPlot : Plotly.react)(plot, fig.data, fig.layout, config).then(function () {
          return decoded(plot);
        }).then(function () {
          box.setAttribute("data-drawn", cls);
          box.classList.add("live");  /* drawn off to the side (Plotly measures its text), then swapped in */
        });
      });
    });
  }
  function wake(event) {
    var box = event.currentTarget;
    ["pointerdown", "pointerover", "focusin", "keydown"].forEach(function (t) { box.removeEventListener(t, wake); });
    draw(box);
  }
  boxes.forEach(function (box) {
    ["pointerdown", "pointerover", "focusin", "keydown"].forEach(function (t) { box.addEventListener(t, wake); });
  });
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      boxes.forEach(function (box) { if (box.getAttribute("data-drawn")) draw(box); });
    }, 150);
  });
  [].slice.call(document.querySelectorAll("button.copy")).forEach(function (button) {
    var area = document.getElementById(button.getAttribute("data-for"));
    button.hidden = false;
    button.addEventListener("click", function () {
      area.select();
      var done = function () { button.textContent = button.getAttribute("data-done"); };
      var old = function () { if (document.execCommand("copy")) done(); };  /* no clipboard API, or refused */
      if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, old);
      else old();
    });
  });
})();
