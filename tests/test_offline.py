"""Tests run with the network blocked (pytest-socket): only loopback is allowed."""

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


def test_non_loopback_connections_are_refused():
    # 127.0.0.2 is outside the allow-list yet still loopback, so even a broken guard sends nothing off the machine.
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("127.0.0.2", 9), timeout=1)


def test_processing_needs_no_network(courier):
    import eventwire

    article = eventwire.process_text(courier[0])  # would raise SocketBlockedError on any lookup
    assert article.outlet.name == "Atlantic Courier"
