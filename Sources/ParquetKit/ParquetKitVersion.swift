/// Version information written into files.
public enum ParquetKitVersion {
    /// Application name in `created_by`. Deliberately not `parquet-swift` or `parquet-mr`:
    /// readers key workarounds on the name (parquet.md §4.3).
    public static let application = "azurebatchdata-parquetkit"
    public static let version = "0.1.0"

    /// `azurebatchdata-parquetkit version 0.1.0`, the `<app> version <semver>` form that
    /// parquet-java's and Arrow's `created_by` parsers accept.
    public static var createdBy: String { "\(application) version \(version)" }

    /// The same with a build id: `… version 0.1.0 (build 1a2b3c4)`.
    public static func createdBy(build: String) -> String { "\(createdBy) (build \(build))" }
}
