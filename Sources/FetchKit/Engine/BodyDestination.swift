/// Where a job's body goes, decided before its transfer starts.
enum BodyDestination {
    case write(BodySink)
    /// `--skip-existing`, and the job's file exists: the job is not fetched.
    case skip(path: String)
    /// The body has nowhere to go (its file exists, or cannot be created).
    case refuse(URLProblem)
}

/// What `-o` does when a job's file already exists.
public enum ExistingFilePolicy: String, Sendable {
    /// Refuse the job with an `output` error (the default: never overwrite).
    case refuse
    /// `--skip-existing`: do not fetch it; its record is ok, with the file's path.
    case skip
    /// `--overwrite`: fetch it and replace the file, atomically, once the body is complete.
    case overwrite
}
