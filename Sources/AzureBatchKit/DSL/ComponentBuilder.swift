/// The result builder behind the pool, job and task DSLs: collects components, with `if`, `if/else`,
/// `for` and `#available` support.
///
/// ```swift
/// let pool = PoolSpecification(id: "airlines", vmSize: .standardE2sV3) {
///     Containers(images: [image], registries: [registry])
///     Nodes(spot: 3)
///     if needsTools { StartTask(commandLine: "apt-get install -y jq") }
/// }
/// ```
@resultBuilder
public enum ComponentBuilder<Component> {
    public static func buildExpression(_ component: Component) -> [Component] { [component] }
    public static func buildExpression(_ components: [Component]) -> [Component] { components }
    public static func buildBlock(_ parts: [Component]...) -> [Component] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Component]?) -> [Component] { part ?? [] }
    public static func buildEither(first part: [Component]) -> [Component] { part }
    public static func buildEither(second part: [Component]) -> [Component] { part }
    public static func buildArray(_ parts: [[Component]]) -> [Component] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [Component]) -> [Component] { part }
}

/// Something the pool DSL can put in a ``PoolSpecification``.
public protocol PoolComponent: Sendable {
    func apply(to pool: inout PoolSpecification)
}

/// Something the job DSL can put in a ``JobSpecification``.
public protocol JobComponent: Sendable {
    func apply(to job: inout JobSpecification)
}

/// Something the task DSL can put in a ``TaskSpecification``.
public protocol TaskComponent: Sendable {
    func apply(to task: inout TaskSpecification)
}

extension PoolSpecification {
    /// A pool described declaratively; components apply in order, later ones win.
    ///
    /// ```swift
    /// let pool = PoolSpecification(id: "airlines", vmSize: .standardE2sV3) {
    ///     Containers(images: ["myregistry.azurecr.io/airlines:1.0"], registries: [.basic("myregistry.azurecr.io", username: user, password: secret)])
    ///     Nodes(spot: 3)
    /// }
    /// ```
    public init(id: String, vmSize: VMSize, @ComponentBuilder<any PoolComponent> _ content: () -> [any PoolComponent]) {
        self.init(id: id, vmSize: vmSize)
        for component in content() { component.apply(to: &self) }
    }
}

extension JobSpecification {
    /// A job on an existing pool, described declaratively.
    ///
    /// ```swift
    /// let job = JobSpecification(id: "airlines-run", pool: "airlines") {
    ///     OnAllTasksComplete(.terminateJob)
    ///     JobConstraints(maxWallClockTime: .seconds(7200))
    /// }
    /// ```
    public init(
        id: String, pool poolID: String,
        @ComponentBuilder<any JobComponent> _ content: () -> [any JobComponent] = { [] }
    ) {
        self.init(id: id, poolInfo: PoolInformation(poolId: poolID))
        for component in content() { component.apply(to: &self) }
    }
}

extension TaskSpecification {
    /// A task described declaratively; the command line is built from words, quoted as needed.
    ///
    /// ```swift
    /// let task = TaskSpecification(id: "airlines2007", command: ["/app/AirlineAnalytics", "--input", input, "--output", output]) {
    ///     Container(image: "myregistry.azurecr.io/airlines:1.0", runOptions: "--rm")
    ///     Environment(["YEAR": "2007"])
    ///     Retries(2)
    /// }
    /// ```
    public init(
        id: String, command: TaskCommandLine,
        @ComponentBuilder<any TaskComponent> _ content: () -> [any TaskComponent] = { [] }
    ) {
        self.init(id: id, commandLine: command.rendered)
        for component in content() { component.apply(to: &self) }
    }
}
