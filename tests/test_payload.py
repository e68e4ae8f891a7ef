"""The bytes a live chart receives: plotly.js's typed arrays, checked by decoding them by hand."""

import base64
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from logreg_viz_components.payload import figure_payload, install_plotly_js, plotly_js_path, typed_array


def _decode(spec: dict) -> np.ndarray:
    values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))
    return values.reshape([int(n) for n in spec["shape"].split(",")]) if "shape" in spec else values


@pytest.mark.parametrize(
    "values",
    [
        np.array([0.5, -1.25, 1e300, -np.inf, np.inf]),
        np.array([1.5, 2.5], dtype=np.float32),
        np.arange(6, dtype=np.uint8),
        np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
    ],
)
def test_a_numpy_array_travels_as_its_own_bytes(values):
    spec = typed_array(values)
    assert spec["dtype"] == values.dtype.str[1:]
    np.testing.assert_array_equal(_decode(spec), values)


def test_64_bit_integers_become_32_bit_when_they_fit_and_floats_when_not():
    small = typed_array(np.array([0, -5, 2**31 - 1], dtype=np.int64))
    assert small["dtype"] == "i4"
    assert _decode(small).tolist() == [0, -5, 2**31 - 1]
    big = typed_array(np.array([2**40, 1], dtype=np.int64))
    assert big["dtype"] == "f8"
    assert _decode(big).tolist() == [2.0**40, 1.0]


def test_other_arrays_go_as_plain_lists():
    assert typed_array(np.array([True, False])) == [True, False]
    assert typed_array(np.array(["a", "b"])) == ["a", "b"]


def test_a_payload_carries_config_and_click_axes_beside_the_figure():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="path"), layout=dict(title=dict(text="σ")))
    sent = json.loads(figure_payload(fig, {"displaylogo": False}, ("xaxis2", "yaxis2")))
    assert sent["config"] == {"displaylogo": False}
    assert sent["click"] == {"x": "xaxis2", "y": "yaxis2"}
    assert sent["data"][0]["name"] == "path" and sent["layout"]["title"]["text"] == "σ"
    assert "click" not in json.loads(figure_payload(fig))


def test_a_payload_carries_its_chart_s_description_as_the_very_text_given():
    words = 'L from 0.3133 to −0.01 <b>"bold"</b> & \\ 🎓'
    sent = json.loads(figure_payload({"data": [], "layout": {}}, description=words))
    assert sent["description"] == words and sent["data"] == []
    assert "description" not in json.loads(figure_payload({"data": [], "layout": {}}))


def test_the_page_loads_the_plotly_js_that_plotly_py_embeds_in_html():
    from plotly.offline import get_plotlyjs

    assert plotly_js_path().read_text(encoding="utf-8") == get_plotlyjs()


def test_the_gzipped_plotly_js_the_page_fetches_is_plotly_py_s_file(tmp_path):
    import gzip

    target = tmp_path / "plotly.min.js.gz"
    target.write_bytes(b"not gzip")  # a broken file is written again
    assert install_plotly_js(target)
    assert gzip.decompress(target.read_bytes()) == plotly_js_path().read_bytes()
    assert not install_plotly_js(target)  # already there: left alone
