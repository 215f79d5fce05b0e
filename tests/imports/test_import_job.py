"""ImportJob settings read from the environment."""


def test_chunk_pause_from_the_environment(monkeypatch):
    from trellis.imports.job import chunk_pause

    monkeypatch.delenv("TRELLIS_IMPORT_PAUSE_MS", raising=False)
    assert chunk_pause() == 0
    monkeypatch.setenv("TRELLIS_IMPORT_PAUSE_MS", "250")
    assert chunk_pause() == 0.25
    monkeypatch.setenv("TRELLIS_IMPORT_PAUSE_MS", "soon")
    assert chunk_pause() == 0
