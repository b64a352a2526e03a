using System;
using System.IO;
using System.Net;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using CoapClient = Coap.Micro.CoapClient;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>The OSCORE example of Coap.Micro.Client/README.md works as written, against our server with OSCORE on loopback.</summary>
    [TestClass]
    public class EndToEndOscoreReadmeTests
    {
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void TheReadmeExamplePutsProtected()
        {
            string readme = File.ReadAllText(RepoPaths.Of("Coap.Micro.Client/README.md"));
            foreach (string line in new[]
            {
                "var security = new OscoreClientSecurity(2);",
                "int thermo = security.Add(",
                "new OscoreSecurityContext(masterSecret, masterSalt, senderId, recipientId, null),",
                "new OscoreSenderSequence(new FileSequenceNumberStore(\"thermo.seq\"), OscoreSenderSequence.DefaultBlock));",
                "client.Security = security;",
                "put.SecurityContext = thermo;",
                "CoapClientResult result = client.Request(put, 10000);",
            })
            {
                StringAssert.Contains(readme, line);
            }

            using var rig = new EndToEndOscoreRig(requireProtectedWrites: true);
            string file = Path.Combine(Path.GetTempPath(), "oscore-readme-" + Guid.NewGuid().ToString("N") + ".seq");
            try
            {
                byte[] masterSecret = EndToEndOscoreRig.MasterSecret;
                byte[] masterSalt = EndToEndOscoreRig.MasterSalt;
                byte[] senderId = EndToEndOscoreRig.ClientId;
                byte[] recipientId = EndToEndOscoreRig.ServerId;
                CoapEndpoint thermoEndpoint = rig.Target;
                byte[] body = Encoding.ASCII.GetBytes("30.5");
                using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
                var client = new CoapClient(transport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions());

                var security = new OscoreClientSecurity(2);
                int thermo = security.Add(
                    new OscoreSecurityContext(masterSecret, masterSalt, senderId, recipientId, null),
                    new OscoreSenderSequence(new FileSequenceNumberStore(file), OscoreSenderSequence.DefaultBlock));
                client.Security = security;

                var put = new CoapRequest(256);
                put.SetEndpoint(thermoEndpoint);
                put.SetPath("/test");
                put.Method = CoapCode.Put;
                put.SetPayload(body, 0, body.Length);
                put.SecurityContext = thermo;
                CoapClientResult result = client.Request(put, 10000);

                Assert.AreEqual(CoapClientResult.Response, result);
                Assert.AreEqual(CoapCode.Changed, put.Code);
                Assert.AreEqual(1, rig.TextResource.Puts);
                Assert.AreEqual(1, client.Counters.EchoRetries);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
