import Foundation
import GoTemplate
import Hummingbird

extension AdminRoutes {
    /// `POST /v1/admin/sinks/{name}/replay`: re-queues the sink's dead letters (by id, or by the
    /// time they died; see `ReplayRequest`) with a fresh attempt budget, wakes the sink, and
    /// answers how many were re-queued. Ids that are unknown, of another sink, or not dead are
    /// listed as `skipped`. 409 `sink_disabled` for a disabled sink: nothing would deliver them
    /// until it is enabled; 409 `sink_paused` for a paused one: they would only be parked again
    /// (its resume re-queues what it parked).
    func replay(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let sink = try configuredSink(context)
        guard sink.enabled else {
            throw APIError(.conflict, code: "sink_disabled", "sink \"\(sink.name)\" is disabled: enable it before replaying to it")
        }
        if runtime.health(ofSink: sink.name)?.paused == true {
            throw APIError(
                .conflict, code: "sink_paused",
                "sink \"\(sink.name)\" is paused: resume it first (POST /v1/admin/sinks/\(sink.name)/resume re-queues what the pause parked), then replay")
        }
        let selection = try ReplayRequest(body: try await AdminRequestBody.object(request))
        let spool = runtime.spool
        var answer: [(String, Value)] = [("sink", .string(sink.name))]
        let requeued: Int
        switch selection {
        case .ids(let ids):
            var candidates: [String] = []
            for id in ids {
                if let delivery = try await spool.delivery(id: id), delivery.sink == sink.name, delivery.state == .dead {
                    candidates.append(id)
                }
            }
            let done = try await spool.requeue(deliveryIDs: candidates, now: Date())
            requeued = done.count
            answer.append(("delivery_ids", .array(done.map(Value.string))))
            let requeuedIDs = Set(done)
            answer.append(("skipped", .array(ids.filter { !requeuedIDs.contains($0) }.map(Value.string))))
        case .window(let since, let until):
            requeued = try await spool.requeueDead(sink: sink.name, since: since, until: until, now: Date())
            answer.append(("since", AdminJSON.time(since)))
            answer.append(("until", AdminJSON.time(until)))
        }
        answer.append(("requeued", .int64(Int64(requeued))))
        if requeued > 0 { runtime.wake(sink.name) }
        return jsonResponse(.ok, .map(ValueMap(answer)))
    }
}
