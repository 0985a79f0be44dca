"""The floor: what Streamlit itself needs to show one trivial Plotly chart. Used by python -m benchmarks."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
