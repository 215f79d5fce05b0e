"""Plugins for the plugin tests, loaded through TRELLIS_PLUGINS (module paths): one that
works and ships a browser module, and ones that fail in each way a plugin can."""
