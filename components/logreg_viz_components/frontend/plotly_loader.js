// The page's own plotly.js: the file plotly.py ships (the same build the exported HTML embeds),
// kept gzipped beside this module and loaded once per page. Not the copy Streamlit may load for itself.
//
// It is fetched as a .gz file (served as it is: the server compresses nothing for it, which a 4.8 MB
// script would cost it on every page opened) and unpacked here with the browser's DecompressionStream.

// Each component's module is served at its own address, so this module may run more than once in a
// page: the load is kept on the window, under a name of this package's own, and shared by all.
const SHARED = Symbol.for("logreg-viz-components.plotly");

async function fetchScript(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`plotly.js could not be fetched (${response.status})`);
  const unpacked = response.body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = await new Response(unpacked).arrayBuffer();
  return URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
}

function runScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("plotly.js did not start")));
    script.onerror = () => reject(new Error("plotly.js did not run"));
    document.head.appendChild(script);
  });
}

export function loadPlotly(url) {
  if (!window[SHARED]) {
    const loading = fetchScript(url).then(runScript);
    window[SHARED] = loading;
    loading.catch(() => { window[SHARED] = null; });  // the next chart tries again
  }
  return window[SHARED];
}
