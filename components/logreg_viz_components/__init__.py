"""The page's Streamlit components: live Plotly charts that update in place, and the link check.

`page_components` registers them with Streamlit (import it from the page); `payload` is the pure part,
the bytes a live chart receives, usable without Streamlit. Their JavaScript is in `frontend/`,
served by Streamlit as files of this package (declared in its pyproject.toml), so a page loads it
once. The charts draw with the plotly.js that plotly.py ships, the same build an exported HTML file
embeds; `frontend/plotly.min.js.gz` is that file, gzipped there when `page_components` is imported.
"""
