using System.Runtime.InteropServices;

namespace Runner.Bench.Jq;

/// <summary>
/// CPU time, which (unlike wall-clock time) stays comparable when other sessions load the shared machine:
/// the calling thread's (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>) and that of reaped child processes
/// (<c>getrusage(RUSAGE_CHILDREN)</c>).
/// </summary>
internal static partial class CpuTime
{
    private const int ClockThreadCpuTime = 3;
    private const int RusageChildren = -1;

    public static TimeSpan CurrentThread()
    {
        if (clock_gettime(ClockThreadCpuTime, out var ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return TimeSpan.FromTicks((ts.Seconds * 1_000_000_000 + ts.Nanoseconds) / 100);
    }

    public static TimeSpan Children()
    {
        if (getrusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage(RUSAGE_CHILDREN) failed");
        }

        return usage.User.ToTimeSpan() + usage.System.ToTimeSpan();
    }

    /// <summary>The 1, 5 and 15 minute load averages, as <c>uptime</c> prints them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clock, out Timespec ts);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Seconds * TimeSpan.TicksPerSecond + Microseconds * 10);
    }

    // struct rusage on Linux x86-64: two timevals and fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public Timeval User;
        public Timeval System;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }
}
