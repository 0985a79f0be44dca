/* An embed page tells the page around it its height, on load and whenever it changes:
   {"type": "psp-embed:height", "chart": "<chart id>", "height": <px>} (see README: Publish and embed). */
(function () {
  if (window.parent === window) return;
  var chart = document.documentElement.getAttribute("data-chart"), last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({type: "psp-embed:height", chart: chart, height: h}, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener("load", post);
  post();
})();
