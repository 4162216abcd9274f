-- wrk script: POSTs realistic Flipt audit events (https://docs.flipt.io/configuration/observability#audit-events),
-- one JSON object per request, every request with its own payload.key, a mix of resource types,
-- actions, namespaces and actors.
--
--   wrk -t T -c C -d D -s bench/flipt-events.lua URL -- [RATE] [T] [RUN_ID] [get]
--
-- RATE (requests/s over all T threads, 0 or absent = as fast as possible) paces requests with a
-- per-thread schedule: each request takes the next free slot of that thread's timetable (1/rate
-- apart), and `delay()` holds the connection until its slot. wrk starts a request's latency clock
-- when the request is written, so the wait for a slot is not counted as latency; with enough
-- connections for the rate, a slow response does not delay the requests scheduled after it.
--
-- `get` sends bodiless GETs of URL instead (the framework floor: the router's empty route).
--
-- done() prints one line `WRK_JSON {...}` with the totals and latency percentiles (microseconds)
-- for bench/load.sh to read.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } wrk_timespec;
int clock_gettime(int clk_id, wrk_timespec *tp);
]]
local ts = ffi.new("wrk_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local thread_count = 0
function setup(thread)
    thread_count = thread_count + 1
    thread:set("thread_id", thread_count)
end

local rate_per_thread = 0
local interval_ms = 0
local next_slot = 0
local counter = 0
local run_id = "run"
local timestamp = os.date("!%Y-%m-%dT%H:%M:%SZ")

function init(args)
    -- init runs in every thread (its own Lua state): each takes an equal share of the rate.
    local rate = tonumber(args[1] or "0") or 0
    local threads = tonumber(args[2] or "1") or 1
    run_id = args[3] or tostring(os.time())
    if args[4] == "get" then plain_get = wrk.format("GET") end
    rate_per_thread = rate / threads
    if rate_per_thread > 0 then
        interval_ms = 1000 / rate_per_thread
        delay = function()
            local now = now_ms()
            if next_slot < now then next_slot = now end
            local wait = next_slot - now
            next_slot = next_slot + interval_ms
            return math.floor(wait + 0.5)
        end
    end
end

local types = {
    { "flag", { "created", "updated", "updated", "updated", "deleted" } },
    { "segment", { "created", "updated", "deleted" } },
    { "variant", { "created", "updated", "deleted" } },
    { "rule", { "created", "updated", "deleted" } },
    { "distribution", { "created", "updated" } },
    { "constraint", { "created", "deleted" } },
    { "namespace", { "created", "updated" } },
}
local namespaces = { "default", "production", "staging", "team-payments", "team-search" }
local actors = {
    '{"authentication":"token","email":"ann@example.com","name":"Ann Admin","ip":"10.0.0.12"}',
    '{"authentication":"github","email":"bob@example.com","name":"Bob \\"ops\\" Builder","ip":"10.0.3.7"}',
    '{"authentication":"oidc","email":"chen@example.com","name":"Chen","picture":"https://example.com/c.png"}',
    '{"authentication":"kubernetes","ip":"10.96.0.1"}',
}
local headers = { ["Content-Type"] = "application/json" }

local function payload(kind, key, ns, n)
    if kind == "flag" then
        return string.format(
            '{"key":"%s","name":"Checkout flow %d","description":"Roll out the new checkout <v2> to 25%% of users","enabled":%s,"namespace_key":"%s","type":"VARIANT_FLAG_TYPE","metadata":{"team":"payments"}}',
            key, n, (n % 2 == 0) and "true" or "false", ns)
    elseif kind == "segment" then
        return string.format(
            '{"key":"%s","name":"Beta users","description":"users in the beta program","match_type":"ALL_MATCH_TYPE","namespace_key":"%s"}',
            key, ns)
    elseif kind == "variant" then
        return string.format(
            '{"id":"%08x-0000-4000-8000-%012x","flag_key":"checkout","key":"%s","name":"blue","attachment":"{\\"color\\":\\"#00f\\"}","namespace_key":"%s"}',
            n, n, key, ns)
    elseif kind == "rule" then
        return string.format(
            '{"id":"%08x-1111-4000-8000-%012x","flag_key":"checkout","segment_key":"beta","rank":%d,"key":"%s","namespace_key":"%s"}',
            n, n, n % 10 + 1, key, ns)
    elseif kind == "distribution" then
        return string.format(
            '{"id":"%08x-2222-4000-8000-%012x","rule_id":"r-%d","variant_id":"v-%d","rollout":%d.5,"key":"%s","namespace_key":"%s"}',
            n, n, n, n, n % 100, key, ns)
    elseif kind == "constraint" then
        return string.format(
            '{"id":"%08x-3333-4000-8000-%012x","segment_key":"beta","type":"STRING_COMPARISON_TYPE","property":"plan","operator":"eq","value":"enterprise","key":"%s","namespace_key":"%s"}',
            n, n, key, ns)
    else
        return string.format('{"key":"%s","name":"Namespace %d","description":"created by the load benchmark","protected":false}', key, n)
    end
end

function request()
    if plain_get then return plain_get end
    counter = counter + 1
    if counter % 1000 == 0 then timestamp = os.date("!%Y-%m-%dT%H:%M:%SZ") end
    local kind = types[counter % #types + 1]
    local actions = kind[2]
    local action = actions[math.floor(counter / #types) % #actions + 1]
    local ns = namespaces[counter % #namespaces + 1]
    local key = string.format("%s-%d-%d", run_id, thread_id, counter)
    local body = string.format(
        '{"version":"0.2","type":"%s","action":"%s","metadata":{"actor":%s},"payload":%s,"timestamp":"%s","status":"success"}',
        kind[1], action, actors[counter % #actors + 1], payload(kind[1], key, ns, counter), timestamp)
    return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"lat_mean_us":%.1f,"lat_p50_us":%d,"lat_p90_us":%d,"lat_p99_us":%d,"lat_p999_us":%d,"lat_max_us":%d}\n',
        summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
        latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
        latency.max))
end
