// The order of the report, path filters, and properties that hold for any state.
using CsCheck;
using UjailOverlay.Core.Diff;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Tests.Fakes;
using static UjailOverlay.Core.Tests.Diff.DiffTestKit;
using Xunit;

namespace UjailOverlay.Core.Tests.Diff;

public sealed class OrderAndFilterTests
{
    [Fact]
    public void A_directory_precedes_its_children_even_before_names_with_lower_characters()
    {
        var state = new FakeState();
        state.CreateFile("/a-b", "1");
        state.CreateFile("/a/b", "2");
        state.CreateFile("/a.txt", "3");
        state.CreateFile("/a/a", "4");

        Assert.Equal(new[] { "/a", "/a/a", "/a/b", "/a-b", "/a.txt" }, Changes(state).Select(c => c.Path));
    }

    [Theory]
    [InlineData("/a", "/a/b", -1)]
    [InlineData("/a/b", "/a-b", -1)]
    [InlineData("/a/z", "/a0", -1)]
    [InlineData("/b", "/a/z", 1)]
    [InlineData("/a", "/a", 0)]
    public void The_path_comparer_sorts_slash_first(string x, string y, int sign)
    {
        Assert.Equal(sign, Math.Sign(DiffPathComparer.Instance.Compare(x, y)));
    }

    [Theory]
    [InlineData("etc", "/etc")]
    [InlineData("/etc/", "/etc")]
    [InlineData("//etc//./ssl/../hosts", "/etc/hosts")]
    [InlineData("/../..", "/")]
    [InlineData("", "/")]
    public void Paths_normalise_lexically(string input, string expected)
    {
        Assert.Equal(expected, DiffPaths.Normalize(input));
    }

    [Fact]
    public void Path_filters_keep_changes_at_or_beneath_them_only()
    {
        var state = StandardHost();
        state.CreateFile("/etc/new", "n");
        state.CreateFile("/etc-other/x", "x");
        state.Whiteout("/var/log/syslog");
        state.CreateFile("/opt/x", "x");

        var changes = Changes(state, new DiffOptions { Paths = new[] { "etc/", "/var/log/syslog" } });

        Assert.Equal(new[] { "Added /etc/new", "Deleted /var/log/syslog" }, Summary(changes));
    }

    [Fact]
    public void A_root_filter_keeps_everything()
    {
        var state = StandardHost();
        state.CreateFile("/opt/x", "x");

        Assert.Equal(Summary(Changes(state)), Summary(Changes(state, new DiffOptions { Paths = new[] { "/" } })));
    }

    [Fact]
    public void A_filter_beneath_an_added_directory_reports_only_that_part()
    {
        var state = StandardHost();
        state.CreateFile("/opt/app/a", "1");
        state.CreateFile("/opt/app/b", "2");

        Assert.Equal(new[] { "Added /opt/app/b" }, Summary(Changes(state, new DiffOptions { Paths = new[] { "/opt/app/b" } })));
    }

    [Fact]
    public void A_dangling_inode_number_shows_the_host_through()
    {
        var state = StandardHost();
        var image = state.Image;
        var broken = image with { Dentries = image.Dentries.Append(new DentryRecord("/etc/hosts", 999)).ToArray() };

        Assert.Empty(StateDiff.Compute(broken, state.Lower, state.Upper, DiffOptions.Default));
    }

    [Fact]
    public void Copy_ups_alone_never_make_a_difference()
    {
        // Whatever subset of the host is copied up, with or without data, the merged view equals the host:
        // no differences, and each copied-up path is a noop.
        var host = StandardHost().Lower;
        var candidates = host.Tree.Paths.Where(p => p != "/").Order(StringComparer.Ordinal).ToArray();
        Gen.Select(Gen.Int[0, candidates.Length - 1].HashSet[0, candidates.Length], Gen.Bool)
            .Sample((picked, data) =>
            {
                var state = new FakeState(host);
                foreach (var i in picked.Order()) state.CopyUp(candidates[i], data);
                var noops = Changes(state, new DiffOptions { IncludeNoops = true, Times = true });
                return Changes(state).Count == 0
                    && noops.All(c => c.Kind == ChangeKind.Noop)
                    && noops.Select(c => c.Path).SequenceEqual(state.Image.Dentries.Select(d => d.Path).Order(DiffPathComparer.Instance));
            }, iter: 200);
    }

    [Fact]
    public void Every_report_is_sorted_and_free_of_duplicates()
    {
        var host = StandardHost().Lower;
        var candidates = host.Tree.Paths.Where(p => p != "/").Order(StringComparer.Ordinal).ToArray();
        Gen.Int[0, 3].Array[candidates.Length].Select(Gen.Bool).Sample((ops, expand) =>
        {
            var state = new FakeState(host);
            for (var i = 0; i < candidates.Length; i++)
            {
                var path = candidates[i];
                if (state.Image.Dentries.Any(d => d.IsWhiteout && path.StartsWith(d.Path + "/", StringComparison.Ordinal))) continue;
                switch (ops[i])
                {
                    case 1: state.Whiteout(path); break;
                    case 2: state.CreateFile(path + ".new", "x"); break;
                    case 3 when host.Stat(path).Type is NodeType.Regular or NodeType.Directory: state.CopyUp(path); state.Chmod(path, 0x1FF); break;
                }
            }
            var paths = Changes(state, new DiffOptions { Expand = expand }).Select(c => c.Path).ToArray();
            return paths.SequenceEqual(paths.Order(DiffPathComparer.Instance)) && paths.Distinct().Count() == paths.Length;
        }, iter: 200);
    }
}
