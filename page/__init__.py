"""The page: Streamlit's side of logreg-viz. `app.py` configures it and dispatches here; every
computation it shows comes from `logreg_viz`, which never imports Streamlit."""
