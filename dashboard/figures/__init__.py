"""Pure figure builders: DataFrames in, ``plotly.graph_objects.Figure`` out. No Streamlit here."""

from dashboard.figures.framing import Meta, frame

__all__ = ["Meta", "frame"]
