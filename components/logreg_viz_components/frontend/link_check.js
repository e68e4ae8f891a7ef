// Tells the page about a link the server had to drop whole. Streamlit ignores a query string with more
// than 1,000 parameters (or over 512 Ki characters) and the page then rewrites the address, so only the
// address the browser first navigated to (the Navigation Timing entry, a public web API) still holds it.
// Reported once per page load, and only when it is over a limit, so an ordinary page never reruns for it.

// {fields, length} of a query string ("?a=1&b=2") when it is over either limit, else null.
export function droppedLink(search, limits) {
  const fields = search.length > 1 ? search.slice(1).split("&").length : 0;
  return fields > limits.maxFields || search.length > limits.maxLength ? { fields, length: search.length } : null;
}

let checked = false;

export default function linkCheck(component) {
  const { data, setTriggerValue } = component;
  if (checked) return;
  checked = true;
  const entry = performance.getEntriesByType("navigation")[0];
  let search = window.location.search;
  try {
    if (entry) search = new URL(entry.name).search;
  } catch {
    return;  // an address the browser cannot parse again: nothing to tell
  }
  const dropped = droppedLink(search, data);
  if (dropped) setTriggerValue("link", dropped);
}
