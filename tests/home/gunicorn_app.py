"""A WSGI application for the gunicorn tests: the site is not needed to see gunicorn's own answers."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return ["Сайт ответил".encode()]
