"""A plugin whose module cannot be imported (a dependency it needs is missing)."""
raise ImportError("No module named 'trellis_sample_dependency'")
