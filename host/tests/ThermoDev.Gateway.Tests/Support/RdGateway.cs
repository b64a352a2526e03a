using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>A gateway in the test's process with its Resource Directory on 127.0.0.1 (a free UDP port unless given), and a CoAP peer to register with.</summary>
    public sealed class RdGateway : IAsyncDisposable
    {
        private RdGateway(TestGateway gateway, RawCoapPeer peer)
        {
            Gateway = gateway;
            Peer = peer;
        }

        /// <summary>The gateway.</summary>
        public TestGateway Gateway { get; }

        /// <summary>A CoAP peer on 127.0.0.1 and a free port.</summary>
        public RawCoapPeer Peer { get; }

        /// <summary>The Resource Directory's address.</summary>
        public IPEndPoint Rd
        {
            get
            {
                IPEndPoint local = Gateway.App.Rd!.LocalEndPoint;
                return new IPEndPoint(IPAddress.Loopback, local.Port);
            }
        }

        /// <summary>Starts a gateway with the devices given as name=coap-uri, its directory on <paramref name="rdPort"/> (0: a free one).</summary>
        public static async Task<RdGateway> StartAsync(int rdPort = 0, int rdCapacity = GatewaySettings.DefaultRdCapacity, params string[] devices)
        {
            TestGateway gateway = await TestGateway.StartAsync(devices, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                RdListen = new IPEndPoint(IPAddress.Loopback, rdPort),
                RdCapacity = rdCapacity,
                StatusInterval = TimeSpan.FromSeconds(30),
            });
            return new RdGateway(gateway, new RawCoapPeer(new IPEndPoint(IPAddress.Loopback, 0)));
        }

        /// <summary>POST /rd with the query and the links; the answer (asserted to have come).</summary>
        public async Task<RawMessage> RegisterAsync(string links, params string[] query)
        {
            RawMessage? answer = await Peer.RequestAsync(Rd, CoapCode.Post, "/rd", query, links, CoapContentFormat.LinkFormat);
            Assert.IsNotNull(answer, "the directory did not answer the registration");
            return answer;
        }

        /// <summary>A request to the directory; the answer (asserted to have come).</summary>
        public async Task<RawMessage> SendAsync(byte method, string path, params string[] query)
        {
            RawMessage? answer = await Peer.RequestAsync(Rd, method, path, query);
            Assert.IsNotNull(answer, $"the directory did not answer {path}");
            return answer;
        }

        /// <summary>GET of a lookup; the links' text, asserted to be a 2.05 in link-format.</summary>
        public async Task<string> LookupAsync(string path, params string[] query)
        {
            RawMessage answer = await SendAsync(CoapCode.Get, path, query);
            Assert.AreEqual("2.05", answer.CodeText, answer.Text);
            if (answer.Payload.Length > 0)
            {
                CollectionAssert.Contains(answer.Options.ConvertAll(o => o.Number), CoapOption.ContentFormat);
            }

            return answer.Text;
        }

        /// <summary>The device object of <paramref name="name"/>, or null when the gateway has none.</summary>
        public async Task<JsonElement?> DeviceAsync(string name)
        {
            using HttpResponseMessage response = await Gateway.Http.GetAsync("/api/devices/" + name);
            return response.StatusCode == HttpStatusCode.NotFound ? null : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        /// <summary>Waits (bounded) until <paramref name="name"/>'s status is <paramref name="status"/>.</summary>
        public async Task<JsonElement> WaitForStatusAsync(string name, string status)
        {
            JsonElement? device = null;
            bool reached = await Eventually.TrueAsync(async () =>
            {
                device = await DeviceAsync(name);
                return device?.GetProperty("status").GetString() == status;
            }, TimeSpan.FromSeconds(20));
            Assert.IsTrue(reached, $"device {name} did not become {status}: {device}");
            return device!.Value;
        }

        /// <summary>The gateway's /metrics text.</summary>
        public Task<string> MetricsAsync() => Gateway.Http.GetStringAsync("/metrics");

        /// <summary>Stops the peer and the gateway.</summary>
        public async ValueTask DisposeAsync()
        {
            Peer.Dispose();
            await Gateway.DisposeAsync();
        }
    }
}
