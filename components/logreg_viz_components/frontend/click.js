// Where a click on a chart's plot area lands, in data coordinates.
//
// plotly.js has no public way to turn a pixel into axis coordinates (plotly.js#7488): this is the one
// place the page reads plotly.js internals (each axis's `_offset`, `_length` and `p2d`). It is used
// only with the plotly.js releases it was checked against; with any other the click does nothing,
// and a point can still be typed. Listed in docs/architecture.md with the upgrade checklist.
export const CLICK_CHECKED = /^4\.1\./;

// A press and a release this close are a click, not a drag.
export const CLICK_SLOP_PX = 4;

export function isClick(down, up) {
  return down !== null && Math.hypot(up[0] - down[0], up[1] - down[1]) <= CLICK_SLOP_PX;
}

// {x, y} in the data coordinates of the axes `axes` names ({x: "xaxis", y: "yaxis"}), or null when the
// click is outside their plot area or this plotly.js is not one the reading was checked against.
export function clickedPoint(Plotly, gd, axes, clientX, clientY, box) {
  if (!Plotly || !CLICK_CHECKED.test(String(Plotly.version))) return null;
  const full = gd._fullLayout;
  const xa = full && full[axes.x];
  const ya = full && full[axes.y];
  if (!xa || !ya || typeof xa.p2d !== "function" || typeof ya.p2d !== "function") return null;
  const px = clientX - box.left - xa._offset;
  const py = clientY - box.top - ya._offset;
  if (!(px >= 0 && px <= xa._length && py >= 0 && py <= ya._length)) return null;
  const point = { x: xa.p2d(px), y: ya.p2d(py) };
  return Number.isFinite(point.x) && Number.isFinite(point.y) ? point : null;
}
