"""Pure figure builders: DataFrames in, ``plotly.graph_objects.Figure`` out. No Streamlit here."""

from dashboard.figures.frame import Meta, frame

__all__ = ["Meta", "frame"]
