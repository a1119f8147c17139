/// How a task ended, for choosing its exit options: an exit code, or a failure before the program ran.
public enum TaskExit: Sendable, Hashable {
    /// The program exited with this code (after the last retry).
    case exitCode(Int)
    /// The task never ran its program: its directory, command line or program was unusable (Batch's
    /// pre-processing error).
    case preProcessingError
    /// The task was stopped without an exit code (its `maxWallClockTime` ran out).
    case terminated
}

extension ExitConditions {
    /// What Batch does to the tasks that depend on a task which ended as `exit`, following the service's rules:
    /// a matching `exitCodes` entry, else a matching `exitCodeRanges` entry, else (for a non-zero exit, a
    /// pre-processing error without its own entry, or a termination) `default`. An entry without a
    /// `dependencyAction` means `satisfy` for exit code 0 and `block` for everything else.
    ///
    /// ```swift
    /// let lenient = ExitConditions(exitCodes: [ExitCodeMapping(code: 3, exitOptions: ExitOptions(dependencyAction: .satisfy))])
    /// lenient.dependencyAction(after: .exitCode(3))      // .satisfy: dependants run anyway
    /// lenient.dependencyAction(after: .exitCode(1))      // .block
    /// ```
    public func dependencyAction(after exit: TaskExit) -> DependencyAction {
        let fallback: DependencyAction = exit == .exitCode(0) ? .satisfy : .block
        switch exit {
        case .exitCode(let code):
            if let mapping = exitCodes?.first(where: { $0.code == code }) {
                return mapping.exitOptions.dependencyAction ?? fallback
            }
            if let mapping = exitCodeRanges?.first(where: { $0.start <= code && code <= $0.end }) {
                return mapping.exitOptions.dependencyAction ?? fallback
            }
            return code == 0 ? .satisfy : (self.default?.dependencyAction ?? .block)
        case .preProcessingError:
            return (preProcessingError ?? self.default)?.dependencyAction ?? .block
        case .terminated:
            return self.default?.dependencyAction ?? .block
        }
    }
}
