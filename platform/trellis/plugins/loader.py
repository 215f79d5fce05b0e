"""Plugin discovery: each installed distribution may expose an entry point in the group
`trellis.plugins` pointing at a callable `register(registries)`; it registers field types,
node types, channels, ... through the same Registry API the core uses."""
from __future__ import annotations

from importlib.metadata import entry_points


def load_plugins(registries) -> list[str]:
    loaded = []
    for ep in entry_points(group="trellis.plugins"):
        ep.load()(registries)
        loaded.append(ep.name)
    return loaded
