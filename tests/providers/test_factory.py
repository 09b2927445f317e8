"""Factory and model checks: keys from the environment, config validation, proxy, CA."""

from __future__ import annotations

import logging
import subprocess

import pytest

from bot.config import ModelSettings, NetworkSettings
from bot.providers.base import ChatMessage, ProviderError
from bot.providers.factory import build_provider, check_model
from bot.tasks import Task
from tests.fakes.proxy import RecordingProxy
from tests.providers.conftest import ENV, KEY, NO_PROXY, model

ASK = [ChatMessage("user", "안녕")]


async def collect(stream) -> list[str]:
    return [delta async for delta in stream]


# -- check_model -----------------------------------------------------------------


def test_ready_when_key_is_set():
    status = check_model("gpt", model("openai", None), NO_PROXY, ENV)
    assert status.state == "ready" and status.reason


@pytest.mark.parametrize("env", [{}, {"TEST_KEY": "  "}])
def test_missing_key_disables_with_the_variable_name(env):
    status = check_model("gpt", model("openai", None), NO_PROXY, env)
    assert status.state == "disabled" and "TEST_KEY" in status.reason


def test_conventional_key_variable_when_none_configured():
    m = ModelSettings(provider="anthropic", model="claude-test")
    status = check_model("claude", m, NO_PROXY, {})
    assert status.state == "disabled" and "ANTHROPIC_API_KEY" in status.reason
    assert check_model("claude", m, NO_PROXY, {"ANTHROPIC_API_KEY": "k"}).state == "ready"


def test_internal_server_needs_no_key_unless_configured():
    m = ModelSettings(provider="openai_compatible", model="llama", base_url="http://10.0.0.5:8000/v1")
    assert check_model("local", m, NO_PROXY, {}).state == "ready"


@pytest.mark.parametrize(
    "base_url", ["htp://x", "http//x", "http://", "api.openai.com/v1", "http://host:99999/v1", "http://a b/v1"]
)
def test_bad_base_url_is_misconfigured(base_url):
    status = check_model("gpt", model("openai", base_url), NO_PROXY, ENV)
    assert status.state == "misconfigured" and "base_url" in status.reason


def test_compatible_server_needs_a_base_url():
    m = ModelSettings(provider="openai_compatible", model="llama")
    status = check_model("local", m, NO_PROXY, {})
    assert status.state == "misconfigured" and "base_url" in status.reason


def test_misconfiguration_wins_over_missing_key():
    assert check_model("gpt", model("openai", "ftp://x"), NO_PROXY, {}).state == "misconfigured"


def test_bad_proxy_and_missing_ca_bundle(tmp_path):
    bad_proxy = NetworkSettings(proxy="proxy.local:3128")
    assert check_model("gpt", model("openai", None), bad_proxy, ENV).state == "misconfigured"
    no_ca = NetworkSettings(ca_bundle=str(tmp_path / "missing.pem"))
    status = check_model("gpt", model("openai", None), no_ca, ENV)
    assert status.state == "misconfigured" and "missing.pem" in status.reason


@pytest.mark.parametrize(
    ("provider", "tasks"),
    [("anthropic", [Task.CHAT, Task.IMAGE]), ("perplexity", [Task.IMAGE]), ("deepl", [Task.TRANSLATE, Task.CHAT])],
)
def test_tasks_the_api_cannot_do_are_misconfigured(provider, tasks):
    status = check_model("m", model(provider, None, tasks=tasks), NO_PROXY, ENV)
    assert status.state == "misconfigured"


@pytest.mark.parametrize(
    "options",
    [
        {"glossaries": {"korean-english-x": {"a": "b"}}},
        {"glossaries": {"ko-en": {}}},
        {"glossaries": {"ko-en": {"민원\t": "civil\npetition"}}},
        {"formality": "very"},
    ],
)
def test_bad_deepl_options_are_misconfigured(options):
    status = check_model("deepl", model("deepl", None, options=options), NO_PROXY, ENV)
    assert status.state == "misconfigured" and "options." in status.reason


def test_offline_is_always_ready():
    assert check_model("offline", ModelSettings(provider="offline"), NO_PROXY, {}).state == "ready"


# -- build_provider ----------------------------------------------------------------


def test_disabled_model_raises_auth_with_reason():
    with pytest.raises(ProviderError) as err:
        build_provider("gpt", model("openai", None), NO_PROXY, {})
    assert err.value.kind == "auth" and "TEST_KEY" in err.value.detail and err.value.service == "OpenAI"


def test_misconfigured_model_raises_misconfigured():
    with pytest.raises(ProviderError) as err:
        build_provider("gpt", model("openai", "nonsense"), NO_PROXY, ENV)
    assert err.value.kind == "misconfigured"


