"""Panels placed on a grid: no panel, title or legend band meets another, and the narrowest chart a
grid fits is the one it says."""

import pytest

from logreg_viz.figures.grid import PAGE, PRESENTER, Grid, grid_layout, grids, legend_rows, padded
from logreg_viz.figures.measure import em

TITLES = ["the data", "average loss over steps", "averaged loss over all examples", "one example"]


def boxes(layout: dict) -> list[tuple[list[float], list[float]]]:
    """Each panel's (x domain, y domain), in the order of its axes."""
    names = sorted((k for k in layout if k.startswith("xaxis")), key=lambda k: int(k[5:] or 1))
    return [(layout[n]["domain"], layout["y" + n[1:]]["domain"]) for n in names]


def apart(a: list[float], b: list[float]) -> bool:
    return a[1] <= b[0] or b[1] <= a[0]


@pytest.mark.parametrize("grid", sorted({*PAGE, *PRESENTER}, key=lambda g: (g.tick, g.columns)))
@pytest.mark.parametrize("panels", [2, 4])
def test_panels_never_overlap_and_stand_columns_to_a_row(grid, panels):
    layout = grid_layout(TITLES[:panels], Grid(grid.tick, min(grid.columns, panels)), legend=["a", "b"], playable=True)
    placed = boxes(layout)
    assert len(placed) == panels
    for i, (x, y) in enumerate(placed):
        assert 0 <= x[0] < x[1] <= 1 and 0 <= y[0] < y[1] <= 1
        for other_x, other_y in placed[i + 1 :]:
            assert apart(x, other_x) or apart(y, other_y)
    rows = {tuple(y) for _, y in placed}
    assert len(rows) == -(-panels // min(grid.columns, panels))
    # each title sits above its own panel, centred on it, at its size
    for (x, y), title in zip(placed, layout["annotations"], strict=True):
        assert title["xanchor"] == "center" and title["x"] == pytest.approx(sum(x) / 2, abs=1e-4)
        assert title["y"] > y[1] and title["font"]["size"] == grid.tick + 2


def test_the_narrowest_width_holds_a_plot_and_the_longest_title_in_each_column():
    for grid in (Grid(12, 1), Grid(15, 2), Grid(18, 4)):
        layout = grid_layout(TITLES, grid)
        column = (layout["min_width"] - 6) / grid.columns
        assert column - grid.left_px - grid.right_px >= 240
        assert column >= max(em(t) for t in TITLES) * grid.title


def test_grids_offer_each_layout_once_the_most_readable_first():
    assert grids(False, 2) == (Grid(15, 2), Grid(13, 2), Grid(13, 1), Grid(12, 1))
    assert grids(True, 4)[0] == Grid(18, 4)
    for presenter in (False, True):
        widths = [grid_layout(TITLES, g)["min_width"] for g in grids(presenter, 4)]
        assert widths == sorted(widths, reverse=True) and len(set(widths)) == len(widths)


def test_a_legend_gets_a_band_above_the_row_it_names_and_the_mode_bar_its_corner():
    at_top = grid_layout(TITLES, Grid(13, 1), legend=["full batch", "stochastic"])
    assert at_top["margin"]["t"] >= 30 and at_top["legend"]["y"] >= boxes(at_top)[0][1][1]
    between = grid_layout(TITLES, Grid(13, 2), legend=["a", "b"], legend_at=2)
    (_, top_row), (_, _), (_, low_row), _ = boxes(between)
    assert low_row[1] < between["legend"]["y"] < top_row[0]


def test_legend_rows_wrap_as_plotly_js_wraps_them():
    names = ["cross-entropy: a", "cross-entropy: |dz|", "squared error: a", "squared error: |dz|", "label y"]
    assert legend_rows(names, 18, 1800) == 1
    # too long for one row: columns as wide as the widest entry (here two, then one)
    assert legend_rows(names, 13, 345) == 3 and legend_rows(names, 13, 300) == 5
    # legend groups fill each row as far as it goes
    assert legend_rows(["main, α = 0.1", "from step 10, α = 3", "x"], 13, 330, grouped=True) == 2


def test_playable_grids_leave_play_pause_and_the_slider_apart():
    side = grid_layout(TITLES, Grid(15, 2), playable=True)["controls"]
    plot_w = grid_layout(TITLES, Grid(15, 2))["min_width"] - 6
    assert side["x"] * plot_w == pytest.approx(9 * 15 + 60, abs=0.5) and "slider_y" not in side
    stacked = grid_layout(TITLES, Grid(12, 1), playable=True)
    assert stacked["controls"]["x"] == 0 and stacked["controls"]["slider_y"] < 0
    assert stacked["margin"]["b"] > grid_layout(TITLES, Grid(12, 2), playable=True)["margin"]["b"]


def test_padded_ranges_leave_room_at_both_ends():
    assert padded(0.0, 10.0) == pytest.approx([-0.4, 10.4])
