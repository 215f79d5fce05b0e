"""The core's chart types, one class a module (reports/chart_type.py)."""
