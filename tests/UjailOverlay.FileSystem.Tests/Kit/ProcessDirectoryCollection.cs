// Tests that change or observe the process's current directory (the host contract's SetCurrentDirectory, the
// check that the overlay never touches it) run one at a time.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Kit;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessDirectoryCollection
{
    public const string Name = "process current directory";
}
