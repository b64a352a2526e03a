using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// A client thread sending CON requests in lock step over UDP on loopback (the given requests in turn,
    /// each with a fresh Message ID) and checking each answer is a piggybacked 2.xx; and the measurement of
    /// what the server thread allocates while it serves them, after the runtime has warmed up.
    /// </summary>
    public sealed class LockStepLoad : IDisposable
    {
        private readonly CoapServer _server;
        private readonly ManualResetEventSlim _stop = new ManualResetEventSlim();
        private readonly Thread _client;
        private Exception _failure;
        private int _sent;

        public LockStepLoad(CoapServer server, int port, byte[][] requests)
        {
            _server = server;
            _client = new Thread(() =>
            {
                try
                {
                    Run(port, requests);
                }
                catch (Exception e)
                {
                    _failure = e;
                }
            });
            _client.Start();
        }

        /// <summary>Requests answered so far.</summary>
        public int Sent => Volatile.Read(ref _sent);

        /// <summary>
        /// Serves until the runtime has tiered the paths (at least <paramref name="warmUp"/> requests and 3 s,
        /// then until 10,000 requests in a row allocate nothing, 60 s at most), then returns the bytes the
        /// calling thread allocated serving <paramref name="measured"/> more.
        /// </summary>
        public long MeasureAfterWarmUp(int warmUp, int measured)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int served = 0;
            while (served < warmUp || clock.ElapsedMilliseconds < 3_000
                || (AllocatedServing(10_000) > 0 && clock.ElapsedMilliseconds < 60_000))
            {
                Serve(1_000);
                served += 1_000;
            }

            return AllocatedServing(measured);
        }

        public void Dispose()
        {
            _stop.Set();
            for (int i = 0; i < 100 && _client.IsAlive; i++)
            {
                _server.Poll(50);
            }

            if (!_client.Join(10_000))
            {
                throw new TimeoutException("client did not finish");
            }

            if (_failure != null)
            {
                throw new InvalidOperationException("client failed", _failure);
            }
        }

        private long AllocatedServing(int requests)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Serve(requests);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private void Serve(int requests)
        {
            for (int i = 0; i < requests; i++)
            {
                if (!_server.Poll(5_000))
                {
                    throw new TimeoutException($"no request after {i} of {requests}", _failure);
                }
            }
        }

        private void Run(int port, byte[][] requests)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.ReceiveTimeout = 5_000;
            socket.Connect(IPAddress.Loopback, port);
            byte[] response = new byte[1500];
            for (int i = 0; !_stop.IsSet; i++)
            {
                byte[] request = requests[i % requests.Length];
                request[2] = (byte)(i >> 8);
                request[3] = (byte)i;
                socket.Send(request);
                int n = socket.Receive(response);
                if (n < 4 || response[0] >> 4 != 0x6 || CoapCode.ClassOf(response[1]) != 2 || response[2] != request[2] || response[3] != request[3])
                {
                    throw new InvalidOperationException($"unexpected response to request {i}: {Convert.ToHexString(response, 0, n)}");
                }

                Interlocked.Increment(ref _sent);
            }
        }
    }
}
