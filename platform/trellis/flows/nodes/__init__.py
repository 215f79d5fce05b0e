"""The core's node types, one class per file."""
