// A phase's formula, sent as MathML text, drawn as MathML elements the browser lays out itself. The
// text is parsed as XML, never as HTML, and rebuilt element by element from a fixed list of MathML
// presentation elements and attributes: nothing else (no script, no link, no event handler, no style)
// can reach the page, whatever the text holds.

export const MATHML_NS = "http://www.w3.org/1998/Math/MathML";
const ELEMENTS = new Set([
  "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "mfrac", "msqrt",
  "mroot", "mstyle", "mpadded", "mphantom", "munder", "mover", "munderover", "mtable", "mtr", "mtd",
]);
const ATTRIBUTES = new Set([
  "display", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "form", "accent",
  "accentunder", "displaystyle", "scriptlevel", "linethickness", "width", "height", "depth", "symmetric",
  "largeop", "movablelimits", "columnalign", "rowspacing", "columnspacing",
]);

// The MathML in `text` as a detached <math> element made of allowed parts only, or null if it does
// not parse or is not a <math> element.
export function mathElement(doc, parser, text) {
  if (typeof text !== "string" || text === "") return null;
  const parsed = parser.parseFromString(text, "application/xml");
  const root = parsed.documentElement;
  if (!root || root.localName !== "math" || root.namespaceURI !== MATHML_NS) return null;
  return rebuilt(doc, root);
}

function rebuilt(doc, node) {
  if (!ELEMENTS.has(node.localName) || node.namespaceURI !== MATHML_NS) return null;
  const out = doc.createElementNS(MATHML_NS, node.localName);
  for (const attribute of Array.from(node.attributes)) {
    const value = attribute.value;
    if (ATTRIBUTES.has(attribute.name) && /^[\w .%+-]*$/.test(value)) out.setAttribute(attribute.name, value);
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out.appendChild(doc.createTextNode(child.nodeValue));
    else if (child.nodeType === 1) {
      const part = rebuilt(doc, child);
      if (part) out.appendChild(part);
    }
  }
  return out;
}
