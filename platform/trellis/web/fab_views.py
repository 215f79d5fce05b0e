"""Flask-AppBuilder's own (server-rendered) pages live under /admin; `/` is the Trellis UI."""
from flask_appbuilder import IndexView


class AdminIndexView(IndexView):
    route_base = "/admin"
