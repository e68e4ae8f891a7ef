"""The least a Streamlit + Plotly page costs: one button and two tiny charts that change with it.

bench/bench_browser.py measures it beside logreg-viz in the same run, as the floor of this stack: a
click here is a round trip to the server and back, the same as any Streamlit page's.
"""

import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("n", 0)
if st.button("Step"):
    st.session_state.n += 1
n = st.session_state.n
for kind in ("bars", "line"):
    figure = go.Figure(
        go.Bar(x=[1, 2], y=[n, n + 1]) if kind == "bars" else go.Scatter(x=[0, 1], y=[n, -n], text=[f"n = {n}"] * 2),
        layout=dict(height=200, template="plotly_white", title=f"n = {n}"),
    )
    st.plotly_chart(figure, key=kind)
