using System.Threading;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>Our server and a client, each on its end of an in-memory link, with real time and loops on threads.</summary>
    public sealed class LinkedHarness
    {
        /// <summary>The server's endpoint.</summary>
        public static readonly CoapEndpoint ServerEnd = ServerHarness.Endpoint(9);

        /// <summary>The client's endpoint.</summary>
        public static readonly CoapEndpoint ClientEnd = ServerHarness.Endpoint(1);

        /// <summary>The server's end of the link.</summary>
        public readonly LinkedTransport ServerTransport = new LinkedTransport(ServerEnd);

        /// <summary>The client's end of the link.</summary>
        public readonly LinkedTransport ClientTransport = new LinkedTransport(ClientEnd);

        /// <summary>The server, polling every 20 ms.</summary>
        public readonly CoapServer Server;

        /// <summary>The client, polling every 20 ms.</summary>
        public readonly CoapClient Client;

        /// <summary>The server with <paramref name="resource"/>, not started yet, and the client.</summary>
        public LinkedHarness(CoapResource resource)
        {
            LinkedTransport.Link(ServerTransport, ClientTransport);
            CoapServerOptions serverOptions = new CoapServerOptions();
            serverOptions.ReceivePollMilliseconds = 20;
            Server = new CoapServer(ServerTransport, new TickClock(), new CoapRandom(), serverOptions);
            Server.Add(resource);
            CoapClientOptions clientOptions = new CoapClientOptions();
            clientOptions.ReceivePollMilliseconds = 20;
            Client = new CoapClient(ClientTransport, new TickClock(), new CoapRandom(), clientOptions);
        }

        /// <summary>A GET of <paramref name="path"/> to the server with a 256-byte response buffer.</summary>
        public static CoapRequest Request(string path)
        {
            CoapRequest request = new CoapRequest(256);
            request.SetEndpoint(ServerEnd);
            Assert.IsTrue(request.SetPath(path));
            return request;
        }

        /// <summary>Stops both loops.</summary>
        public void Stop()
        {
            Client.Stop(5000);
            Server.Stop(5000);
        }

        /// <summary>Waits up to 2 s for <paramref name="handler"/> to have been told of <paramref name="responses"/> responses.</summary>
        public static void WaitForResponses(RecordingHandler handler, int responses)
        {
            for (int i = 0; i < 200 && handler.Responses < responses; i++)
            {
                Thread.Sleep(10);
            }

            Assert.AreEqual(responses, handler.Responses);
        }

        /// <summary>Waits up to 2 s for <paramref name="request"/> to end.</summary>
        public static void WaitForEnd(CoapRequest request)
        {
            for (int i = 0; i < 200 && request.IsPending; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsFalse(request.IsPending);
        }
    }
}
