namespace Pacer.Watchers.Dotnet.Tests;

public sealed class DotnetProcessTests
{
    [Fact]
    public async Task IsDotnet_TheDemoTarget_IsTrue()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();

        Assert.True(DotnetProcess.IsDotnet(target.Id));
        Assert.Null(DotnetProcess.Problem(target.Id));
    }

    [Fact]
    public async Task IsDotnet_Sleep_IsFalseWithAHint()
    {
        await using var sleep = ChildProcess.Start("sleep", "30");

        Assert.False(DotnetProcess.IsDotnet(sleep.Id));
        Assert.Equal(
            $"pid {sleep.Id} is not a .NET process with a diagnostic port (DOTNET_EnableDiagnostics=0?)",
            DotnetProcess.Problem(sleep.Id));
    }

    [Fact]
    public async Task IsDotnet_AStaleSocketOfAnEarlierProcessWithTheSamePid_IsNotThisProcess()
    {
        // A runtime that was killed leaves its socket behind, and its pid goes to a later process: here a sleep, given a socket
        // named with its pid and another start time, as the dead runtime's would be. Taken by pid alone, the sleep was .NET.
        await using var sleep = ChildProcess.Start("sleep", "30");
        var start = DotnetProcess.StartTicks(sleep.Id);
        Assert.NotNull(start);
        var stale = DotnetProcess.SocketPath(Path.GetTempPath(), sleep.Id, start.Value - 12345);
        await File.WriteAllTextAsync(stale, "");
        try
        {
            Assert.False(DotnetProcess.IsDotnet(sleep.Id));
            Assert.Null(DotnetProcess.FindInTree(sleep.Id));

            // The same name with the sleep's own start time is what a live runtime of that process would publish.
            var live = DotnetProcess.SocketPath(Path.GetTempPath(), sleep.Id, start.Value);
            await File.WriteAllTextAsync(live, "");
            try
            {
                Assert.True(DotnetProcess.Published(sleep.Id));
            }
            finally
            {
                File.Delete(live);
            }
        }
        finally
        {
            File.Delete(stale);
        }
    }

    [Fact]
    public async Task IsDotnet_DiagnosticsTurnedOff_IsFalseWithAHint()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync(environment: new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "0" });

        Assert.False(DotnetProcess.IsDotnet(target.Id));
        Assert.Equal(
            $"pid {target.Id} is not a .NET process with a diagnostic port (DOTNET_EnableDiagnostics=0?)",
            DotnetProcess.Problem(target.Id));
    }

    [Fact]
    public async Task IsDotnet_TargetWithItsOwnTempFolder_IsFoundThere()
    {
        // Its socket is in its own TMPDIR, not in the one the tests' process uses.
        var folder = Directory.CreateTempSubdirectory("pacer-dotnet-tmp-");
        try
        {
            await using var target = await ChildProcess.StartDemoTargetAsync(environment: new Dictionary<string, string> { ["TMPDIR"] = folder.FullName });
            Assert.NotEmpty(folder.EnumerateFiles($"dotnet-diagnostic-{target.Id}-*-socket"));

            Assert.True(DotnetProcess.IsDotnet(target.Id));
            await using var watcher = new DotnetWatcher(target.Id);
            await watcher.StartAsync(CancellationToken.None);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Problem_ProcessThatExited_SaysThereIsNone()
    {
        int pid;
        await using (var done = ChildProcess.Start("true"))
        {
            await done.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            pid = done.Id;
        }

        Assert.Equal($"pid {pid}: no such process", DotnetProcess.Problem(pid));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Problem_NotAPid_SaysSo(int pid)
    {
        Assert.Equal($"{pid} is not a process id (a positive number)", DotnetProcess.Problem(pid));
    }

    [Fact]
    public async Task FindInTree_RuntimeStartedThroughAShell_IsTheShellsChild()
    {
        // "; true" keeps sh from replacing itself with dotnet, as a launcher script would.
        await using var shell = await ChildProcess.StartDemoTargetAsync("{0}; true");

        var found = DotnetProcess.FindInTree(shell.Id);

        Assert.False(DotnetProcess.IsDotnet(shell.Id));
        Assert.NotNull(found);
        Assert.NotEqual(shell.Id, found);
        Assert.True(DotnetProcess.IsDotnet(found.Value));
    }

    [Fact]
    public async Task FindInTree_RuntimeItself_IsItself()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();

        Assert.Equal(target.Id, DotnetProcess.FindInTree(target.Id));
    }

    [Fact]
    public async Task FindInTree_NoRuntimeInTheTree_IsNull()
    {
        await using var sleep = ChildProcess.Start("sleep", "30");

        Assert.Null(DotnetProcess.FindInTree(sleep.Id));
    }
}
