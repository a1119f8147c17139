import Testing

@testable import AzureBatchKit

@Suite struct ShellQuotingTests {
    @Test(arguments: [
        ("plain", "plain"), ("/app/AirlineAnalytics", "/app/AirlineAnalytics"), ("--input=a,b", "--input=a,b"),
        ("", "''"), ("two words", "'two words'"), ("it's", #"'it'\''s'"#), ("$HOME", "'$HOME'"), ("*.csv", "'*.csv'"),
        ("a;rm -rf /", "'a;rm -rf /'"), ("`id`", "'`id`'"), ("~", "'~'"), ("x\ny", "'x\ny'"),
    ])
    func quotesOnlyWhenNeeded(_ word: String, _ expected: String) {
        #expect(ShellQuoting.quote(word) == expected)
    }

    static let adversarial: [[String]] = [
        [
            "/app/AirlineAnalytics", "--input", "https://acct.blob.core.windows.net/raw/2007.csv.bz2", "--output",
            "https://acct.blob.core.windows.net/out/2007.parquet",
        ],
        [
            "echo", "", " ", "'", "''", "\"", "\\", "\\'", "$(reboot)", "`x`", "a b\tc\nd", "$", "!", "#comment",
            "é ü 日本",
        ],
        ["/bin/sh", "-c", "echo \"$AZ_BATCH_TASK_ID\" | tr a-z A-Z; exit 3"],
        ["x'\"'\"y", "--flag='quoted'", "trailing\\"],
    ]

    @Test(arguments: adversarial)
    func renderedCommandSplitsBackIntoTheSameWords(_ words: [String]) throws {
        #expect(try ShellQuoting.split(TaskCommandLine(words).rendered) == words)
    }

    @Test func theOriginalMissingSpaceCannotHappen() {
        let command = TaskCommandLine([
            "python", "/src/airline_analytics.py", "--input", "wasbs://x/2007.csv.bz2", "--output",
            "wasbs://y/2007.parquet",
        ])
        #expect(command.rendered.contains("2007.csv.bz2 --output "))
        #expect(TaskSpecification(id: "t", command: command).commandLine == command.rendered)
    }

    @Test func splitterFollowsShellRules() throws {
        #expect(
            try ShellQuoting.split(#"a  "b c" 'd e'f g\ h "\$x" "\q""#) == ["a", "b c", "d ef", "g h", "$x", #"\q"#])
        #expect(try ShellQuoting.split("   ") == [])
        #expect(try ShellQuoting.split("''") == [""])
    }

    @Test(arguments: ["'open", "\"open", "trailing\\"])
    func unterminatedInputThrows(_ text: String) {
        #expect(throws: CommandLineParseError.self) { try ShellQuoting.split(text) }
    }

    @Test func shellHelperWrapsTheScript() {
        #expect(TaskCommandLine.shell("ls | wc -l").rendered == "/bin/sh -c 'ls | wc -l'")
    }
}
