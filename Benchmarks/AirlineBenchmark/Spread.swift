import Foundation

/// The median and range of repeated measurements: what the benchmarks print instead of a best single run, since
/// the shared machine's noise moves single runs by tens of percent.
struct Spread {
    let values: [Double]

    init(_ values: [Double]) { self.values = values.sorted() }

    var median: Double {
        guard !values.isEmpty else { return .nan }
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }

    var min: Double { values.first ?? .nan }
    var max: Double { values.last ?? .nan }

    /// `1.23 [1.10–1.40]`, or `–` without values.
    func formatted(_ format: String = "%.2f") -> String {
        guard !values.isEmpty else { return "–" }
        return "\(String(format: format, median)) [\(String(format: format, min))–\(String(format: format, max))]"
    }
}
