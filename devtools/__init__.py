"""Development helpers shared by the browser tests and the benchmark harness (not used by the app)."""
