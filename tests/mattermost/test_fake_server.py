"""The fake speaks Mattermost's wire shapes (the adapter's tests are only as good as these)."""

from __future__ import annotations

import json

import aiohttp
import pytest
from mattermostautodriver import AsyncTypedDriver
from mattermostautodriver.exceptions import TooManyRequests


@pytest.fixture
def people(mm):
    bot = mm.add_user("dasan", bot=True, token="bot-token")
    kim = mm.add_user("kim", token="kim-token")
    lee = mm.add_user("lee", token="lee-token")
    team = mm.add_team("gov", members=[bot["id"], kim["id"], lee["id"]])
    town = mm.add_channel(team["id"], "town", members=[bot["id"], kim["id"], lee["id"]])
    return bot, kim, lee, town


def driver(mm, token: str, **options) -> AsyncTypedDriver:
    host, port = mm.url.removeprefix("http://").split(":")
    return AsyncTypedDriver({"scheme": "http", "url": host, "port": int(port), "token": token, **options})


async def receive_json(ws) -> dict:
    msg = await ws.receive(timeout=5)
    assert msg.type == aiohttp.WSMsgType.TEXT, msg
    return json.loads(msg.data)


async def test_real_driver_logs_in_because_content_type_is_exact(mm, people):
    bot = people[0]
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{mm.url}/api/v4/users/me", headers={"Authorization": "Bearer bot-token"}) as resp:
            assert resp.headers["Content-Type"] == "application/json"
    d = driver(mm, "bot-token")
    me = await d.login()
    await d.close()
    assert isinstance(me, dict) and me["id"] == bot["id"]


async def test_hello_precedes_ok_and_posted_carries_per_receiver_mentions(mm, people):
    bot, kim, lee, town = people
    async with aiohttp.ClientSession() as http:
        bot_ws = await http.ws_connect(f"{mm.url.replace('http', 'ws')}/api/v4/websocket")
        lee_ws = await http.ws_connect(f"{mm.url.replace('http', 'ws')}/api/v4/websocket")
        for ws, token in ((bot_ws, "bot-token"), (lee_ws, "lee-token")):
            await ws.send_str(json.dumps({"seq": 1, "action": "authentication_challenge", "data": {"token": token}}))
            hello = await receive_json(ws)
            assert hello["event"] == "hello" and hello["seq"] == 0 and hello["data"]["connection_id"]
            assert await receive_json(ws) == {"status": "OK", "seq_reply": 1}

        await mm.user_post(kim["id"], town["id"], "@dasan 안녕하세요")
        to_bot, to_lee = await receive_json(bot_ws), await receive_json(lee_ws)
        assert to_bot["event"] == "posted" and to_bot["seq"] == 1
        assert isinstance(to_bot["data"]["post"], str)
        assert json.loads(to_bot["data"]["post"])["message"] == "@dasan 안녕하세요"
        assert json.loads(to_bot["data"]["mentions"]) == [bot["id"]]
        assert "mentions" not in to_lee["data"]
        assert to_bot["data"]["sender_name"] == "@kim" and to_bot["data"]["channel_type"] == "O"

        # The sender receives its own post too.
        await mm.user_post(bot["id"], town["id"], "봇의 글")
        own = await receive_json(bot_ws)
        assert json.loads(own["data"]["post"])["user_id"] == bot["id"] and own["seq"] == 2
        await bot_ws.close()
        await lee_ws.close()


async def test_dm_always_mentions_the_other_member(mm, people):
    bot, kim, _, _ = people
    dm = mm.direct_channel(kim["id"], bot["id"])
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(f"{mm.url.replace('http', 'ws')}/api/v4/websocket")
        await ws.send_str(json.dumps({"seq": 1, "action": "authentication_challenge", "data": {"token": "bot-token"}}))
        await receive_json(ws), await receive_json(ws)
        await mm.user_post(kim["id"], dm["id"], "안녕")
        event = await receive_json(ws)
        assert event["data"]["channel_type"] == "D" and json.loads(event["data"]["mentions"]) == [bot["id"]]
        await ws.close()


async def test_bad_token_closes_the_socket_without_reply(mm, people):
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(f"{mm.url.replace('http', 'ws')}/api/v4/websocket")
        await ws.send_str(json.dumps({"seq": 1, "action": "authentication_challenge", "data": {"token": "nope"}}))
        msg = await ws.receive(timeout=5)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert mm.ws_rejected == 1


async def test_pending_post_id_makes_create_idempotent(mm, people):
    _, kim, _, town = people
    body = {"channel_id": town["id"], "message": "한 번만", "pending_post_id": f"{kim['id']}:1"}
    async with aiohttp.ClientSession(headers={"Authorization": "Bearer kim-token"}) as http:
        first = await (await http.post(f"{mm.url}/api/v4/posts", json=body)).json()
        again = await http.post(f"{mm.url}/api/v4/posts", json=body)
        assert again.status == 201 and (await again.json())["id"] == first["id"]
    assert len(mm.posts_by(kim["id"])) == 1


async def test_rate_limit_answer_is_plain_text_with_retry_after(mm, people):
    mm.fault("GET", "/api/v4/users/me", status=429, retry_after=7)
    d = driver(mm, "bot-token", max_retries=0)
    with pytest.raises(TooManyRequests) as caught:
        await d.login()
    await d.close()
    assert caught.value.retry_after == 7
    async with aiohttp.ClientSession() as http:
        mm.fault("GET", "/api/v4/users/me", status=429, retry_after=2)
        async with http.get(f"{mm.url}/api/v4/users/me", headers={"Authorization": "Bearer bot-token"}) as resp:
            assert resp.status == 429 and resp.headers["Content-Type"].startswith("text/plain")
            assert resp.headers["Retry-After"] == "2" and await resp.text() == "limit exceeded"


async def test_thread_is_newest_first_and_replies_point_at_the_root(mm, people):
    bot, kim, lee, town = people
    root = await mm.user_post(kim["id"], town["id"], "루트")
    first = await mm.user_post(lee["id"], town["id"], "하나", root_id=root["id"])
    second = await mm.user_post(kim["id"], town["id"], "둘", root_id=root["id"])
    d = driver(mm, "bot-token")
    await d.login()
    thread = await d.posts.get_post_thread(first["id"])
    await d.close()
    assert thread["order"] == [second["id"], first["id"], root["id"]]
    assert {thread["posts"][i]["root_id"] for i in thread["order"][:2]} == {root["id"]}
