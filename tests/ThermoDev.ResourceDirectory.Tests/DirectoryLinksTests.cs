using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.ResourceDirectory;
using ThermoDev.Sensors;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>The links registered (RFC 9176 §5) and the registration interface found in an RD's discovery (§4.3).</summary>
    [TestClass]
    public class DirectoryLinksTests
    {
        [TestMethod]
        public void TheRegisteredLinksAreWhatTheServersDiscoveryAnswers()
        {
            DirectoryRig rig = new DirectoryRig(true);
            try
            {
                // The fake RD's own server: /rd with rt, ct; the registration resources are not discoverable.
                CoapRequest get = new CoapRequest(512);
                get.SetEndpoint(rig.DirectoryEnd.Self);
                Assert.IsTrue(get.SetPath("/.well-known/core"));
                Assert.AreEqual((int)CoapClientResult.Response, (int)rig.Client.Request(get, 3000));
                string discovered = Text.Ascii(get.ResponseBuffer, get.PayloadOffset, get.PayloadLength);
                byte[] links = DirectoryLinks.Encode(rig.Server);
                Assert.AreEqual("</rd>;rt=\"core.rd\";ct=40", discovered);
                Assert.AreEqual(discovered, Text.Ascii(links, 0, links.Length));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void ThermoDevsLinksAreWhatItsDiscoveryAnswers()
        {
            LinkEnd serverEnd = new LinkEnd(7);
            LinkEnd clientEnd = new LinkEnd(8);
            LinkEnd.Link(serverEnd, clientEnd);
            ThermoDevOptions options = new ThermoDevOptions();
            options.Name = "hall";
            ThermoDevServer device = new ThermoDevServer(serverEnd, new WallClock(), new CoapRandom(), new SimulatedSensor(), options);
            device.Server.Start();
            try
            {
                CoapClient client = new CoapClient(clientEnd, new WallClock(), new CoapRandom(), new CoapClientOptions());
                CoapRequest get = new CoapRequest(1024);
                get.SetEndpoint(serverEnd.Self);
                Assert.IsTrue(get.SetPath("/.well-known/core"));
                Assert.AreEqual((int)CoapClientResult.Response, (int)client.Request(get, 3000));
                string discovered = Text.Ascii(get.ResponseBuffer, get.PayloadOffset, get.PayloadLength);
                byte[] links = DirectoryLinks.Encode(device.Server);
                Assert.AreEqual(discovered, Text.Ascii(links, 0, links.Length));
                Assert.IsTrue(discovered.IndexOf("</temp>") == 0);
                Assert.IsTrue(discovered.IndexOf("title=\"hall\"") > 0);
            }
            finally
            {
                device.Server.Stop(5000);
            }
        }

        [TestMethod]
        public void TheRegistrationInterfaceIsTheLinkOfTypeCoreRd()
        {
            CoapPath path = new CoapPath(64);
            byte[] answer = Text.Bytes("</rd-lookup/ep>;rt=\"core.rd-lookup-ep\",</a>;title=\"x,rt=core.rd\",</directory/reg>;ct=40;rt=\"core.rd core.rd-group\"");
            Assert.IsTrue(DirectoryLinks.FindRegistrationInterface(answer, 0, answer.Length, path));
            Assert.AreEqual(2, path.SegmentCount);
            Assert.IsTrue(path.SegmentEquals(0, "directory"));
            Assert.IsTrue(path.SegmentEquals(1, "reg"));
        }

        [TestMethod]
        public void AnUnquotedTypeIsFoundToo()
        {
            CoapPath path = new CoapPath(64);
            byte[] answer = Text.Bytes("</rd>;rt=core.rd;ct=40");
            Assert.IsTrue(DirectoryLinks.FindRegistrationInterface(answer, 0, answer.Length, path));
            Assert.AreEqual(1, path.SegmentCount);
            Assert.IsTrue(path.SegmentEquals(0, "rd"));
        }

        [TestMethod]
        public void NoRegistrationInterfaceLeavesThePathAlone()
        {
            CoapPath path = new CoapPath("/kept");
            byte[] answer = Text.Bytes("</rd-lookup/res>;rt=\"core.rd-lookup-res\",</rdx>;rt=\"core.rdx\"");
            Assert.IsFalse(DirectoryLinks.FindRegistrationInterface(answer, 0, answer.Length, path));
            Assert.IsTrue(path.SegmentEquals(0, "kept"));
            Assert.IsFalse(DirectoryLinks.FindRegistrationInterface(answer, 0, 0, path));
        }
    }
}
