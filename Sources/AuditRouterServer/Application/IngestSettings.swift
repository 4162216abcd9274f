/// The HTTP settings ingest needs, taken from the configuration.
struct IngestSettings: Sendable {
    let ingestToken: String?
    let maxBodyBytes: Int
}
