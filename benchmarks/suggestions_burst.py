"""A bounded burst against the public suggestion endpoint, from loopback only (issue 15).

Starts gunicorn (3 workers, as the Dockerfile) on a scratch SQLite database, sends N form posts from a
few 127.0.0.x addresses with a few threads, and reports the answers, the latencies, whether every
accepted suggestion is stored exactly once, and how fast the admin login page answers meanwhile.

    python benchmarks/suggestions_burst.py --requests 2000 --addresses 4 --threads 8
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
SITE = "http://127.0.0.1:8080"
MAX_REQUESTS = 2000  # the bound: never more than this many posts in one run


def server_env(work: Path) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "WISTAKON_SITE_URL": SITE,
            "DATABASE_URL": f"sqlite:///{work / 'burst.sqlite3'}", "MEDIA_ROOT": str(work / "media"),
            "WISTAKON_AUTO_BUILD": "0"}  # fmt: skip


def tokens(env: dict[str, str], count: int) -> list[str]:
    """Signed start times made with the server's own key (as GET /suggestions/token/ makes them)."""
    return shell_lines(env, f"from cms.suggestions.gate import new_token\nfor _ in range({count}): print(new_token())")


def shell_lines(env: dict[str, str], code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "cms", "shell", "--no-imports", "-v", "0", "-c", code], env=env,
                          cwd=REPO, capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout.split()


def post(port: int, source: str, token: str, n: int) -> tuple[int, float, str]:
    body = urlencode({"kind": "event", "lang": "id", "token": token, "title": f"Acara uji {n}",
                      "date_unknown": "on", "venue_name": "Alun-alun", "text": "Beban uji dari loopback.",
                      "website": ""})  # fmt: skip
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request("POST", "/suggestions/send/", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Origin": SITE})  # fmt: skip
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        location = response.getheader("Location") or ""
        if response.status not in (303, 429):  # say why: the page's message
            return response.status, time.perf_counter() - started, "!" + text.split("<p>", 1)[-1][:100]
        return response.status, time.perf_counter() - started, parse_qs(urlsplit(location).query).get("ref", [""])[0]
    finally:
        connection.close()


def ready(port: int) -> None:
    """Waits until every gunicorn worker has answered once (a worker's first request loads the URLs)."""
    deadline = time.monotonic() + 120
    answered = 0
    while answered < 10:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/admin/login/")
            connection.getresponse().read()
            connection.close()
            answered += 1
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def admin_latency(port: int, stop: threading.Event, seconds: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/admin/login/")
        connection.getresponse().read()
        connection.close()
        seconds.append(time.perf_counter() - started)
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=MAX_REQUESTS)
    parser.add_argument("--addresses", type=int, default=4, help="127.0.0.2 … 127.0.0.(N+1)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    count = min(args.requests, MAX_REQUESTS)
    work = Path(tempfile.mkdtemp(prefix="burst-"))
    env = server_env(work)
    subprocess.run([sys.executable, "-m", "cms", "migrate", "--noinput", "-v", "0"], env=env, cwd=REPO, check=True)
    signed = tokens(env, count)
    signed[1::50] = signed[0::50][: len(signed[1::50])]  # every 50th post repeats the one before (a double tap)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "3",
                               "--bind", f"127.0.0.1:{args.port}"], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        ready(args.port)
        time.sleep(5)  # the tokens pass the minimum fill time
        results: list[tuple[int, float, str, str]] = []
        lock, next_index = threading.Lock(), iter(range(count))
        admin_seconds: list[float] = []
        stop = threading.Event()
        watcher = threading.Thread(target=admin_latency, args=(args.port, stop, admin_seconds))
        watcher.start()

        def worker() -> None:
            for n in iter(lambda: next(next_index, None), None):
                source = f"127.0.0.{2 + n % args.addresses}"
                status, seconds, ref = post(args.port, source, signed[n], n)
                with lock:
                    results.append((status, seconds, ref, signed[n]))

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        stop.set()
        watcher.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(results, elapsed, admin_seconds, env)


def report(results: list, elapsed: float, admin_seconds: list[float], env: dict[str, str]) -> None:
    statuses = Counter(status for status, *_ in results)
    latencies = sorted(seconds for _, seconds, *_ in results)
    accepted = {(ref, token) for status, _, ref, token in results if status == 303 and ref}
    refs_by_token: dict[str, set[str]] = {}
    for ref, token in accepted:
        refs_by_token.setdefault(token, set()).add(ref)
    code = ("from cms.suggestions.models import Suggestion\n"
            "for s in Suggestion.objects.all(): print(s.reference)")  # fmt: skip
    stored = shell_lines(env, code)
    answered = {ref for ref, _ in accepted}
    refused = Counter(ref for status, _, ref, _ in results if status not in (303, 429))
    print(f"{len(results)} posts in {elapsed:.1f} s ({len(results) / elapsed:.0f}/s); answers: {dict(statuses)}")
    p50, p95 = statistics.median(latencies), latencies[int(len(latencies) * 0.95)]
    print(f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"accepted references: {len(answered)}; stored: {len(stored)}, distinct {len(set(stored))}; "
          f"every answered one stored: {answered <= set(stored)}; one reference per token: "
          f"{all(len(refs) == 1 for refs in refs_by_token.values())}")  # fmt: skip
    for reason, times in refused.most_common(5):
        print(f"  refused {times}×: {reason}")
    if admin_seconds:
        print(f"admin login page during the burst: {len(admin_seconds)} loads, median "
              f"{statistics.median(admin_seconds) * 1000:.0f} ms, max {max(admin_seconds) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
