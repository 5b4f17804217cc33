using System.Diagnostics;
using Runner.Tests.Deploy;

namespace Runner.Tests.Scripts;

/// <summary>
/// run.sh's supervision (scripts/lib/supervise.sh) with stand-in children: a child that dies is named with its
/// status, start-up never reports ready past a dead child, and the survivors are stopped.
/// </summary>
public sealed class SupervisionTests
{
    [Test]
    public async Task A_child_that_exits_during_start_up_fails_readiness_with_its_name_and_status()
    {
        var result = await RunAsync("""
            start_child Api sleep 600
            start_child Worker sh -c 'exit 3'
            if wait_child_ready Worker 60 false; then echo ready; else echo not-ready; fi
            stop_children
            """);

        Assert.That(result.Output, Is.EqualTo("not-ready"));
        Assert.That(result.Errors, Does.Contain("error: Worker exited with status 3 during start-up"));
    }

    [Test]
    public async Task A_child_that_died_after_answering_ready_is_caught_before_start_up_is_reported()
    {
        var result = await RunAsync("""
            start_child Api sleep 600
            start_child Worker true
            wait_child_ready Worker 60 true
            while kill -0 "$(child_pid Worker)" 2>/dev/null; do sleep 0.05; done
            if all_children_alive; then echo up; else echo not-up; fi
            stop_children
            """);

        Assert.That(result.Output, Is.EqualTo("not-up"));
        Assert.That(result.Errors, Does.Contain("error: Worker exited with status 0 during start-up"));
    }

    [Test]
    public async Task The_first_child_to_exit_is_named_the_others_are_stopped_and_the_status_is_non_zero()
    {
        var result = await RunAsync("""
            start_child Api sleep 600
            start_child Worker sh -c 'exit 3'
            supervise; status=$?
            if kill -0 "$(child_pid Api)" 2>/dev/null; then echo "$status api-running"; else echo "$status api-stopped"; fi
            """);

        Assert.That(result.Output, Is.EqualTo("3 api-stopped"));
        Assert.That(result.Errors, Does.Contain("error: Worker exited with status 3; stopping the rest"));
    }

    [Test]
    public async Task A_child_killed_by_a_signal_is_reported_with_the_signal()
    {
        var result = await RunAsync("""
            start_child Api sleep 600
            start_child Worker sh -c 'kill -KILL $$'
            supervise; echo "$?"
            """);

        Assert.That(result.Output, Is.EqualTo("137"));
        Assert.That(result.Errors, Does.Contain("error: Worker was killed by signal 9; stopping the rest"));
    }

    [Test]
    public async Task A_child_that_exits_cleanly_still_makes_supervision_fail()
    {
        var result = await RunAsync("""
            start_child Worker true
            supervise; echo "$?"
            """);

        Assert.That(result.Output, Is.EqualTo("1"));
        Assert.That(result.Errors, Does.Contain("error: Worker exited with status 0; stopping the rest"));
    }

    private static async Task<(string Output, string Errors)> RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"source '{RepositoryFiles.PathTo("scripts/lib/supervise.sh")}'\n{script}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = bash.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = bash.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw;
        }

        return ((await output).Trim(), await errors);
    }
}
