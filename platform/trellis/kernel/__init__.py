"""The kernel: what every layer may use and that uses nothing of Trellis — errors, the
strict registry, the actor, the clock, timestamps, nesting limits, sandboxed templates."""
