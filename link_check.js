// Tells the page about a link the server had to drop whole. Streamlit ignores a query string with more
// than 1,000 parameters (or over 512 Ki characters) and the page then rewrites the address, so only the
// address the browser first navigated to (the Navigation Timing entry, a public web API) still holds it.
// Reported once per page load, and only when it is over a limit, so an ordinary page never reruns for it.
export default function (component) {
  const { data, setTriggerValue } = component;
  if (window.__logregLinkChecked) return;
  window.__logregLinkChecked = true;
  const entry = performance.getEntriesByType("navigation")[0];
  let search = window.location.search;
  try {
    if (entry) search = new URL(entry.name).search;
  } catch (error) {
    return;  // an address the browser cannot parse again: nothing to tell
  }
  const fields = search.length > 1 ? search.slice(1).split("&").length : 0;
  if (fields > data.maxFields || search.length > data.maxLength) {
    setTriggerValue("link", { fields, length: search.length });
  }
}
