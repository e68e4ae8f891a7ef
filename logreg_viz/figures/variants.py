"""One figure laid out for several widths: each other layout sent as what differs from the first, which
the page merges in for the width its chart has (`components/.../figure.js`, `arranged`)."""

from __future__ import annotations


def difference(sent: object, own: object) -> object:
    """What turns `sent` into `own`, as the page merges it: a dict, only its entries that differ (each
    a difference); a list of dicts as long as the one sent, item by item; anything else, whole.
    `MISSING` where `own` has nothing."""
    if isinstance(sent, dict) and isinstance(own, dict):
        return {k: difference(sent.get(k, MISSING), v) for k, v in own.items() if sent.get(k, MISSING) != v}
    if (
        isinstance(sent, list)
        and isinstance(own, list)
        and len(sent) == len(own)
        and own
        and all(isinstance(item, dict) for item in own)
    ):
        return [difference(a, b) for a, b in zip(sent, own, strict=True)]
    return own


MISSING = object()


def variant_patch(data: list[dict], layout: dict, variant: tuple[int, list[dict], dict]) -> dict:
    """One arrangement as what differs from the figure sent: {min_width, layout: a `difference`,
    traces: {index: a trace's position and type that differ}}."""
    min_width, vdata, vlayout = variant
    traces = {}
    for i, (sent, own) in enumerate(zip(data, vdata, strict=True)):
        if own is sent:  # the very trace sent (a layout-only variant; its arrays may be numpy's)
            continue
        keys = {k: own[k] for k in ("x", "y", "text", "textposition", "textfont") if k in own and own[k] != sent.get(k)}
        if keys:
            traces[str(i)] = keys
    return {"min_width": min_width, "layout": difference(layout, vlayout), "traces": traces}
