"""network.proxy carries all of the adapter's traffic; network.ca_bundle is trusted for TLS.

The fake Slack serves HTTPS/WSS with a certificate made for this test, as a
real Slack behind an agency proxy would be reached: Web API calls, the file
download, the upload and the Socket Mode WebSocket all go through CONNECT
tunnels of the recording proxy, verified against the configured CA bundle.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.fakes.proxy import RecordingProxy
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import PUBLIC, USER, events_url, make_settings, running
from tests.slack.test_socket_mode import answer_in


def self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-slack.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fake-slack.pem", directory / "fake-slack.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@pytest.fixture
async def tls_slack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[FakeSlack, Path]]:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    async with FakeSlack(ssl_context=context) as slack:
        slack.add_channel(PUBLIC, "public")
        for name, value in (("SLACK_BOT_TOKEN", slack.bot_token), ("SLACK_APP_TOKEN", slack.app_token),
                            ("SLACK_SIGNING_SECRET", slack.signing_secret)):
            monkeypatch.setenv(name, value)
        yield slack, cert


@pytest.fixture
async def proxy() -> AsyncIterator[RecordingProxy]:
    p = await asyncio.to_thread(RecordingProxy().start)
    try:
        yield p
    finally:
        # RecordingProxy.stop() closes its asyncio server from this thread while the proxy's own loop may be
        # detaching a connection (asyncio.Server is not thread-safe: a rare TypeError). Close it on its loop.
        server, p._server = p._server, None
        if server is not None:
            p._loop_thread.run(_close(server))
        await asyncio.to_thread(p.stop)


async def _close(server: asyncio.AbstractServer) -> None:
    server.close()


@pytest.mark.parametrize("mode", ["socket", "http"])
async def test_traffic_goes_through_the_proxy_with_the_ca_bundle(tls_slack, proxy: RecordingProxy, mode) -> None:
    slack, cert = tls_slack
    f = slack.add_file("메모.txt", "예산은 5억 원이다. 사업은 내년 3월에 시작한다.".encode(), user=USER)
    settings = make_settings(slack, mode=mode, extra={"network": {"proxy": proxy.url, "ca_bundle": str(cert)}})
    async with running(slack, settings) as adapter:
        body = slack.mention(PUBLIC, "<@UBOT> 요약", files=[f])
        if mode == "http":
            await slack.http_event(events_url(adapter, settings), body)
        else:
            await slack.socket_event(body)
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, body["event"]["ts"]))
    assert "메모.txt" in answer["text"] and "내년 3월" in answer["text"]  # the file came through
    # Every connection to the fake Slack was a CONNECT tunnel through the proxy: nothing went direct.
    assert proxy.requests and {(r.method, r.url) for r in proxy.requests} == {("CONNECT", f"127.0.0.1:{slack.port}")}
    assert len(slack.calls_to("file.download")) == 1
