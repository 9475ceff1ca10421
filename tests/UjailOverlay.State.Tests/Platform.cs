// The state directory is a Linux format (flock, fcntl, Unix modes, statx in the tests); so are these tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
