#!/usr/bin/env python3
"""Helpers of bench/load.sh (standard library only).

  analyze.py phase RESULT.json WRK_OUTPUT SPOOL DELIVERIES_LOG SINK_PREFIX key=value...
      reads wrk's WRK_JSON line, the spool and the receiver's access log, checks that every
      accepted event was delivered to every sink, and writes the phase's figures to RESULT.json
  analyze.py table RESULT.json...
      prints the results table; exits 1 when a delivery check failed
"""
import json
import sqlite3
import sys
from collections import Counter, defaultdict


def wrk_figures(path):
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("WRK_JSON "):
            return json.loads(line[len("WRK_JSON "):])
    raise SystemExit(f"{path}: wrk printed no WRK_JSON line (see the file)")


def phase(result_path, wrk_path, spool_path, log_path, prefix, *pairs):
    figures = dict(pair.split("=", 1) for pair in pairs)
    for key, value in list(figures.items()):
        try:
            figures[key] = float(value)
        except ValueError:
            pass
    w = wrk_figures(wrk_path)
    seconds = w["duration_us"] / 1e6
    errors = w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["timeouts"]
    accepted_by_client = w["requests"] - w["status_errors"]
    result = {
        "name": figures.pop("name"),
        "requests": w["requests"],
        "seconds": seconds,
        "rps": accepted_by_client / seconds,  # answered 2xx: accepted events (ingest), or the ceiling's 200s
        "all_rps": w["requests"] / seconds,
        "accepted": accepted_by_client,
        "non_2xx": w["status_errors"],
        "socket_errors": errors,
        "p50_ms": w["lat_p50_us"] / 1000,
        "p99_ms": w["lat_p99_us"] / 1000,
        "p999_ms": w["lat_p999_us"] / 1000,
        "max_ms": w["lat_max_us"] / 1000,
    }
    result.update(figures)
    if spool_path == "-":  # the ceiling or the framework floor: no spool to check
        json.dump(result, open(result_path, "w"), indent=1)
        return

    db = sqlite3.connect(f"file:{spool_path}?mode=ro", uri=True, timeout=10)
    events = db.execute("SELECT COUNT(*) FROM event").fetchone()[0]
    states = dict(db.execute("SELECT state, COUNT(*) FROM delivery GROUP BY state").fetchall())
    delivered = defaultdict(set)
    all_ids = defaultdict(set)
    for delivery_id, sink, state in db.execute("SELECT id, sink, state FROM delivery"):
        all_ids[sink].add(delivery_id)
        if state == "delivered":
            delivered[sink].add(delivery_id)
    sinks = sorted(all_ids)
    per_event = db.execute(
        "SELECT COUNT(*) FROM (SELECT event_id FROM delivery WHERE state = 'delivered' GROUP BY event_id HAVING COUNT(DISTINCT sink) = ?)",
        (len(sinks),)).fetchone()[0]
    db.close()

    # The receiver's view: one line per request, "SINK STATUS DELIVERY-ID".
    received = defaultdict(Counter)
    for line in open(log_path, encoding="utf-8", errors="replace"):
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(prefix) and parts[1] == "200":
            received[parts[0][len(prefix):]][parts[2]] += 1
    checks = {}
    ok = True
    for sink in sinks:
        got = received.get(sink, Counter())
        missing = len(delivered[sink] - set(got))
        unknown = len(set(got) - all_ids[sink])
        duplicates = sum(got.values()) - len(got)
        checks[sink] = {"spool_delivered": len(delivered[sink]), "received": len(got), "missing_at_receiver": missing,
                        "unknown_at_receiver": unknown, "duplicates": duplicates}
        ok = ok and len(delivered[sink]) == events and missing == 0 and unknown == 0
    ok = ok and per_event == events and events >= accepted_by_client and states.get("pending", 0) == 0 and states.get("dead", 0) == 0
    result.update({
        "events": events,
        "sinks": len(sinks),
        "delivered": states.get("delivered", 0),
        "pending": states.get("pending", 0),
        "dead": states.get("dead", 0),
        "events_delivered_everywhere": per_event,
        "per_sink": checks,
        "check_ok": ok,
    })
    window = result["window_s"]
    result["deliveries_per_s"] = result["delivered_in_window"] / window
    result["deliveries_per_s_overall"] = result["delivered"] / result["drained_s"] if result.get("drained_s") else 0
    result["cpu_pct"] = result["cpu_ticks"] / result["clk_tck"] / window * 100
    json.dump(result, open(result_path, "w"), indent=1)


