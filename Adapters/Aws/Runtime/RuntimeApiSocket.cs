using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// One blocking TCP connection made with the C library's socket calls, for the Runtime API client. A
/// <see cref="Socket"/> starts the socket event engine's thread when a process makes its first one, blocking or not:
/// about 1 ms of a function's cold start, both threads' CPU (bench/README.md), for an engine that a loop of blocking
/// calls on one connection never uses. Linux only, where custom runtimes run: the constants are Linux's, the same on
/// x86-64 and arm64. Failures surface as <see cref="SocketException"/>.
/// </summary>
internal sealed partial class RuntimeApiSocket : IDisposable
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int MsgNoSignal = 0x4000;
    private const int ShutReadWrite = 2;
    private const int Interrupted = 4;
    private const int AlreadyInProgress = 114;
    private const int AlreadyConnected = 106;
    private const int BadDescriptor = 9;
    private const int BrokenPipe = 32;
    private const int NetworkUnreachable = 101;
    private const int ConnectionAborted = 103;
    private const int ConnectionReset = 104;
    private const int NotConnected = 107;
    private const int TimedOut = 110;
    private const int ConnectionRefused = 111;
    private const int HostUnreachable = 113;

    private readonly Lock _state = new();
    private Descriptor? _descriptor;
    private bool _aborted;

    /// <summary>Whether <see cref="Connect"/> has succeeded.</summary>
    public bool Connected { get; private set; }

    /// <summary>Connects to the endpoint's address, or to the first of a name's addresses that answers.</summary>
    /// <exception cref="SocketException">No address could be reached, or <see cref="Abort"/> came first.</exception>
    public void Connect(EndPoint endPoint)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Runtime API client runs on Linux, as Lambda's custom runtimes do.");
        }

        var (addresses, port) = endPoint switch
        {
            IPEndPoint ip => ([ip.Address], ip.Port),
            DnsEndPoint name => (Dns.GetHostAddresses(name.Host), name.Port),
            _ => throw new ArgumentException($"A {endPoint.GetType().Name} is not an address to connect to.", nameof(endPoint)),
        };

        SocketException? failure = null;
        foreach (var address in addresses)
        {
            try
            {
                ConnectTo(address, port);
                return;
            }
            catch (SocketException exception) when (!_aborted)
            {
                failure = exception;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Sends every byte, blocking until the kernel has taken them.</summary>
    public void Send(ReadOnlySpan<byte> bytes)
    {
        var descriptor = Open();
        while (!bytes.IsEmpty)
        {
            var sent = Native.Send(descriptor, ref MemoryMarshal.GetReference(bytes), bytes.Length, MsgNoSignal);
            if (sent < 0)
            {
                ThrowUnlessInterrupted();
                continue;
            }

            bytes = bytes[(int)sent..];
        }
    }

    /// <summary>Receives what has come, blocking until something has; 0 when the peer closed its side.</summary>
    public int Receive(Span<byte> buffer)
    {
        var descriptor = Open();
        while (true)
        {
            var received = Native.Receive(descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length, 0);
            if (received >= 0)
            {
                return (int)received;
            }

            ThrowUnlessInterrupted();
        }
    }

    /// <summary>
    /// Shuts the connection down under a blocked call, which then returns (a receive reads the end of the stream), and
    /// makes a later <see cref="Connect"/> fail: for a cancellation, from any thread.
    /// </summary>
    public void Abort()
    {
        lock (_state)
        {
            _aborted = true;
            if (_descriptor is { IsClosed: false } descriptor)
            {
                _ = Native.Shutdown(descriptor, ShutReadWrite);
            }
        }
    }

    public void Dispose()
    {
        lock (_state)
        {
            _aborted = true;
            _descriptor?.Dispose();
        }
    }

    private void ConnectTo(IPAddress address, int port)
    {
        Descriptor descriptor;
        lock (_state)
        {
            ObjectDisposedException.ThrowIf(_aborted, this);
            _descriptor?.Dispose();
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? AfInet6 : AfInet;
            descriptor = new Descriptor(Native.Socket(family, SockStream | SockCloexec, IpProtoTcp));
            _descriptor = descriptor;
        }

        if (descriptor.IsInvalid)
        {
            throw Failure(Marshal.GetLastPInvokeError());
        }

        // Each request goes out whole at once; Nagle would only hold back a body sent after its head.
        var noDelay = 1;
        if (Native.SetOption(descriptor, IpProtoTcp, TcpNoDelay, ref noDelay, sizeof(int)) < 0)
        {
            throw Failure(Marshal.GetLastPInvokeError());
        }

        Span<byte> socketAddress = stackalloc byte[28];
        var length = WriteAddress(address, port, socketAddress);

        // A blocking connect that a signal interrupts goes on in the kernel; asking again tells when it is done.
        while (Native.Connect(descriptor, ref MemoryMarshal.GetReference(socketAddress), length) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error == AlreadyConnected)
            {
                break;
            }

            if (error is not (Interrupted or AlreadyInProgress))
            {
                throw Failure(error);
            }
        }

        lock (_state)
        {
            // An abort while connecting found nothing to shut down yet.
            ObjectDisposedException.ThrowIf(_aborted, this);
            Connected = true;
        }
    }

    private Descriptor Open() =>
        _descriptor is { } descriptor && Connected ? descriptor : throw new InvalidOperationException("The socket is not connected.");

    /// <summary>A <c>sockaddr_in</c> or <c>sockaddr_in6</c>: the family in the host's order, the port in the network's.</summary>
    private static int WriteAddress(IPAddress address, int port, Span<byte> target)
    {
        target.Clear();
        var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        MemoryMarshal.Write(target, (ushort)(ipv6 ? AfInet6 : AfInet));
        target[2] = (byte)(port >> 8);
        target[3] = (byte)port;
        if (!ipv6)
        {
            address.TryWriteBytes(target[4..8], out _);
            return 16;
        }

        address.TryWriteBytes(target[8..24], out _);
        MemoryMarshal.Write(target[24..28], (uint)address.ScopeId);
        return 28;
    }

    private static void ThrowUnlessInterrupted()
    {
        var error = Marshal.GetLastPInvokeError();
        if (error != Interrupted)
        {
            throw Failure(error);
        }
    }

    /// <summary>The failure as the socket classes report it, for the errors a client meets.</summary>
    private static SocketException Failure(int error) => new((int)(error switch
    {
        ConnectionRefused => SocketError.ConnectionRefused,
        ConnectionReset => SocketError.ConnectionReset,
        BrokenPipe => SocketError.Shutdown,
        ConnectionAborted => SocketError.ConnectionAborted,
        TimedOut => SocketError.TimedOut,
        NetworkUnreachable => SocketError.NetworkUnreachable,
        HostUnreachable => SocketError.HostUnreachable,
        NotConnected => SocketError.NotConnected,
        BadDescriptor => SocketError.OperationAborted,
        _ => SocketError.SocketError,
    }));

    /// <summary>The file descriptor, closed once no call is using it.</summary>
    private sealed class Descriptor : SafeHandleMinusOneIsInvalid
    {
        public Descriptor(int descriptor)
            : base(ownsHandle: true) => SetHandle(descriptor);

        protected override bool ReleaseHandle() => Native.Close((int)handle) == 0;
    }

    /// <summary>The C library's calls, bound at link time under native AOT (DirectPInvoke in the project file).</summary>
    private static partial class Native
    {
        private const string Library = "libc";

        [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
        public static partial int Socket(int domain, int type, int protocol);

        [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
        public static partial int SetOption(Descriptor descriptor, int level, int name, ref int value, int length);

        [LibraryImport(Library, EntryPoint = "connect", SetLastError = true)]
        public static partial int Connect(Descriptor descriptor, ref byte address, int length);

        [LibraryImport(Library, EntryPoint = "send", SetLastError = true)]
        public static partial nint Send(Descriptor descriptor, ref byte buffer, nint length, int flags);

        [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
        public static partial nint Receive(Descriptor descriptor, ref byte buffer, nint length, int flags);

        [LibraryImport(Library, EntryPoint = "shutdown", SetLastError = true)]
        public static partial int Shutdown(Descriptor descriptor, int how);

        [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int descriptor);
    }
}
