using System.Net.Sockets;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// Keeps one request in flight on each of its connections from a single thread, as <c>wrk</c> does: poll(2) for the
/// connections whose answer has come, read it, send that connection's next request. No thread pool and no
/// continuation per answer, so the load generator takes as little as it can of the CPU that the host and the database
/// share with it.
/// </summary>
internal static class PollingLoad
{
    /// <param name="send">Sends the next request of connection <c>i</c>; returns the rows it carries.</param>
    /// <param name="check">Throws when an answer is not the one expected.</param>
    public static async Task<double> RowsPerSecondAsync(
        IReadOnlyList<LoadConnection> connections, Func<int, int> send, Action<int, ReadOnlyMemory<byte>> check, TimeSpan warmup, TimeSpan window)
    {
        var run = new Run();
        var thread = new Thread(() => Drive(connections, send, check, run)) { IsBackground = true, Name = "load" };
        thread.Start();
        await Task.Delay(warmup);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Volatile.Write(ref run.Measuring, true);
        await Task.Delay(window);
        Volatile.Write(ref run.Measuring, false);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Volatile.Write(ref run.Stopping, true);
        await run.Done.Task;
        return run.Rows / elapsed.TotalSeconds;
    }

    private static void Drive(IReadOnlyList<LoadConnection> connections, Func<int, int> send, Action<int, ReadOnlyMemory<byte>> check, Run run)
    {
        try
        {
            var index = new Dictionary<Socket, int>(connections.Count);
            var rows = new int[connections.Count];
            for (var i = 0; i < connections.Count; i++)
            {
                index.Add(connections[i].Socket, i);
                rows[i] = send(i);
            }

            var ready = new List<Socket>(connections.Count);
            while (!Volatile.Read(ref run.Stopping))
            {
                ready.Clear();
                ready.AddRange(index.Keys);
                Socket.Select(ready, null, null, 100_000);
                foreach (var socket in ready)
                {
                    var i = index[socket];
                    connections[i].ReceiveAvailable();
                    while (connections[i].TryTakeAnswer(out var status, out var body))
                    {
                        check(status, body);
                        if (Volatile.Read(ref run.Measuring))
                        {
                            run.Rows += rows[i];
                        }

                        rows[i] = send(i);
                    }
                }
            }

            // Every connection ends with its last answer read, so it can serve again.
            foreach (var connection in connections)
            {
                int status;
                ReadOnlyMemory<byte> body;
                while (!connection.TryTakeAnswer(out status, out body))
                {
                    connection.ReceiveAvailable();
                }

                check(status, body);
            }

            run.Done.SetResult();
        }
        catch (Exception exception)
        {
            run.Done.SetException(exception);
        }
    }

    private sealed class Run
    {
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Measuring;
        public bool Stopping;
        public long Rows;
    }
}
