"""분석 through the pipeline: a local profile, a chart, and only profile + sample sent to a model."""

from bot.app import build_pipeline
from bot.config import Settings
from bot.providers.base import Capability, ChatStream, Provider
from tests.documents import makers
from tests.helpers import RecordingReply, bytes_attachment, make_request

ROWS = [["월", "민원 건수", "부서"]] + [[f"2025-{m:02d}-01", 100 + m * 7, "민원과" if m % 2 else "세무과"]
                                       for m in range(1, 13)]


async def test_offline_analysis_profiles_the_sheet_and_attaches_a_chart():
    pipeline = build_pipeline(Settings())
    reply = RecordingReply()
    att = bytes_attachment("민원.xlsx", makers.xlsx_bytes({"월별": ROWS}))
    await pipeline.handle(make_request("분석", attachments=[att]), reply)
    kind, text = reply.final
    assert kind == "finish", reply.events
    assert "12행" in text and "민원 건수" in text
    assert reply.files and reply.files[0].data.startswith(b"\x89PNG")


class Recorder(Provider):
    capabilities = frozenset({Capability.CHAT})
    service = "기록"

    def __init__(self):
        self.sent = []

    def chat(self, messages, **kw):
        self.sent.extend(m.content for m in messages)

        class S(ChatStream):
            async def _deltas(self):
                yield "표 설명입니다."

        return S()


async def test_model_gets_profile_and_sample_not_the_whole_sheet():
    rows = [["번호", "금액"]] + [[str(i), str(i * 1000)] for i in range(1, 2001)]
    models = {"claude": {"provider": "anthropic", "model": "c", "tasks": ["analyze"]}}
    pipeline = build_pipeline(Settings(models=models, defaults={"analyze": "claude"}))
    pipeline.registry._providers["claude"] = rec = Recorder()
    csv = "\n".join(",".join(r) for r in rows).encode()
    reply = RecordingReply()
    await pipeline.handle(make_request("분석", attachments=[bytes_attachment("a.csv", csv)]), reply)
    assert reply.final[0] == "finish"
    sent = "\n".join(rec.sent)
    assert "2000" in sent  # the row count is in the profile
    assert "1500000" not in sent and "1,500,000" not in sent  # a middle row was never sent
