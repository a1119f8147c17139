import Foundation

/// What every stand-in `AirlineAnalytics` of the `--one-answer` tests shares (local and Azure-shaped): the map/merge
/// command-line contract read into shell variables, and the executable file the runner starts.
enum StandInScript {
    /// `#!/bin/sh`, then `role` (`map` or `merge`) and `input`, `range`, `partial`, `partials`, `output`, `expect`
    /// from the options; an unknown option exits 64.
    static let prologue = """
        #!/bin/sh
        role=$1; shift
        while [ $# -gt 0 ]; do
          case "$1" in
            --input) input=$2 ;; --range) range=$2 ;; --partial-output) partial=$2 ;;
            --partials) partials=$2 ;; --output) output=$2 ;; --expect) expect=$2 ;;
            *) echo "stand-in: unexpected argument $1" >&2; exit 64 ;;
          esac
          shift 2
        done
        """

    /// Writes `text` (which starts with ``prologue``) to `script` as an executable and returns `script`.
    static func write(_ text: String, to script: URL) throws -> URL {
        try text.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }
}
