import textwrap

import pytest

from bot.config import ConfigError, load_config
from bot.registry import ModelRegistry
from bot.tasks import Task


def write(tmp_path, text):
    path = tmp_path / "dasan.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_no_file_gives_offline_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DASAN_CONFIG", raising=False)
    settings = load_config()
    assert settings.bot.adapter == "console"
    registry = ModelRegistry(settings)
    assert all(registry.default_for(t).name == "offline" for t in Task)


def test_example_config_is_valid():
    from pathlib import Path

    settings = load_config(Path(__file__).parents[2] / "dasan.example.toml")
    assert "offline" in settings.models


@pytest.mark.parametrize("body,needle", [
    ("[bot]\nadaptor = 'slack'\n", "bot.adaptor"),
    ("[bot]\nadapter = 'irc'\n", "bot.adapter"),
    ("[limits]\nmax_file_mb = -1\n", "limits.max_file_mb"),
    ("[defaults]\nchat = 'nope'\n", "defaults.chat"),
    ("[models.gpt]\nprovider = 'openai'\n", "models.gpt"),
    ("[models.gpt]\nprovider = 'openai'\nmodel = 'x'\nraw_pii_ok = true\n", "raw_pii_ok"),
    ("[models.a]\nprovider = 'openai'\nmodel = 'x'\nfallback = 'zzz'\n", "models.a.fallback"),
    ("[bot\n", "TOML"),
])
def test_bad_config_is_one_clear_line(tmp_path, body, needle):
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, body))
    message = str(info.value)
    assert needle in message
    assert "\n" not in message and message.startswith("설정")


def test_missing_file_named(tmp_path):
    with pytest.raises(ConfigError, match="찾을 수 없습니다"):
        load_config(tmp_path / "none.toml")


def test_registry_defaults_and_external_flags(tmp_path):
    settings = load_config(write(tmp_path, """
        [models.gpt]
        provider = "openai"
        model = "gpt-4.1"
        tasks = ["chat", "summarize", "draft"]
        price_in_per_1k = 2.0
        price_out_per_1k = 8.0
        [models.local]
        provider = "openai_compatible"
        model = "qwen"
        base_url = "http://127.0.0.1:8000/v1"
        tasks = ["chat"]
        [defaults]
        summarize = "gpt"
    """))
    registry = ModelRegistry(settings)
    assert registry.default_for(Task.SUMMARIZE).name == "gpt"
    assert registry.default_for(Task.CHAT).name == "offline"
    assert registry.get("gpt").external is True
    assert registry.get("local").external is False
    assert registry.get("GPT").name == "gpt"
    assert registry.get("gpt").cost(1000, 500) == pytest.approx(6.0)
    assert [m.name for m in registry.models_for(Task.DRAFT)] == ["offline", "gpt"]


def test_environment_overrides_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DASAN_BOT__ADAPTER", "mattermost")
    settings = load_config(write(tmp_path, "[bot]\nadapter = 'slack'\n"))
    assert settings.bot.adapter == "mattermost"
