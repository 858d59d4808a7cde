using System.Net;
using System.Net.Sockets;

namespace HttmOrleans.Hosting.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a silo's listening port. <see cref="Pause"/> holds every byte in
/// both directions, the way a process that stopped running holds them: the peer's calls get neither
/// an answer nor a refused connection. <see cref="Resume"/> lets the held bytes through intact.
/// </summary>
public sealed class PausingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private TaskCompletionSource _open = Opened();

    public PausingProxy(int targetPort)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(targetPort);
    }

    /// <summary>The port to advertise instead of the silo's own.</summary>
    public int Port { get; }

    public void Pause() => Interlocked.Exchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Resume() => Volatile.Read(ref _open).TrySetResult();

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync(int targetPort)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
                var outgoing = new TcpClient();
                await outgoing.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
                lock (_connections) _connections.AddRange([incoming, outgoing]);
                _ = PumpAsync(incoming.GetStream(), outgoing.GetStream());
                _ = PumpAsync(outgoing.GetStream(), incoming.GetStream());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await Volatile.Read(ref _open).Task.WaitAsync(_stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Either side closed, or the proxy stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_connections) _connections.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
