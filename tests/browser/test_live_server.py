"""The browser tests' live server never uses the test's in-memory SQLite connection from two threads
(tests/browser/conftest.py): a full run once hung for good with two request threads inside SQLite."""

from socketserver import ThreadingMixIn

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread


def _server(connections_override):
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=connections_override)
    return thread._create_server(connections_override=connections_override)


def test_sharing_the_tests_in_memory_database_it_serves_one_request_at_a_time():
    server = _server({"default": object()})
    try:
        assert not isinstance(server, ThreadingMixIn)
    finally:
        server.server_close()


def test_with_a_connection_per_thread_it_stays_threaded():
    server = _server({})
    try:
        assert isinstance(server, ThreadingMixIn)
    finally:
        server.server_close()
