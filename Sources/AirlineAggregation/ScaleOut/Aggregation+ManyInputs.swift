extension Aggregation {
    /// One query over many inputs, one result: maps every input whole in this process, one after the other with
    /// all workers, and merges the partials — the task graph of a scaled-out run over whole files, without Batch.
    /// (Ranges of an input are planned by AzureBatchKit's `EvenByteRangePlanner`; map each with
    /// ``partial(of:range:_:options:)`` and ``merge(_:_:into:options:expecting:)`` the partials.)
    ///
    /// ```swift
    /// let inputs = try ["2007.csv.bz2", "2008.csv.bz2"].map { try RangedInput.file($0) }
    /// let summary = try await Aggregation.run(over: inputs, spec, into: .parquet("both-years.parquet"))
    /// ```
    /// - Throws: ``AggregationError``; `invalidQuery` when two inputs share a name (partials are told apart by it).
    public static func run(
        over inputs: [RangedInput], _ spec: AggregateSpec, into output: AggregationOutput = .none,
        options: AggregationOptions = .init()
    ) async throws -> AggregationSummary {
        try checkMergeable(spec)
        try OutputWriter.checkDestination(output)
        var names: Set<String> = []
        for input in inputs where !names.insert(input.name).inserted {
            throw AggregationError(.invalidQuery, file: input.name, message: "the input is listed twice")
        }
        let clock = ContinuousClock()
        let started = clock.now
        var partials: [PartialResult] = []
        for input in inputs { partials.append(try await partial(of: input, spec, options: options)) }
        var summary = try merge(partials, spec, into: output, options: options, expecting: partials.count)
        let elapsed = (clock.now - started).secondsValue
        summary.phases.scanSeconds = elapsed - summary.seconds
        summary.seconds = elapsed
        summary.workers = options.workers.resolved
        summary.phases.workers = options.workers.resolved
        return summary
    }
}
