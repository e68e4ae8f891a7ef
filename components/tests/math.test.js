import assert from "node:assert/strict";
import { test } from "node:test";

import { MATHML_NS, mathElement } from "../logreg_viz_components/frontend/math.js";

// A small stand-in for the browser's DOM: the parser returns a tree made here, the document builds
// plain objects, so the test sees exactly which elements, attributes and texts get through.
const HTML_NS = "http://www.w3.org/1999/xhtml";
function el(localName, attrs = {}, children = [], namespaceURI = MATHML_NS) {
  return {
    nodeType: 1, localName, namespaceURI, childNodes: children,
    attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })),
  };
}
const txt = (nodeValue) => ({ nodeType: 3, nodeValue });
const parserOf = (root) => ({ parseFromString: () => ({ documentElement: root }) });
const doc = {
  createElementNS: (ns, name) => ({
    ns, name, attrs: {}, children: [],
    setAttribute(key, value) { this.attrs[key] = value; },
    appendChild(child) { this.children.push(child); },
  }),
  createTextNode: (value) => ({ text: value }),
};

test("MathML's presentation elements and attributes come through, text as text", () => {
  const root = el("math", { display: "block" }, [el("mrow", {}, [el("mi", {}, [txt("a")]), el("mo", { stretchy: "false" }, [txt("=")]),
    el("mfrac", {}, [el("mn", {}, [txt("1")]), el("mn", {}, [txt("2")])])])]);
  const out = mathElement(doc, parserOf(root), "<math/>");
  assert.equal(out.ns, MATHML_NS);
  assert.equal(out.name, "math");
  assert.deepEqual(out.attrs, { display: "block" });
  const row = out.children[0];
  assert.deepEqual(row.children.map((c) => c.name), ["mi", "mo", "mfrac"]);
  assert.deepEqual(row.children[0].children, [{ text: "a" }]);
  assert.deepEqual(row.children[1].attrs, { stretchy: "false" });
});

test("anything else is dropped: scripts, links, handlers, styles, other namespaces, odd values", () => {
  const root = el("math", { onclick: "alert(1)", style: "color:red", href: "http://x", display: "block;x" }, [
    el("script", {}, [txt("alert(1)")]),
    el("maction", { actiontype: "toggle" }, [el("mi", {}, [txt("x")])]),
    el("a", { href: "http://x" }, [txt("link")], HTML_NS),
    el("mi", { mathvariant: "bold", onmouseover: "x()" }, [txt("y")]),
  ]);
  const out = mathElement(doc, parserOf(root), "<math/>");
  assert.deepEqual(out.attrs, {});
  assert.deepEqual(out.children.map((c) => c.name), ["mi"]);
  assert.deepEqual(out.children[0].attrs, { mathvariant: "bold" });
});

test("no formula, not MathML, or not parsed: nothing drawn", () => {
  assert.equal(mathElement(doc, parserOf(el("math")), ""), null);
  assert.equal(mathElement(doc, parserOf(el("math")), null), null);
  assert.equal(mathElement(doc, parserOf(el("svg", {}, [], "http://www.w3.org/2000/svg")), "<svg/>"), null);
  assert.equal(mathElement(doc, parserOf(el("parsererror", {}, [], HTML_NS)), "<math"), null);
  assert.equal(mathElement(doc, parserOf(null), "x"), null);
});
