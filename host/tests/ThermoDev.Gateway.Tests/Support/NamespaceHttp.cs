using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// An HttpClient whose connections are made inside a network namespace (ip netns; Linux, root): each TCP
    /// socket is created on a thread of its own that enters the namespace with setns(2) for that moment, and
    /// a socket stays in the namespace it was created in. So a test reaches a program listening on the
    /// loopback of a namespace without any tool.
    /// </summary>
    public static class NamespaceHttp
    {
        private const int CloneNewNet = 0x40000000;

        /// <summary>A client that connects inside namespace <paramref name="name"/>.</summary>
        public static HttpClient Create(string name, TimeSpan timeout)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellation) =>
                {
                    Socket socket = CreateSocketIn(name);
                    try
                    {
                        await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost" ? new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port) : new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), cancellation);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { Timeout = timeout };
        }

        private static Socket CreateSocketIn(string name)
        {
            Socket? made = null;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    using SafeFileHandle target = File.OpenHandle("/var/run/netns/" + name);
                    if (SetNamespace((int)target.DangerousGetHandle(), CloneNewNet) != 0)
                    {
                        throw new IOException("setns failed: " + Marshal.GetLastPInvokeError());
                    }

                    // This thread ends here and stays in the namespace; the socket is all that leaves it.
                    made = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            });
            thread.Start();
            thread.Join();
            return made ?? throw new IOException("cannot make a socket in namespace " + name, failure);
        }

        [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
        private static extern int SetNamespace(int fd, int nstype);
    }
}
