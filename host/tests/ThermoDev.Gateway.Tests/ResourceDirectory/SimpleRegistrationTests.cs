using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.ResourceDirectory
{
    /// <summary>
    /// Simple registration (RFC 9176 §5.1), and a registration by libcoap's coap-client: both on loopback,
    /// the registrant a peer of the test's (or coap-client, a process bounded by a timeout).
    /// </summary>
    [TestClass]
    public sealed class SimpleRegistrationTests
    {
        private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);

        /// <summary>
        /// POST /.well-known/rd?ep=...: the directory GETs /.well-known/core from the sender (Accept
        /// link-format), registers those links with the sender's address as base, and only then answers 2.04.
        /// </summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task TheDirectoryFetchesTheSendersLinksThenAnswersChanged()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            RawMessage? answer = await rd.Peer.RequestAsync(rd.Rd, CoapCode.Post, "/.well-known/rd", new[] { "ep=porch", "lt=600" },
                serve: request => string.Join("/", request.Strings(CoapOption.UriPath)) == ".well-known/core"
                    ? (CoapCode.Content, CoapContentFormat.LinkFormat, "</temp>;rt=\"temperature-c\";title=\"porch\";obs")
                    : (CoapCode.NotFound, CoapContentFormat.None, string.Empty));
            Assert.IsNotNull(answer, "no answer to the simple registration");
            Assert.AreEqual("2.04", answer.CodeText, answer.Text);

            RawMessage fetch = rd.Peer.Served.First(r => string.Join("/", r.Strings(CoapOption.UriPath)) == ".well-known/core");
            Assert.AreEqual(CoapCode.Get, fetch.Code);
            CollectionAssert.Contains(fetch.Options.Where(o => o.Number == CoapOption.Accept).Select(o => (int)o.Value[0]).ToList(), CoapContentFormat.LinkFormat);

            string peer = "coap://127.0.0.1:" + rd.Peer.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
            Assert.AreEqual("<" + peer + "/temp>;rt=\"temperature-c\";title=\"porch\";obs;anchor=\"" + peer + "\"", await rd.LookupAsync("/rd-lookup/res", "ep=porch"));
            JsonElement porch = (await rd.DeviceAsync("porch"))!.Value;
            Assert.AreEqual(peer + "/temp", porch.GetProperty("uri").GetString());
            Assert.AreEqual("registered", porch.GetProperty("origin").GetString());
        }

        /// <summary>A sender whose /.well-known/core is no link-format (here 4.04) gets 5.02, and nothing is registered; ep is mandatory.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task ASenderWithoutLinksIsNotRegistered()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            RawMessage? answer = await rd.Peer.RequestAsync(rd.Rd, CoapCode.Post, "/.well-known/rd", new[] { "ep=mute" });
            Assert.IsNotNull(answer);
            Assert.AreEqual("5.02", answer.CodeText);
            Assert.AreEqual(1, rd.Peer.Served.Count, "the directory asked once");
            Assert.AreEqual(string.Empty, await rd.LookupAsync("/rd-lookup/ep"));
            Assert.AreEqual("4.00", (await rd.SendAsync(CoapCode.Post, "/.well-known/rd")).CodeText);
        }

        /// <summary>libcoap's coap-client registers against the gateway's directory: 2.01 with the location, then an endpoint and a device.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task LibcoapsClientRegisters()
        {
            string client = ExternalTool.Require("coap-client-notls");
            await using RdGateway rd = await RdGateway.StartAsync();
            string uri = "coap://127.0.0.1:" + rd.Rd.Port.ToString(CultureInfo.InvariantCulture) + "/rd?ep=kitchen&lt=60";
            ChildProcess.Result result = await Task.Run(() => ChildProcess.Run(client, new[] { "-v", "6", "-B", "10", "-m", "post", "-e", "</temp>;rt=\"temperature-c\"", uri }, ClientTimeout));
            Assert.AreEqual(0, result.ExitCode, result.AllOutput);
            StringAssert.Matches(result.AllOutput, new System.Text.RegularExpressions.Regex(@"c:2\.01 .*Location-Path:rd, Location-Path:[0-9]+"), result.AllOutput);

            string endpoints = await rd.LookupAsync("/rd-lookup/ep", "ep=kitchen");
            StringAssert.Matches(endpoints, new System.Text.RegularExpressions.Regex("^</rd/[0-9]+>;base=\"coap://127\\.0\\.0\\.1:[0-9]+\";ep=\"kitchen\";rt=\"core.rd-ep\"$"), endpoints);
            JsonElement kitchen = (await rd.DeviceAsync("kitchen"))!.Value;
            Assert.AreEqual("registered", kitchen.GetProperty("origin").GetString());
            StringAssert.StartsWith(kitchen.GetProperty("uri").GetString(), "coap://127.0.0.1:");
        }

        /// <summary>
        /// A registration larger than a datagram comes in Block1 blocks (RFC 7959; coap-client, 512-byte
        /// blocks) and is taken whole; its resource lookup, larger than a block, goes out in Block2 blocks.
        /// </summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task ALargeRegistrationComesInBlocks()
        {
            string client = ExternalTool.Require("coap-client-notls");
            await using RdGateway rd = await RdGateway.StartAsync();
            string links = string.Join(",", Enumerable.Range(0, 40).Select(i => $"</sensors/s{i:00}>;rt=\"temperature-c\";if=\"sensor\""));
            Assert.IsTrue(links.Length > 1024, "more than one datagram");
            string file = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllText(file, links);
                string rdUri = "coap://127.0.0.1:" + rd.Rd.Port.ToString(CultureInfo.InvariantCulture);
                ChildProcess.Result posted = await Task.Run(() => ChildProcess.Run(client, new[] { "-v", "6", "-B", "10", "-b", "512", "-t", "40", "-m", "post", "-f", file, rdUri + "/rd?ep=big" }, ClientTimeout));
                Assert.AreEqual(0, posted.ExitCode, posted.AllOutput);
                StringAssert.Matches(posted.AllOutput, new System.Text.RegularExpressions.Regex(@"c:2\.01 .*Block1:"), posted.AllOutput);

                ChildProcess.Result looked = await Task.Run(() => ChildProcess.Run(client, new[] { "-B", "10", "-m", "get", rdUri + "/rd-lookup/res?ep=big" }, ClientTimeout));
                Assert.AreEqual(0, looked.ExitCode, looked.AllOutput);
                Assert.IsTrue(looked.Stdout.Length > 1024, "more than one block");
                Assert.AreEqual(40, looked.Stdout.Split(",<").Length, looked.Stdout);
                StringAssert.Contains(looked.Stdout, "<coap://127.0.0.1:");
                StringAssert.Contains(looked.Stdout, "/sensors/s39>;rt=\"temperature-c\"");
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }
    }
}
