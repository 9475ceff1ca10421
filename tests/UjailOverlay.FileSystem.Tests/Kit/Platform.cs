// The tests run on Linux only: the contract compares against .NET's Linux file system behaviour (unix modes,
// symlinks, errno-derived exceptions), so the assembly says so and the platform analyzer agrees.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
