// The page's own plotly.js: the file plotly.py ships (the same build the exported HTML embeds),
// served beside this module and loaded once per page. Not the copy Streamlit may load for itself.

let loading = null;

export function loadPlotly(url) {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("plotly.js did not load")));
      script.onerror = () => reject(new Error(`plotly.js could not be fetched from ${url}`));
      document.head.appendChild(script);
    });
    loading.catch(() => { loading = null; });  // the next chart tries again
  }
  return loading;
}
