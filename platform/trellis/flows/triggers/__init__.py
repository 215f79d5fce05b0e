"""The core's trigger types, one class per file."""
