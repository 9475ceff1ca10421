// The tests run on Linux only (they call the kernel).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
