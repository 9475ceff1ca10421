// Bigger real programs under the jail on a seeded host tree (see ScriptConformance): Debian's /usr/bin/python3
// writing, renaming, linking and setting metadata; git init/add/commit in a host directory (fixed identities
// and dates, so commit ids are the same natively and jailed); tar extracting a tarball the test makes, beside
// and over host files; gcc compiling and linking a two-file program whose result runs in a second jailed run.
// As root and as uid 65534.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class ToolchainTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Python_writes_renames_links_and_sets_metadata(bool unprivileged)
    {
        Assert.True(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is not installed (.ci/run installs python3)");
        using var s = new Scratch(unprivileged, "python");
        ScriptConformance.Check(s, """
            PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c '
            import os, json
            os.makedirs("py/a/b", exist_ok=True)
            with open("py/a/b/data.json", "w") as f: json.dump({"k": [1, 2, 3]}, f)
            with open("data.txt", "a") as f: f.write("from python\n")
            os.rename("ren_src.txt", "py/renamed.txt")
            os.chmod("py/renamed.txt", 0o600)
            os.symlink("a/b/data.json", "py/link")
            os.remove("del_me.txt")
            os.replace("py/renamed.txt", "py/replaced.txt")
            try:
                os.setxattr("py/replaced.txt", "user.py", b"yes")
            except OSError as e:
                print("setxattr", e.errno)
            os.link("py/replaced.txt", "py/hard")
            os.utime("py/hard", (1000000000, 1234567890))
            os.rmdir("emptydir")
            print(sorted(os.listdir("py")), open("py/link").read())
            st = os.stat("py/replaced.txt")
            print(oct(st.st_mode), st.st_nlink, st.st_mtime, os.getxattr("py/hard", "user.py"))
            print(sorted(next(os.walk("."))[1]))
            '
            """, verify: "cat py/a/b/data.json data.txt; ls py\n");
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Git_init_add_commit_in_a_host_directory(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "git");
        var env = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "Jail Test", ["GIT_AUTHOR_EMAIL"] = "jail@example.invalid",
            ["GIT_COMMITTER_NAME"] = "Jail Test", ["GIT_COMMITTER_EMAIL"] = "jail@example.invalid",
            ["GIT_AUTHOR_DATE"] = "@1600000000 +0000", ["GIT_COMMITTER_DATE"] = "@1600000000 +0000",
            ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["HOME"] = s.Root,
        };
        // .git/index holds inode numbers and times, so the trees are compared through git itself.
        ScriptConformance.Check(s, """
            cd dir
            git init -q -b main
            git add -A
            git commit -q -m "jailed commit"
            echo change >> inner.txt
            git commit -q -am "second commit"
            git log --format='%H %an <%ae> %s'
            git ls-files -s
            git status --porcelain
            """, env, verify: """
            cd dir
            git log --format='%H %T %s'
            git status --porcelain
            git fsck --no-progress --no-dangling 2>&1
            git cat-file -p HEAD^{tree}
            git show HEAD:inner.txt
            """, compareTrees: false);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tar_extracts_beside_and_over_host_files(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "tar");
        var tarball = Path.Combine(s.Root, "input.tar");
        Expect.Succeeded(s.RunNative("/bin/bash", "-c", """
            set -e
            umask 022
            mkdir -p "$1/src/d/e" "$1/src/dir"
            cd "$1/src"
            printf 'alpha\n' > a.txt
            printf '#!/bin/sh\necho run\n' > d/run.sh
            chmod 755 d/run.sh
            ln -s ../a.txt d/link
            ln a.txt d/hard
            mkfifo d/fifo
            printf 'deep' > d/e/deep
            chmod 0640 d/e/deep
            printf 'from tar\n' > data.txt
            printf 'inner from tar\n' > dir/inner.txt
            tar -cf "$2" .
            """, "make-tarball", s.Root, tarball), "making the tarball");

        ScriptConformance.Check(s, """
            mkdir extracted
            tar -xf "$2" -C extracted
            tar -xf "$2"
            cat data.txt dir/inner.txt extracted/d/link
            find extracted ! -type d -printf '%P|%y|%m|%n|%s\n' | LC_ALL=C sort
            """, extraArgs: tarball);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gcc_builds_a_program_that_runs_in_a_second_jailed_run(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "gcc");
        ScriptConformance.Check(s, """
            mkdir -p build
            cd build
            cat > main.c <<'EOF'
            #include <stdio.h>
            int add(int, int);
            int main(void) { printf("sum=%d\n", add(2, 3)); return 0; }
            EOF
            cat > add.c <<'EOF'
            int add(int a, int b) { return a + b; }
            EOF
            gcc -c main.c -o main.o
            gcc -c add.c -o add.o
            gcc main.o add.o -o hello
            ls
            """, verify: "./build/hello\n");
    }
}
