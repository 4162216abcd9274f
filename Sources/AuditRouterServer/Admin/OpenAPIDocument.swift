// Generated from docs/openapi.json, the source: edit that file, then regenerate this one from the
// package root (AdminOpenAPITests fails while the two differ):
//   (head -n 10 Sources/AuditRouterServer/Admin/OpenAPIDocument.swift; cat docs/openapi.json; printf '\n"""##\n}\n') \
//     > /tmp/OpenAPIDocument.swift && mv /tmp/OpenAPIDocument.swift Sources/AuditRouterServer/Admin/OpenAPIDocument.swift

/// The OpenAPI 3.1 document of the admin API, ingest and health endpoints, served at
/// `GET /openapi.json`: `docs/openapi.json`, embedded in the binary.
enum OpenAPIDocument {
    /// The document's JSON text.
    static let json = ##"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Audit Router",
    "version": "1.0.0",
    "summary": "Receives feature-flag audit events, stores them durably, and delivers them to many sinks.",
    "description": "Ingest endpoints take audit webhooks from Flipt, Flagr, goflagship and GO Feature Flag and answer only once the events are committed to the spool. The admin API (under `/v1/admin`) shows sinks, the delivery log, events and dead letters, and replays, pauses, resumes, tests, retires the backlog of sinks that no longer run, and reloads. It needs `Authorization: Bearer <server.admin_token>` and is off (every route answers 404 `admin_disabled`) when no token is configured. Every answer is JSON; every error is `{\"error\": {\"code\", \"message\"}}`. Times are RFC 3339 in UTC with milliseconds."
  },
  "servers": [{"url": "http://127.0.0.1:8080", "description": "The shipped `config.yaml`'s `server.listen`."}],
  "tags": [
    {"name": "ingest", "description": "Audit events in."},
    {"name": "admin", "description": "Operating the router; bearer `server.admin_token`."},
    {"name": "health", "description": "Probes, metrics and this document; no token."}
  ],
  "paths": {
    "/v1/events": {
      "post": {
        "operationId": "postEvents",
        "tags": ["ingest"],
        "summary": "Ingest Flipt audit events",
        "description": "Takes Flipt's audit event (one object or an array), normalizes it, stores it and its deliveries, and answers once they are committed. The same as `/v1/ingest/flipt`: `X-Flipt-Webhook-Signature` is checked when `sources.flipt.secret` is set, and then authenticates the request alone; without a Flipt secret, needs `Authorization: Bearer <server.ingest_token>` when that is set.",
        "security": [{}, {"ingestToken": []}],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "oneOf": [
                  {"$ref": "#/components/schemas/FliptEvent"},
                  {"type": "array", "items": {"$ref": "#/components/schemas/FliptEvent"}}
                ]
              }
            }
          }
        },
        "responses": {
          "202": {"$ref": "#/components/responses/IngestAccepted"},
          "400": {"$ref": "#/components/responses/InvalidEvent"},
          "401": {"$ref": "#/components/responses/IngestUnauthorized"},
          "413": {"$ref": "#/components/responses/IngestBodyTooLarge"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"},
          "503": {"$ref": "#/components/responses/Backpressure"}
        }
      }
    },
    "/v1/ingest/{source}": {
      "post": {
        "operationId": "postIngest",
        "tags": ["ingest"],
        "summary": "Ingest a source system's webhook",
        "description": "Takes the source's own webhook body (one object or an array) and normalizes it into one Flipt-style event each (GO Feature Flag: one per flag changed). When `sources.<source>.secret` is set, the source's signature header must match the body: `flipt` `X-Flipt-Webhook-Signature: <hex HMAC-SHA256>`, `flagr` `X-Flagr-Signature: sha256=<hex>`, `goflagship` `X-Flagship-Signature: sha256=<hex>`, `gofeatureflag` `X-Hub-Signature-256: sha256=<hex>`. goflagship's retries (the same `X-Flagship-Delivery`) are stored once and answered with the first acceptance's event ids and `\"duplicate\": true`. The signature authenticates the request alone (Flipt's signed webhooks and goflagship's can send no other header). A source without a secret needs `Authorization: Bearer <server.ingest_token>` when that is set (Flagr's notifier does not sign: send the token through `FLAGR_NOTIFICATION_WEBHOOK_HEADERS`).",
        "security": [{}, {"ingestToken": []}],
        "parameters": [
          {
            "name": "source",
            "in": "path",
            "required": true,
            "description": "The source system.",
            "schema": {"type": "string", "enum": ["flipt", "flagr", "goflagship", "gofeatureflag"]}
          },
          {
            "name": "X-Flipt-Webhook-Signature",
            "in": "header",
            "required": false,
            "description": "`flipt`: lowercase hex HMAC-SHA256 of the body.",
            "schema": {"type": "string"}
          },
          {
            "name": "X-Flagr-Signature",
            "in": "header",
            "required": false,
            "description": "`flagr`: `sha256=<hex>`.",
            "schema": {"type": "string"}
          },
          {
            "name": "X-Flagship-Signature",
            "in": "header",
            "required": false,
            "description": "`goflagship`: `sha256=<hex>`, keyed with the whole secret (`whsec_` included).",
            "schema": {"type": "string"}
          },
          {
            "name": "X-Hub-Signature-256",
            "in": "header",
            "required": false,
            "description": "`gofeatureflag`: `sha256=<hex>`.",
            "schema": {"type": "string"}
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "oneOf": [
                  {"$ref": "#/components/schemas/IngestEvent"},
                  {"type": "array", "items": {"$ref": "#/components/schemas/IngestEvent"}}
                ]
              }
            }
          }
        },
        "responses": {
          "202": {"$ref": "#/components/responses/IngestAccepted"},
          "400": {"$ref": "#/components/responses/InvalidEvent"},
          "401": {"$ref": "#/components/responses/IngestUnauthorized"},
          "413": {"$ref": "#/components/responses/IngestBodyTooLarge"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"},
          "503": {"$ref": "#/components/responses/Backpressure"}
        }
      }
    },
    "/healthz": {
      "get": {
        "operationId": "getHealth",
        "tags": ["health"],
        "summary": "Liveness",
        "description": "The process is up.",
        "responses": {
          "200": {
            "description": "Up.",
            "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/Health"}, "example": {"status": "ok"}}
            }
          }
        }
      },
      "head": {
        "operationId": "headHealth",
        "tags": ["health"],
        "summary": "Liveness, for probes that send HEAD",
        "responses": {"200": {"description": "Up (no body)."}}
      }
    },
    "/readyz": {
      "get": {
        "operationId": "getReady",
        "tags": ["health"],
        "summary": "Readiness",
        "description": "Ready to accept: the spool holds fewer than `spool.max_pending` undelivered deliveries to the sinks that run (`pending_deliveries`; those of a removed or disabled sink wait uncounted). An in-memory count: the spool itself is not probed.",
        "responses": {
          "200": {
            "description": "Ready.",
            "content": {
              "application/json": {
                "schema": {"$ref": "#/components/schemas/Ready"},
                "example": {"status": "ready", "pending_deliveries": 3, "max_pending": 100000}
              }
            }
          },
          "503": {
            "description": "Backpressure: ingest answers 503 until deliveries drain.",
            "content": {
              "application/json": {
                "schema": {"$ref": "#/components/schemas/Ready"},
                "example": {"status": "backpressure", "pending_deliveries": 100000, "max_pending": 100000}
              }
            }
          }
        }
      },
      "head": {
        "operationId": "headReady",
        "tags": ["health"],
        "summary": "Readiness, for probes that send HEAD",
        "responses": {"200": {"description": "Ready (no body)."}, "503": {"description": "Backpressure (no body)."}}
      }
    },
    "/metrics": {
      "get": {
        "operationId": "getMetrics",
        "tags": ["health"],
        "summary": "Prometheus metrics",
        "description": "Events accepted and rejected, deliveries by sink and outcome, attempt latency, retries, dead letters, pending deliveries, paused sinks, operator alerts raised and spool size, in Prometheus text format. `docs/alerts.yml` holds alerting rules on them.",
        "responses": {
          "200": {"description": "The exposition.", "content": {"text/plain": {"schema": {"type": "string"}}}}
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "getOpenAPI",
        "tags": ["health"],
        "summary": "This document",
        "description": "The OpenAPI document of the admin API, ingest and health endpoints (`docs/openapi.json` in the repository). No token needed.",
        "responses": {
          "200": {"description": "The document.", "content": {"application/json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/v1/admin/sinks": {
      "get": {
        "operationId": "listSinks",
        "tags": ["admin"],
        "summary": "List sinks",
        "description": "Every configured sink, enabled or not, in configuration order: its settings with secrets redacted, its state, its spool counters and its dispatcher's last success and error. Then, under `removed`, every sink no longer configured that still has deliveries pending or parked in the spool (removed by a reload, or before a restart), with its counters: they wait for it to come back, or for `retire`.",
        "security": [{"adminToken": []}],
        "responses": {
          "200": {
            "description": "The sinks.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SinkList"}}}
          },
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/sinks/{name}/deliveries": {
      "get": {
        "operationId": "listDeliveries",
        "tags": ["admin"],
        "summary": "A sink's delivery log",
        "description": "One item per attempt, newest first, paginated. A sink that is no longer configured is still listed while the spool holds its deliveries.",
        "security": [{"adminToken": []}],
        "parameters": [
          {"$ref": "#/components/parameters/SinkName"},
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "Only the attempts that left their delivery in this state (`pending`: a retry was scheduled).",
            "schema": {"type": "string", "enum": ["pending", "delivered", "dead"]}
          },
          {"$ref": "#/components/parameters/Page"},
          {"$ref": "#/components/parameters/Limit"}
        ],
        "responses": {
          "200": {
            "description": "A page of attempts.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AttemptPage"}}}
          },
          "400": {"$ref": "#/components/responses/BadParameter"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/sinks/{name}/test": {
      "post": {
        "operationId": "testSink",
        "tags": ["admin"],
        "summary": "Send a test event",
        "description": "Sends a synthetic `test:created` event to the sink now, bypassing its filters (`events`, `namespaces`, `when`), and answers the attempt's result. Nothing is stored and nothing is retried. Works for disabled sinks too. It takes no body: the body, if any, must be an empty JSON object.",
        "security": [{"adminToken": []}],
        "parameters": [{"$ref": "#/components/parameters/SinkName"}],
        "responses": {
          "200": {
            "description": "The attempt was made (whether or not it was delivered).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TestResult"}}}
          },
          "400": {"$ref": "#/components/responses/BadBody"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "413": {"$ref": "#/components/responses/BodyTooLarge"},
          "415": {"$ref": "#/components/responses/AdminUnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/sinks/{name}/replay": {
      "post": {
        "operationId": "replaySink",
        "tags": ["admin"],
        "summary": "Replay dead letters",
        "description": "Re-queues dead letters of the sink with a fresh attempt budget (no attempts made, due now) and wakes the sink: the ones named in `delivery_ids` (at most 1000), or every one that died in the `since`/`until` window (both optional; `since` inclusive, `until` exclusive). An empty body replays every dead letter of the sink. Ids that are unknown, of another sink or not dead are listed as `skipped`. A disabled or paused sink is refused (409).",
        "security": [{"adminToken": []}],
        "parameters": [{"$ref": "#/components/parameters/SinkName"}],
        "requestBody": {
          "required": false,
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReplayRequest"}}}
        },
        "responses": {
          "200": {
            "description": "What was re-queued.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReplayResult"}}}
          },
          "400": {"$ref": "#/components/responses/BadBody"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {"$ref": "#/components/responses/SinkDisabledOrPaused"},
          "413": {"$ref": "#/components/responses/BodyTooLarge"},
          "415": {"$ref": "#/components/responses/AdminUnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/sinks/{name}/pause": {
      "post": {
        "operationId": "pauseSink",
        "tags": ["admin"],
        "summary": "Pause a sink",
        "description": "Holds delivery. The sink's pending deliveries (but for attempts in flight, which record their own outcome) are parked: kept as dead letters whose `last_error` is `sink paused: not delivered until the sink is resumed`, outside `spool.max_pending`. So are the deliveries ingest makes for the sink while it stays paused, so that a dead sink cannot fill the spool. Resuming re-queues them. The pause itself does not survive a restart; parked deliveries do, until the sink is resumed (or they are replayed or pruned like any dead letter). Raises the `sink:paused` operator alert (unless the sink was paused already).",
        "security": [{"adminToken": []}],
        "parameters": [{"$ref": "#/components/parameters/SinkName"}],
        "requestBody": {
          "required": false,
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PauseRequest"}}}
        },
        "responses": {
          "200": {
            "description": "The sink, now paused, and how many deliveries were parked.",
            "content": {"application/json": {"schema": {"allOf": [
              {"$ref": "#/components/schemas/Sink"},
              {"type": "object", "required": ["parked"], "properties": {"parked": {"type": "integer", "minimum": 0}}}
            ]}}}
          },
          "400": {"$ref": "#/components/responses/BadBody"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {"$ref": "#/components/responses/SinkDisabled"},
          "413": {"$ref": "#/components/responses/BodyTooLarge"},
          "415": {"$ref": "#/components/responses/AdminUnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/sinks/{name}/resume": {
      "post": {
        "operationId": "resumeSink",
        "tags": ["admin"],
        "summary": "Resume a sink",
        "description": "Restarts delivery of a paused sink (paused through the admin API or automatically by `pause_after`) and re-queues every parked delivery of the sink, those parked before a restart included, with a fresh attempt budget. Raises the `sink:resumed` operator alert when the sink was paused or had parked deliveries. The body, if any, must be an empty JSON object.",
        "security": [{"adminToken": []}],
        "parameters": [{"$ref": "#/components/parameters/SinkName"}],
        "responses": {
          "200": {
            "description": "The sink, now running, and how many parked deliveries were re-queued.",
            "content": {"application/json": {"schema": {"allOf": [
              {"$ref": "#/components/schemas/Sink"},
              {"type": "object", "required": ["requeued"], "properties": {"requeued": {"type": "integer", "minimum": 0}}}
            ]}}}
          },
          "400": {"$ref": "#/components/responses/BadBody"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {"$ref": "#/components/responses/SinkDisabled"},
          "413": {"$ref": "#/components/responses/BodyTooLarge"},
          "415": {"$ref": "#/components/responses/AdminUnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/sinks/{name}/retire": {
      "post": {
        "operationId": "retireSink",
        "tags": ["admin"],
        "summary": "Give up the backlog of a sink that does not run",
        "description": "For a sink that does not run (removed by a reload, or disabled): its pending deliveries and those a pause parked become dead letters whose `last_error` is `sink not running (removed or disabled): given up through the admin API; replay it once the sink runs`. They stay readable (`/v1/admin/dead-letters?sink=`), are re-queued only by a replay (not by a resume), and are pruned after `spool.retain_dead`; nothing else would end them while the sink is absent. Attempts under way (of a dispatcher a reload just stopped) are waited for, up to the sink's `timeout` plus 5 s, so that one ending in a retry is retired with the rest; any still under way then (or when the router shuts down) are left out and record their own outcome (`in_flight` counts them; retiring again takes what they leave pending). No attempt can begin while it runs. A reload that brings the sink back during the wait makes it answer `sink_running` with nothing retired; once the backlog is being retired, it is retired in full. Counted in `audit_router_deliveries_total{outcome=\"retired\"}`. A sink that runs, paused or not, is refused. It takes no body: the body, if any, must be an empty JSON object.",
        "security": [{"adminToken": []}],
        "parameters": [{"$ref": "#/components/parameters/SinkName"}],
        "responses": {
          "200": {
            "description": "How many deliveries became dead letters, and how many attempts still under way after the wait were left out (0 unless the router was shutting down).",
            "content": {"application/json": {"schema": {
              "type": "object",
              "required": ["sink", "retired", "in_flight"],
              "properties": {
                "sink": {"type": "string"},
                "retired": {"type": "integer", "minimum": 0},
                "in_flight": {"type": "integer", "minimum": 0}
              }
            }}}
          },
          "400": {"$ref": "#/components/responses/BadBody"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {
            "description": "The sink runs, paused or not, or a reload brought it back while the retire waited; nothing was retired (`error.code`: `sink_running`)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
          },
          "413": {"$ref": "#/components/responses/BodyTooLarge"},
          "415": {"$ref": "#/components/responses/AdminUnsupportedMediaType"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/events/{id}": {
      "get": {
        "operationId": "getEvent",
        "tags": ["admin"],
        "summary": "An event and its deliveries",
        "description": "The event as stored (normalized, with the router's additions) and its delivery to every sink it was routed to.",
        "security": [{"adminToken": []}],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The event id (`evt_…`).",
            "schema": {"type": "string"}
          }
        ],
        "responses": {
          "200": {
            "description": "The event.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventDetail"}}}
          },
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/dead-letters": {
      "get": {
        "operationId": "listDeadLetters",
        "tags": ["admin"],
        "summary": "List dead letters",
        "description": "Deliveries that failed for good, most recently dead first, paginated; of every sink, or of one.",
        "security": [{"adminToken": []}],
        "parameters": [
          {
            "name": "sink",
            "in": "query",
            "required": false,
            "description": "Only this sink's dead letters. A sink that is neither configured nor in the spool is a 404 (`sink_not_found`).",
            "schema": {"type": "string"}
          },
          {"$ref": "#/components/parameters/Page"},
          {"$ref": "#/components/parameters/Limit"}
        ],
        "responses": {
          "200": {
            "description": "A page of dead letters.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeliveryPage"}}}
          },
          "400": {"$ref": "#/components/responses/BadParameter"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    },
    "/v1/admin/reload": {
      "post": {
        "operationId": "reload",
        "tags": ["admin"],
        "summary": "Reload the configuration",
        "description": "Loads the configuration file again (as SIGHUP does) and puts it in force; deliveries in flight are kept, and the pending deliveries of a sink it removes or disables wait for it to run again (or for `retire`), no longer counted toward `spool.max_pending`. The answer lists the sinks as `GET /v1/admin/sinks` does. A file that does not load, or one with a sink that fails its sample renders as `audit-router validate` reports them, is rejected with every problem and the running configuration stays. `server.listen`, `server.drain_timeout`, `server.idle_timeout`, `spool.path` and `spool.synchronous` take effect at the next start only. It takes no body: the body, if any, must be an empty JSON object.",
        "security": [{"adminToken": []}],
        "responses": {
          "200": {
            "description": "The sinks now in force.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SinkList"}}}
          },
          "400": {"$ref": "#/components/responses/BadBody"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {
            "description": "The router was not started from a configuration file (`error.code`: `reload_unavailable`)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
          },
          "413": {"$ref": "#/components/responses/BodyTooLarge"},
          "415": {"$ref": "#/components/responses/AdminUnsupportedMediaType"},
          "422": {
            "description": "The file does not load; the running configuration stays (`error.code`: `invalid_configuration`).",
            "content": {
              "application/json": {
                "schema": {"$ref": "#/components/schemas/ConfigurationError"},
                "example": {
                  "error": {
                    "code": "invalid_configuration",
                    "message": "config.yaml:14:5: sinks[0].timeout: invalid duration \"10 s\" (use 500ms, 10s, 5m, 24h)",
                    "problems": [
                      "config.yaml:14:5: sinks[0].timeout: invalid duration \"10 s\" (use 500ms, 10s, 5m, 24h)"
                    ]
                  }
                }
              }
            }
          },
          "500": {"$ref": "#/components/responses/InternalError"}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "adminToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "`server.admin_token`, compared in constant time."
      },
      "ingestToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "`server.ingest_token`, asked on the endpoints of sources without a `secret`; ingest is open when it is not set."
      }
    },
    "parameters": {
      "SinkName": {
        "name": "name",
        "in": "path",
        "required": true,
        "description": "The sink's `name`.",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}
      },
      "Page": {
        "name": "page",
        "in": "query",
        "required": false,
        "description": "The page, from 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 10000000, "default": 1}
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "Items per page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}
      }
    },
    "responses": {
      "Unauthorized": {
        "description": "Missing or wrong admin token (`error.code`: `unauthorized`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        "headers": {"WWW-Authenticate": {"description": "`Bearer`.", "schema": {"type": "string", "const": "Bearer"}}}
      },
      "NotFound": {
        "description": "The admin API is off (no `server.admin_token`), or the sink or event is unknown (`error.code`: `admin_disabled`, `sink_not_found`, `event_not_found`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "BadParameter": {
        "description": "A query parameter does not read (`page`, `limit`, `status`); the message names it (`error.code`: `invalid_parameter`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "BadBody": {
        "description": "The body is not UTF-8, not a JSON object, or not of the expected shape; the message says why (`error.code`: `invalid_body`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "BodyTooLarge": {
        "description": "The body exceeds 1 MiB (`error.code`: `body_too_large`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "AdminUnsupportedMediaType": {
        "description": "A body that is not empty was sent without `Content-Type: application/json` (`error.code`: `unsupported_media_type`); an empty body needs no `Content-Type`",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "SinkDisabled": {
        "description": "The sink is configured but disabled (`error.code`: `sink_disabled`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "SinkDisabledOrPaused": {
        "description": "The sink is configured but disabled (`error.code`: `sink_disabled`), or paused (`sink_paused`: replayed deliveries would only be parked again; resume it, which re-queues what the pause parked, then replay)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "InternalError": {
        "description": "The spool could not be read or written (`error.code`: `internal_error`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "IngestAccepted": {
        "description": "The events and their deliveries are committed to the spool.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Accepted"},
            "example": {"accepted": ["evt_01M864FEV0WX0YP53953P7Y62H"], "deliveries": 2}
          }
        }
      },
      "InvalidEvent": {
        "description": "Malformed JSON (with line and column), a body that is not UTF-8 (with where), JSON nested deeper than 128 arrays and objects, a missing field named with its index, e.g. `events[2].type: missing`, or a control character in an event's type or action; nothing is stored (`error.code`: `invalid_event`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "IngestUnauthorized": {
        "description": "Missing or wrong ingest token (with `WWW-Authenticate: Bearer`), or a missing or wrong source signature (`error.code`: `unauthorized`, `signature_missing`, `signature_mismatch`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        "headers": {"WWW-Authenticate": {"description": "`Bearer`, for `unauthorized`", "schema": {"type": "string"}}}
      },
      "IngestBodyTooLarge": {
        "description": "The body exceeds `server.max_body_bytes`, or the source's `sources.NAME.max_body_bytes` (`error.code`: `body_too_large`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "UnsupportedMediaType": {
        "description": "`Content-Type` is not JSON (`error.code`: `unsupported_media_type`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "Backpressure": {
        "description": "The spool holds `spool.max_pending` undelivered deliveries to the sinks that run; nothing is accepted, retry after the given delay (`error.code`: `backpressure`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        "headers": {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}}
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "description": "Every error answer, from every endpoint.",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
              "code": {
                "type": "string",
                "description": "Stable, machine-readable: `invalid_event`, `unauthorized`, `admin_disabled`, `sink_not_found`, `malformed_request` (the HTTP parser could not read the request: an unknown method, a broken `Content-Length` or chunk size; `431` for oversized headers; the connection is closed), …"
              },
              "message": {"type": "string", "description": "For people."}
            }
          }
        },
        "example": {"error": {"code": "sink_not_found", "message": "no sink named \"slack\" is configured"}}
      },
      "ConfigurationError": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "message", "problems"],
            "properties": {
              "code": {"type": "string", "const": "invalid_configuration"},
              "message": {"type": "string", "description": "Every problem, one per line."},
              "problems": {
                "type": "array",
                "items": {"type": "string"},
                "description": "`FILE:LINE:COLUMN: KEY.PATH: MESSAGE`, in file order."
              }
            }
          }
        }
      },
      "Duration": {
        "type": "string",
        "description": "A duration as the configuration writes it: `500ms`, `10s`, `5m`, `24h`, `1h30m`.",
        "pattern": "^([0-9]+(ms|s|m|h))+$",
        "examples": ["10s", "1h30m"]
      },
      "Accepted": {
        "type": "object",
        "required": ["accepted", "deliveries"],
        "properties": {
          "accepted": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The new events' ids, in input order."
          },
          "deliveries": {
            "type": "integer",
            "description": "Deliveries created (events times the sinks each was routed to)."
          },
          "parked": {
            "type": "integer",
            "description": "Of `deliveries`, those to paused sinks, parked until the sink is resumed; absent when none."
          },
          "dead": {
            "type": "integer",
            "description": "Of `deliveries`, those whose sink's `when` template failed for the event: kept as dead letters whose `last_error` is `when template failed: …`, not attempted; replaying one sends it without asking `when` again. Absent when none."
          },
          "duplicate": {
            "type": "boolean",
            "description": "`true` when the request repeats one accepted before (goflagship's `X-Flagship-Delivery` seen within `spool.retain_delivered`): `accepted` lists that request's events, nothing was stored again, and `deliveries` is 0; absent otherwise."
          }
        }
      },
      "FliptEvent": {
        "type": "object",
        "description": "Flipt's audit event.",
        "required": ["type", "action"],
        "properties": {
          "version": {"type": "string", "examples": ["0.2"]},
          "type": {"type": "string", "examples": ["flag"]},
          "action": {"type": "string", "examples": ["created"]},
          "metadata": {
            "type": "object",
            "properties": {
              "actor": {
                "type": "object",
                "properties": {
                  "authentication": {"type": "string"},
                  "ip": {"type": "string"},
                  "email": {"type": "string"},
                  "name": {"type": "string"},
                  "picture": {"type": "string"}
                }
              }
            }
          },
          "payload": {"description": "The resource, as JSON (`namespace_key` names the namespace)."},
          "timestamp": {"type": "string", "format": "date-time"},
          "status": {"type": "string", "examples": ["success"]}
        }
      },
      "FlagrNotification": {
        "type": "object",
        "description": "Flagr's notification (`operation`, `flag_id`, `flag_key`, `component_type`, …) or its webhook-docs shape (`event`, `flag_id`, `flag_key`, `timestamp`, `data`).",
        "properties": {
          "operation": {"type": "string", "enum": ["create", "update", "delete", "restore"]},
          "event": {"type": "string", "examples": ["segment.rollout_percent.updated"]},
          "flag_id": {"type": "integer"},
          "flag_key": {"type": "string"},
          "component_type": {"type": "string"},
          "component_id": {"type": "integer"},
          "component_key": {"type": "string"},
          "user": {"type": "string"},
          "timestamp": {"type": "string"},
          "pre_value": {"type": "string"},
          "post_value": {"type": "string"},
          "diff": {"type": "string"},
          "data": {"type": "object"}
        }
      },
      "GoflagshipEvent": {
        "type": "object",
        "description": "goflagship's webhook event.",
        "required": ["event"],
        "properties": {
          "event": {"type": "string", "examples": ["flag.updated"]},
          "timestamp": {"type": "string", "format": "date-time"},
          "environment": {"type": "string"},
          "resource": {"type": "object"},
          "data": {"type": "object", "properties": {"before": {}, "after": {}, "changes": {"type": "object"}}},
          "metadata": {"type": "object"}
        }
      },
      "GoFeatureFlagNotification": {
        "type": "object",
        "description": "GO Feature Flag's webhook notifier body: one event per flag added, deleted or updated.",
        "properties": {
          "meta": {"type": "object", "additionalProperties": {"type": "string"}},
          "flags": {
            "type": "object",
            "properties": {
              "added": {"type": "object"},
              "deleted": {"type": "object"},
              "updated": {
                "type": "object",
                "additionalProperties": {"type": "object", "properties": {"old_value": {}, "new_value": {}}}
              }
            }
          }
        }
      },
      "IngestEvent": {
        "description": "The body of the `{source}` given in the path.",
        "anyOf": [
          {"$ref": "#/components/schemas/FliptEvent"},
          {"$ref": "#/components/schemas/FlagrNotification"},
          {"$ref": "#/components/schemas/GoflagshipEvent"},
          {"$ref": "#/components/schemas/GoFeatureFlagNotification"}
        ]
      },
      "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "const": "ok"}}},
      "Ready": {
        "type": "object",
        "required": ["status", "pending_deliveries", "max_pending"],
        "properties": {
          "status": {"type": "string", "enum": ["ready", "backpressure"]},
          "pending_deliveries": {"type": "integer"},
          "max_pending": {"type": "integer"}
        }
      },
      "RetrySettings": {
        "type": "object",
        "required": ["max_attempts", "initial_backoff", "multiplier", "max_backoff", "max_elapsed", "jitter"],
        "properties": {
          "max_attempts": {"type": "integer"},
          "initial_backoff": {"$ref": "#/components/schemas/Duration"},
          "multiplier": {"type": "number"},
          "max_backoff": {"$ref": "#/components/schemas/Duration"},
          "max_elapsed": {"$ref": "#/components/schemas/Duration"},
          "jitter": {"type": "number"}
        }
      },
      "SinkSettings": {
        "type": "object",
        "description": "The sink as configured, secrets replaced by `***`: the signing secret, header values whose name looks secret (`Authorization`, `*-Key`, `*Token*`, `*Secret*`, `Cookie`, …), and in the URL the password of `user:password@`, the values of query parameters whose name looks secret (`token`, `api_key`, `sig`, `code`, …) and path segments that look like tokens (20 or more letters, digits, `-`, `_`, mixing letters and digits, as in Slack's and Discord's webhook URLs). Template texts (body, `when`) are not shown.",
        "required": [
          "type",
          "enabled",
          "url",
          "method",
          "headers",
          "custom_body",
          "body_file",
          "path",
          "events",
          "namespaces",
          "when_condition",
          "alerts",
          "timeout",
          "concurrency",
          "retry",
          "signing",
          "tls",
          "pause_after",
          "max_render_bytes",
          "max_render_steps"
        ],
        "properties": {
          "type": {"type": "string", "enum": ["http", "stdout", "file"]},
          "enabled": {"type": "boolean"},
          "url": {
            "type": "string",
            "description": "The URL template's text (empty for stdout and file sinks), secrets redacted."
          },
          "method": {"type": "string", "examples": ["POST"]},
          "headers": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Header names and value template texts, secrets redacted."
          },
          "custom_body": {
            "type": "boolean",
            "description": "Whether a body template is configured (else the event is sent as Flipt's JSON)."
          },
          "body_file": {"type": ["string", "null"], "description": "Where the body template was read from."},
          "path": {"type": ["string", "null"], "description": "File sinks: the JSON lines file."},
          "events": {
            "type": "array",
            "items": {"type": "string"},
            "description": "`noun:verb` filters.",
            "examples": [["flag:*", "*:deleted"]]
          },
          "namespaces": {
            "type": ["array", "null"],
            "items": {"type": "string"},
            "description": "Only these namespaces or environments; null for all."
          },
          "when_condition": {"type": "boolean", "description": "Whether a `when` template filters events."},
          "alerts": {
            "type": "array",
            "items": {"type": "string"},
            "description": "`noun:verb` patterns of the operator alerts the sink receives (`sink:failing`, `sink:recovered`, `sink:paused`, `sink:resumed`, `delivery:dead`); empty for none. Alerts about the sink itself never go to it.",
            "examples": [["sink:*", "delivery:dead"]]
          },
          "timeout": {"$ref": "#/components/schemas/Duration"},
          "concurrency": {"type": "integer"},
          "retry": {"$ref": "#/components/schemas/RetrySettings"},
          "signing": {
            "oneOf": [
              {"type": "null"},
              {
                "type": "object",
                "required": ["scheme", "secret"],
                "properties": {
                  "scheme": {"type": "string", "enum": ["flipt", "github", "flagship", "flagr", "standard-webhooks"]},
                  "secret": {"type": "string", "const": "***"}
                }
              }
            ]
          },
          "tls": {
            "oneOf": [
              {"type": "null"},
              {
                "type": "object",
                "required": ["ca_file", "cert_file", "key_file", "insecure_skip_verify"],
                "properties": {
                  "ca_file": {"type": ["string", "null"], "description": "The PEM roots trusted instead of the system's; null for the system's."},
                  "cert_file": {"type": ["string", "null"], "description": "The client certificate chain (mutual TLS)."},
                  "key_file": {"type": ["string", "null"], "description": "Where the client certificate's key is read from (the key itself is never shown)."},
                  "insecure_skip_verify": {"type": "boolean", "description": "Whether any server certificate is accepted."}
                }
              }
            ],
            "description": "How HTTPS connections are verified and authenticated; null for the system's roots and no client certificate."
          },
          "pause_after": {
            "oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Duration"}],
            "description": "Continuous failure after which the sink is paused automatically."
          },
          "max_render_bytes": {"type": "integer", "description": "The most bytes one rendering of a template part may write, and the longest string a builtin may return."},
          "max_render_steps": {"type": "integer", "description": "The most steps one rendering may take: template nodes walked, range iterations begun, and builtins' work (one step per 16 bytes of text made or compared, per 4 elements `slice` copies)."}
        }
      },
      "Counters": {
        "type": "object",
        "description": "The sink's deliveries by state.",
        "required": ["pending", "retrying", "delivered", "dead", "parked"],
        "properties": {
          "pending": {"type": "integer", "description": "Not delivered yet: waiting for a first attempt or a retry."},
          "retrying": {"type": "integer", "description": "Of `pending`, those that failed at least once and wait for a retry."},
          "delivered": {"type": "integer", "description": "Delivered in all, those retention deleted included (counted from the version that added this count on): it never falls."},
          "dead": {"type": "integer", "description": "Dead letters in the spool now (retention deletes them after `retain_dead`)."},
          "parked": {"type": "integer", "description": "Of `dead`, those a pause parked: resuming the sink re-queues them."}
        }
      },
      "Sink": {
        "type": "object",
        "required": [
          "name",
          "state",
          "pause_reason",
          "counters",
          "last_success",
          "last_failure",
          "last_error",
          "failing_since",
          "consecutive_failures",
          "settings"
        ],
        "properties": {
          "name": {"type": "string"},
          "state": {"type": "string", "enum": ["running", "paused", "disabled"]},
          "pause_reason": {
            "type": ["string", "null"],
            "description": "Why the sink is paused (the admin API's reason, or the automatic pause's)."
          },
          "counters": {"$ref": "#/components/schemas/Counters"},
          "last_success": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "When an attempt last succeeded (since the start)."
          },
          "last_failure": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "When an attempt last failed (since the start)."
          },
          "last_error": {
            "type": ["string", "null"],
            "description": "How the last failed attempt failed: `HTTP 503`, `timed out`, `connection failed: …`."
          },
          "failing_since": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "Since when every attempt has failed; null after a success."
          },
          "consecutive_failures": {
            "type": "integer",
            "description": "Attempts failed in a row (0 after a success); `alerting.failing_after` of them raise the `sink:failing` alert."
          },
          "settings": {"$ref": "#/components/schemas/SinkSettings"}
        }
      },
      "SinkList": {
        "type": "object",
        "required": ["sinks", "removed"],
        "properties": {
          "sinks": {"type": "array", "items": {"$ref": "#/components/schemas/Sink"}},
          "removed": {
            "type": "array",
            "description": "The sinks no longer configured that still have deliveries pending or parked, by name.",
            "items": {
              "type": "object",
              "required": ["name", "counters"],
              "properties": {"name": {"type": "string"}, "counters": {"$ref": "#/components/schemas/Counters"}}
            }
          }
        }
      },
      "Attempt": {
        "type": "object",
        "description": "One attempt of the delivery log.",
        "required": [
          "event_id",
          "delivery_id",
          "sink",
          "attempt",
          "status",
          "status_code",
          "error",
          "duration_ms",
          "at"
        ],
        "properties": {
          "event_id": {"type": "string"},
          "delivery_id": {"type": "string"},
          "sink": {"type": "string"},
          "attempt": {
            "type": "integer",
            "description": "1 for the first attempt of an attempt budget (a replay starts a new one)."
          },
          "status": {
            "type": "string",
            "enum": ["pending", "delivered", "dead"],
            "description": "The state the attempt left its delivery in (`pending`: a retry was scheduled)."
          },
          "status_code": {"type": ["integer", "null"], "description": "The receiver's HTTP status, when it answered (null for a stdout or file sink)."},
          "error": {"type": ["string", "null"], "description": "What went wrong; null for a delivered attempt."},
          "duration_ms": {"type": "number"},
          "at": {"type": "string", "format": "date-time", "description": "When the attempt started."}
        }
      },
      "Delivery": {
        "type": "object",
        "description": "One event's delivery to one sink.",
        "required": [
          "delivery_id",
          "event_id",
          "sink",
          "state",
          "attempts",
          "last_status",
          "last_error",
          "created_at",
          "first_attempt_at",
          "last_attempt_at",
          "next_attempt_at",
          "updated_at"
        ],
        "properties": {
          "delivery_id": {
            "type": "string",
            "description": "Sent as `X-Audit-Router-Delivery`, the same on every retry."
          },
          "event_id": {"type": "string"},
          "sink": {"type": "string"},
          "state": {"type": "string", "enum": ["pending", "delivered", "dead"]},
          "attempts": {"type": "integer", "description": "Attempts made in the current attempt budget."},
          "last_status": {"type": ["integer", "null"]},
          "last_error": {"type": ["string", "null"], "description": "For a dead letter: why it failed for good."},
          "created_at": {"type": "string", "format": "date-time"},
          "first_attempt_at": {"type": ["string", "null"], "format": "date-time"},
          "last_attempt_at": {"type": ["string", "null"], "format": "date-time"},
          "next_attempt_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "When it is due; null unless pending."
          },
          "updated_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the state last changed (for a dead letter: when it died)."
          }
        }
      },
      "AttemptPage": {
        "type": "object",
        "required": ["items", "page", "limit", "total"],
        "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Attempt"}},
          "page": {"type": "integer", "minimum": 1},
          "limit": {"type": "integer", "minimum": 1, "maximum": 500},
          "total": {"type": "integer", "description": "Items in every page together."}
        }
      },
      "DeliveryPage": {
        "type": "object",
        "required": ["items", "page", "limit", "total"],
        "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}},
          "page": {"type": "integer", "minimum": 1},
          "limit": {"type": "integer", "minimum": 1, "maximum": 500},
          "total": {"type": "integer", "description": "Items in every page together."}
        }
      },
      "StoredEvent": {
        "type": "object",
        "description": "An event as stored: Flipt's envelope plus the router's additions.",
        "required": ["id", "source", "version", "type", "action", "payload", "timestamp", "status", "actor"],
        "properties": {
          "id": {"type": "string", "examples": ["evt_01M864FEV0WX0YP53953P7Y62H"]},
          "source": {
            "type": "string",
            "enum": ["flipt", "flagr", "goflagship", "gofeatureflag", "audit-router"],
            "description": "The system the event came from; `audit-router` for the router's own operator alerts (`sink:failing`, `sink:recovered`, `sink:paused`, `sink:resumed`, `delivery:dead`)."
          },
          "version": {"type": "string"},
          "type": {"type": "string"},
          "action": {"type": "string"},
          "payload": {},
          "timestamp": {"type": "string"},
          "status": {"type": "string"},
          "namespace": {"type": "string", "description": "The namespace or environment, when known."},
          "before": {"description": "The before-state, where the source has it."},
          "changes": {"description": "`{field: {before, after}}`, where the source has them."},
          "actor": {
            "type": "object",
            "properties": {
              "authentication": {"type": "string"},
              "ip": {"type": "string"},
              "email": {"type": "string"},
              "name": {"type": "string"},
              "picture": {"type": "string"}
            }
          }
        }
      },
      "EventDetail": {
        "type": "object",
        "required": ["event", "deliveries"],
        "properties": {
          "event": {"$ref": "#/components/schemas/StoredEvent"},
          "deliveries": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Delivery"},
            "description": "In the order they were created."
          }
        }
      },
      "TestResult": {
        "type": "object",
        "required": [
          "sink",
          "delivered",
          "status_code",
          "summary",
          "error",
          "response_body",
          "duration_ms",
          "delivery_id",
          "event_id"
        ],
        "properties": {
          "sink": {"type": "string"},
          "delivered": {"type": "boolean", "description": "Whether the receiver answered 2xx (or a stdout or file sink wrote the line)."},
          "status_code": {"type": ["integer", "null"], "description": "The receiver's HTTP status; null for a stdout or file sink, and when no answer came."},
          "summary": {"type": "string", "examples": ["HTTP 200", "timed out", "written"]},
          "error": {"type": ["string", "null"], "description": "The failure, when not delivered."},
          "response_body": {
            "type": ["string", "null"],
            "description": "The start of the receiver's answer, when it sent one."
          },
          "duration_ms": {"type": "number"},
          "delivery_id": {"type": "string"},
          "event_id": {"type": "string"}
        }
      },
      "ReplayRequest": {
        "description": "Dead letters by id, or by when they died. Give one form, not both.",
        "oneOf": [
          {
            "type": "object",
            "title": "by id",
            "required": ["delivery_ids"],
            "additionalProperties": false,
            "properties": {
              "delivery_ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 1000}
            }
          },
          {
            "type": "object",
            "title": "by time window",
            "additionalProperties": false,
            "properties": {
              "since": {
                "type": ["string", "null"],
                "format": "date-time",
                "description": "Dead since (inclusive), RFC 3339."
              },
              "until": {
                "type": ["string", "null"],
                "format": "date-time",
                "description": "Dead before (exclusive), RFC 3339."
              }
            }
          }
        ],
        "examples": [
          {"delivery_ids": ["dlv_01M864FEV0WX0YP53953P7Y62H"]},
          {"since": "2024-05-01T00:00:00Z", "until": "2024-05-02T00:00:00Z"}
        ]
      },
      "ReplayResult": {
        "type": "object",
        "required": ["sink", "requeued"],
        "properties": {
          "sink": {"type": "string"},
          "requeued": {"type": "integer"},
          "delivery_ids": {"type": "array", "items": {"type": "string"}, "description": "By id: the ones re-queued."},
          "skipped": {
            "type": "array",
            "items": {"type": "string"},
            "description": "By id: unknown, of another sink, or not dead."
          },
          "since": {"type": ["string", "null"], "format": "date-time", "description": "By window: the window's start."},
          "until": {"type": ["string", "null"], "format": "date-time", "description": "By window: the window's end."}
        }
      },
      "PauseRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {"reason": {"type": "string", "description": "Shown as the sink's `pause_reason`."}}
      }
    }
  }
}

"""##
}
