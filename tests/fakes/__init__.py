"""Local fake servers that speak the provider APIs' wire protocols, for tests and benchmarks.

Import from the modules: ``tests.fakes.openai_server.OpenAIFake``,
``tests.fakes.anthropic_server.AnthropicFake``, ``tests.fakes.deepl_server.DeepLFake``,
``tests.fakes.proxy.RecordingProxy``; scripting types live in ``tests.fakes.base``.
"""
