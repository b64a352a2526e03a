using System;
using System.IO;
using System.Net;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;
using ThermoDev.HostTests.Support;
using CoapClient = Coap.Micro.CoapClient;

namespace ThermoDev.HostTests.Client
{
    /// <summary>The ten-line client example of Coap.Micro/README.md works as written (against a server on a free port instead of 5683).</summary>
    [TestClass]
    public class ReadmeClientExampleTests
    {
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void TheReadmeExampleGetsTheTemperature()
        {
            string readme = File.ReadAllText(RepoPaths.Of("Coap.Micro/README.md"));
            foreach (string line in new[]
            {
                "var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Any, 0));",
                "var client = new CoapClient(transport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions());",
                "var request = new CoapRequest(256);",
                "request.SetEndpoint(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, 5683)));",
                "request.SetPath(\"/temp\");",
                "if (client.Request(request, 10000) == CoapClientResult.Response && request.Code == CoapCode.Content)",
                "Console.WriteLine(Encoding.UTF8.GetString(request.ResponseBuffer, request.PayloadOffset, request.PayloadLength));",
            })
            {
                StringAssert.Contains(readme, line);
            }

            var temp = new LoopbackServer.TextResource("temp");
            temp.Set("22.5");
            using var server = new LoopbackServer(IPAddress.Loopback, null, null, temp);
            string printed = null;

            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Any, 0));
            var client = new CoapClient(transport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions());
            var request = new CoapRequest(256);
            request.SetEndpoint(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port)));
            request.SetPath("/temp");
            if (client.Request(request, 10000) == CoapClientResult.Response && request.Code == CoapCode.Content)
            {
                printed = Encoding.UTF8.GetString(request.ResponseBuffer, request.PayloadOffset, request.PayloadLength);
            }

            Assert.AreEqual("22.5", printed);
        }
    }
}