def test_offline_provider_is_built_lazily():
    offline = pytest.importorskip("bot.providers.offline")
    p = build_provider("offline", ModelSettings(provider="offline"), NO_PROXY, {})
    assert isinstance(p, offline.OfflineProvider)


async def test_key_and_url_come_from_config_not_sdk_variables(openai_fake, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "wrong-key-from-environment")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    p = build_provider("gpt", model("openai", openai_fake.url + "/v1"), NO_PROXY, ENV)
    assert await collect(p.chat(ASK))
    assert openai_fake.requests[-1].headers["Authorization"] == f"Bearer {KEY}"
    await p.aclose()


def test_sdk_debug_logging_is_capped(monkeypatch):
    for name in ("openai", "anthropic", "deepl"):
        monkeypatch.setattr(logging.getLogger(name), "level", logging.DEBUG)
    build_provider("gpt", model("openai", None), NO_PROXY, ENV)
    build_provider("deepl", model("deepl", None), NO_PROXY, ENV)
    for name in ("openai", "openai._base_client", "anthropic", "deepl", "httpx2"):
        assert not logging.getLogger(name).isEnabledFor(logging.DEBUG)


# -- the outbound proxy carries the traffic -------------------------------------------


@pytest.fixture
def proxy():
    with RecordingProxy() as p:
        yield p


async def test_openai_traffic_goes_through_the_proxy(openai_fake, proxy):
    network = NetworkSettings(proxy=proxy.url)
    p = build_provider("gpt", model("openai", openai_fake.url + "/v1"), network, ENV)
    assert await collect(p.chat(ASK)) == ["echo: ", "안녕"]
    assert [r.url for r in proxy.requests] == [f"{openai_fake.url}/v1/chat/completions"]
    assert len(openai_fake.requests) == 1
    await p.aclose()


async def test_anthropic_traffic_goes_through_the_proxy(anthropic_fake, proxy):
    network = NetworkSettings(proxy=proxy.url)
    p = build_provider("claude", model("anthropic", anthropic_fake.url, model="claude-test"), network, ENV)
    assert await collect(p.chat(ASK)) == ["echo: ", "안녕"]
    assert [r.url for r in proxy.requests] == [f"{anthropic_fake.url}/v1/messages"]
    await p.aclose()


async def test_deepl_traffic_goes_through_the_proxy(deepl_fake, proxy):
    network = NetworkSettings(proxy=proxy.url)
    p = build_provider("deepl", model("deepl", deepl_fake.url), network, ENV)
    assert (await p.translate(["안녕"], target_lang="EN")).texts == ["[EN-US] 안녕"]
    assert [r.url for r in proxy.requests] == [f"{deepl_fake.url}/v2/translate"]
    await p.aclose()


async def test_internal_model_bypasses_the_outbound_proxy_unless_told(openai_fake, proxy):
    network = NetworkSettings(proxy=proxy.url)
    direct = build_provider("local", model("openai_compatible", openai_fake.url + "/v1"), network, ENV)
    assert await collect(direct.chat(ASK))
    assert proxy.requests == [] and len(openai_fake.requests) == 1
    await direct.aclose()
    proxied = build_provider(
        "local", model("openai_compatible", openai_fake.url + "/v1", options={"use_proxy": True}), network, ENV
    )
    assert await collect(proxied.chat(ASK))
    assert len(proxy.requests) == 1
    await proxied.aclose()


async def test_unreachable_proxy_is_unavailable(openai_fake):
    with RecordingProxy() as gone:
        url = gone.url
    p = build_provider("gpt", model("openai", openai_fake.url + "/v1", max_retries=0), NetworkSettings(proxy=url), ENV)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "unavailable"
    assert openai_fake.requests == []
    await p.aclose()


# -- CA bundle ---------------------------------------------------------------------


@pytest.fixture
def ca_bundle(tmp_path):
    cert = tmp_path / "agency-ca.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Agency Test CA",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return str(cert)


async def test_ca_bundle_reaches_every_client(ca_bundle):
    network = NetworkSettings(ca_bundle=ca_bundle)
    p = build_provider("gpt", model("openai", None), network, ENV)
    ssl_context = p.client._client._transport._pool._ssl_context  # httpx2 → httpcore2 pool
    assert [c["subject"] for c in ssl_context.get_ca_certs()] == [((("commonName", "Agency Test CA"),),)]
    await p.aclose()
    d = build_provider("deepl", model("deepl", None), network, ENV)
    assert d._translator._client._session.verify == ca_bundle
    await d.aclose()