def table(*paths):
    results = [json.load(open(p)) for p in paths]
    ceiling = next((r for r in results if r["name"] == "ceiling"), None)
    ceiling_rps = ceiling["rps"] if ceiling else float("nan")
    header = ("run", "sinks", "rate", "ingest req/s", "p50 ms", "p99 ms", "deliv/s (run)", "deliv/s (to drain)",
              "backlog at end", "drain s", "events/s end to end", "router CPU %", "peak RSS MB", "useful work",
              "delivered all", "duplicates", "non-2xx")
    rows = []
    ok = True
    for r in results:
        if r["name"] == "ceiling":
            rows.append(("ceiling (receiver alone)", "-", "max", f"{r['rps']:.0f}", f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}",
                         "-", "-", "-", "-", "-", "-", "-", "1.00", "-", "-", str(r["non_2xx"])))
            continue
        if r["name"] == "framework":
            rows.append(("framework floor (GET /healthz)", "-", "max", f"{r['rps']:.0f}", f"{r['p50_ms']:.2f}",
                         f"{r['p99_ms']:.2f}", "-", "-", "-", "-", "-", "-", "-", f"{r['rps'] / ceiling_rps:.2f}", "-", "-",
                         str(r["non_2xx"])))
            continue
        useful = (r["rps"] + r["deliveries_per_s"]) / ceiling_rps
        ok = ok and r["check_ok"]
        rate = "max" if not r.get("target_rate") else f"{r['target_rate']:.0f}/s"
        rows.append((r["name"], str(r["sinks"]), rate, f"{r['rps']:.0f}", f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}",
                     f"{r['deliveries_per_s']:.0f}", f"{r['deliveries_per_s_overall']:.0f}",
                     f"{r['backlog_at_end']:.0f}", f"{r['drain_s']:.1f}", f"{r['events'] / r['drained_s']:.0f}",
                     f"{r['cpu_pct']:.0f}", f"{r['vm_hwm_kb'] / 1024:.1f}", f"{useful:.2f}",
                     "yes" if r["check_ok"] else "NO", str(sum(c["duplicates"] for c in r["per_sink"].values())),
                     str(r["non_2xx"])))
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    print()
    for r in results:
        if r["name"] in ("ceiling", "framework"):
            continue
        print(f"{r['name']}: client: {r['requests']} requests, {r['accepted']} answered 2xx, {r['non_2xx']} other statuses, "
              f"{r['socket_errors']} socket errors/timeouts; spool: {r['events']} events, {r['delivered']} delivered, "
              f"{r['pending']} pending, {r['dead']} dead; {r['events_delivered_everywhere']} events delivered to all {r['sinks']} sinks")
        for sink, c in sorted(r["per_sink"].items()):
            print(f"    sink {sink}: spool delivered {c['spool_delivered']}, receiver got {c['received']} distinct deliveries, "
                  f"{c['missing_at_receiver']} missing, {c['unknown_at_receiver']} unknown, {c['duplicates']} duplicates")
    print()
    print("ingest req/s = requests answered 2xx (accepted) per second; non-2xx (e.g. 503 past spool.max_pending) are counted apart")
    print("useful work = (ingest req/s + deliveries/s during the run) / ceiling req/s")
    print("framework floor = the router's empty GET /healthz (Hummingbird alone, no spool, no delivery) / ceiling req/s:")
    print("    the most useful work any handler on this HTTP stack could reach on this machine")
    print("events/s end to end = events accepted / seconds from the start of the run until no delivery was pending")
    print("duplicates = requests the receiver got again for a delivery id it had already answered 200")
    print("DELIVERY CHECK: " + ("every accepted event was delivered to every sink" if ok else "FAILED (see above)"))
    return 0 if ok else 1


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "phase":
        phase(*args)
    elif command == "table":
        sys.exit(table(*args))
    else:
        raise SystemExit(__doc__)
