// "p" plays or pauses the page's first animation: a presenter's remote sends it. Not while typing.

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function isPlayKey(event) {
  if (event.key !== "p" || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  return !(target && (target.isContentEditable || TYPING.has(target.tagName)));
}
