// "p" plays or pauses the page's first animation: a presenter's remote sends it. Not while typing.

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

// Whether a key press is someone typing (into a field) rather than a shortcut.
export function isTyping(target) {
  return Boolean(target && (target.isContentEditable || TYPING.has(target.tagName)));
}

export function isPlayKey(event) {
  if (event.key !== "p" || event.ctrlKey || event.metaKey || event.altKey) return false;
  return !isTyping(event.target);
}
