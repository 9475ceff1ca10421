// The FileSystem project's place in the house (STYLE.md): it depends on the core only (plus
// System.IO.Abstractions), never on Linux, State or Jail, and talks to no kernel itself (no P/Invoke).
using System.Reflection;
using Xunit;

namespace UjailOverlay.FileSystem.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Library = typeof(OverlayFileSystem).Assembly;

    [Fact]
    public void The_only_project_it_references_is_the_core()
    {
        var projects = Library.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("UjailOverlay.", StringComparison.Ordinal));
        Assert.Equal(new[] { "UjailOverlay.Core" }, projects);
    }

    [Fact]
    public void It_declares_no_native_calls()
    {
        var native = Library.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => (m.Attributes & MethodAttributes.PinvokeImpl) != 0)
            .Select(m => m.DeclaringType + "." + m.Name);
        Assert.Empty(native);
    }

    [Fact]
    public void Its_public_surface_is_the_file_system_alone()
    {
        Assert.Equal(new[] { typeof(OverlayFileSystem) }, Library.GetExportedTypes());
    }
}
