"""The web process: configuration, the app factory, Flask-AppBuilder's objects, the built
front end, and the WSGI / Celery entry points."""
