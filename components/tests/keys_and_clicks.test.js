import assert from "node:assert/strict";
import { test } from "node:test";

import { CLICK_CHECKED, clickedPoint, isClick } from "../logreg_viz_components/frontend/click.js";
import { droppedLink } from "../logreg_viz_components/frontend/link_check.js";
import { isPlayKey } from "../logreg_viz_components/frontend/play_key.js";

const key = (k, target = { tagName: "BODY" }, mods = {}) => ({ key: k, target, ...mods });

test("p toggles play, except with a modifier or while typing", () => {
  assert.equal(isPlayKey(key("p")), true);
  assert.equal(isPlayKey(key("P")), false);
  assert.equal(isPlayKey(key("n")), false);
  assert.equal(isPlayKey(key("p", { tagName: "BODY" }, { ctrlKey: true })), false);
  assert.equal(isPlayKey(key("p", { tagName: "BODY" }, { metaKey: true })), false);
  for (const tagName of ["INPUT", "TEXTAREA", "SELECT"]) assert.equal(isPlayKey(key("p", { tagName })), false);
  assert.equal(isPlayKey(key("p", { tagName: "DIV", isContentEditable: true })), false);
});

test("a press and release within 4 px is a click; further is a drag", () => {
  assert.equal(isClick([10, 10], [13, 10]), true);
  assert.equal(isClick([10, 10], [13, 14]), false);
  assert.equal(isClick(null, [10, 10]), false);
});

// An axis as plotly.js 4.1 keeps it: the plot area starts `_offset` px into the chart and is `_length`
// px long; p2d maps a pixel in it linearly onto the range (y grows upwards).
const axis = (offset, length, [lo, hi], flip = false) => ({
  _offset: offset, _length: length, p2d: (px) => (flip ? hi - (px / length) * (hi - lo) : lo + (px / length) * (hi - lo)),
});
const GD = { _fullLayout: { xaxis: axis(50, 200, [-2, 2]), yaxis: axis(20, 100, [0, 10], true) } };
const AXES = { x: "xaxis", y: "yaxis" };
const BOX = { left: 100, top: 300 };

test("a click maps to the data coordinates of the axes named, by hand", () => {
  // 100 + 50 + 150 px: three quarters along x from −2 to 2 → 1; 300 + 20 + 25 px: a quarter down from 10 → 7.5
  const point = clickedPoint({ version: "4.1.1" }, GD, AXES, 300, 345, BOX);
  assert.deepEqual(point, { x: 1, y: 7.5 });
});

test("a click outside the plot area, or on axes the chart lacks, reports nothing", () => {
  assert.equal(clickedPoint({ version: "4.1.1" }, GD, AXES, 149, 345, BOX), null);
  assert.equal(clickedPoint({ version: "4.1.1" }, GD, AXES, 300, 421, BOX), null);
  assert.equal(clickedPoint({ version: "4.1.1" }, GD, { x: "xaxis2", y: "yaxis2" }, 300, 345, BOX), null);
  assert.equal(clickedPoint({ version: "4.1.1" }, {}, AXES, 300, 345, BOX), null);
});

test("another plotly.js release switches the click off instead of guessing at its internals", () => {
  assert.ok(CLICK_CHECKED.test("4.1.1"));
  for (const version of ["4.2.0", "5.0.0", "3.1.1", undefined]) {
    assert.equal(clickedPoint({ version }, GD, AXES, 300, 345, BOX), null, String(version));
  }
  assert.equal(clickedPoint(undefined, GD, AXES, 300, 345, BOX), null);
});

test("a link is reported only past one of the server's limits", () => {
  const limits = { maxFields: 1000, maxLength: 512 * 1024 };
  assert.equal(droppedLink("", limits), null);
  assert.equal(droppedLink("?n=2&x1=1", limits), null);
  const many = "?" + Array.from({ length: 1001 }, (_, i) => `k${i}=1`).join("&");
  assert.deepEqual(droppedLink(many, limits), { fields: 1001, length: many.length });
  const thousand = "?" + Array.from({ length: 1000 }, (_, i) => `k${i}=1`).join("&");
  assert.equal(droppedLink(thousand, limits), null);
  const long = "?a=" + "x".repeat(512 * 1024);
  assert.deepEqual(droppedLink(long, limits), { fields: 1, length: long.length });
});
