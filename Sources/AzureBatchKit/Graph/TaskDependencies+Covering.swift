extension TaskDependencies {
    /// The shortest `dependsOn` that waits for exactly `taskIDs`: runs of consecutive integer ids become task id
    /// ranges (Batch's way past its 64,000-character limit on `taskIds`), everything else is listed by id.
    ///
    /// A range waits for every task of the job whose id is an integer in it, so give tasks outside the set ids
    /// that are not numbers in those runs (``MapMergeJob`` numbers its map tasks and calls its merge task `merge`).
    ///
    /// ```swift
    /// let dependsOn = try TaskDependencies.covering(["1", "2", "3", "7", "prepare"])
    /// // taskIdRanges [1-3, 7-7], taskIds ["prepare"]
    /// ```
    /// - Throws: ``TaskDependencyError`` with kind ``TaskDependencyError/Kind/listTooLong`` when the ids that are not
    ///   numbers still add up to more than ``TaskDependencyGraph/maxTaskIDCharacters`` characters.
    public static func covering(_ taskIDs: [String]) throws(TaskDependencyError) -> TaskDependencies {
        var numbers: [Int] = []
        var names: [String] = []
        for id in taskIDs {
            if let number = TaskDependencyGraph.integerValue(of: id) {
                numbers.append(number)
            } else {
                names.append(id)
            }
        }
        var ranges: [TaskIdRange] = []
        for number in Set(numbers).sorted() {
            if let last = ranges.last, last.end == number - 1 {
                ranges[ranges.count - 1].end = number
            } else {
                ranges.append(TaskIdRange(start: number, end: number))
            }
        }
        let characters = names.reduce(0) { $0 + $1.count }
        guard characters <= TaskDependencyGraph.maxTaskIDCharacters else {
            throw TaskDependencyError(
                .listTooLong, taskIDs: [],
                message:
                    "\(names.count) task ids that are not numbers total \(characters) characters, over Batch's \(TaskDependencyGraph.maxTaskIDCharacters); number the tasks so ranges can cover them"
            )
        }
        return TaskDependencies(taskIds: names.isEmpty ? nil : names, taskIdRanges: ranges.isEmpty ? nil : ranges)
    }
}
