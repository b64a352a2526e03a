using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>/status: the exact JSON and CBOR, Accept, discovery, and a block-wise fetch cut from one snapshot.</summary>
    [TestClass]
    public class StatusResourceTests
    {
        private static InMemoryTransport _transport;
        private static FakeClock _clock;
        private static CoapEndpoint _client;
        private static FixedFacts _facts;
        private static int _messageId;

        private static ThermoDevServer Create(ITemperatureSensor sensor, int blockSize)
        {
            _transport = new InMemoryTransport();
            _clock = new FakeClock();
            _client = ServerHarness.Endpoint(1);
            _facts = new FixedFacts();
            _messageId = 0x3000;
            ThermoDevOptions options = new ThermoDevOptions();
            options.DeviceFacts = _facts;
            options.Server.BlockSize = blockSize;
            ThermoDevServer device = new ThermoDevServer(_transport, _clock, new RepeatingRandom(7, 500), sensor, options);
            device.ReadLoop.ReadOnce();
            device.Server.Poll(0);
            return device;
        }

        private static CoapMessage Get(ThermoDevServer device, int accept, int num)
        {
            RequestBuilder request = RequestBuilder.Get(_messageId++).Path("status");
            if (accept >= 0)
            {
                request.UInt(CoapOption.Accept, (uint)accept);
            }

            if (num >= 0)
            {
                request.Block(CoapOption.Block2, num, false, 2);
            }

            _transport.ClearSent();
            _transport.Inject(request.ToArray(), _client);
            device.Server.Poll(0);
            Assert.AreEqual(1, _transport.SentCount);
            return ServerHarness.Parse(_transport.Sent(0));
        }

        [TestMethod]
        public void JsonIsTheDefault()
        {
            ThermoDevServer device = Create(new SimulatedSensor(2612), 512);
            CoapMessage answer = Get(device, -1, -1);
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual(CoapContentFormat.Json, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
            Assert.AreEqual(0, ThermoDevHarness.UIntOption(answer, CoapOption.MaxAge));
            Assert.AreEqual(
                "{\"version\":\"1.2.3.4\",\"uptime\":3723,\"freeMemory\":81234,\"ip\":\"192.168.1.50\",\"wifiReconnects\":2,"
                + "\"sensor\":\"simulated\",\"sensorError\":null,\"sensorFailures\":0,\"requests\":1,\"notifications\":0,"
                + "\"retransmissions\":0,\"gaveUp\":0,\"evictions\":0}",
                ThermoDevHarness.Text(answer));
        }

        [TestMethod]
        public void JsonOfAFailingSensorWithoutAddress()
        {
            SimulatedSensor sensor = new SimulatedSensor(2612);
            ThermoDevServer device = Create(sensor, 512);
            sensor.Failing = true;
            device.ReadLoop.ReadOnce();
            device.ReadLoop.ReadOnce();
            _facts.Address = 0;
            _facts.VersionText = "v\"1\\";
            _facts.Free = 5000000000L;
            CoapMessage answer = Get(device, CoapContentFormat.Json, -1);
            Assert.AreEqual(
                "{\"version\":\"v\\\"1\\\\\",\"uptime\":3723,\"freeMemory\":5000000000,\"ip\":null,\"wifiReconnects\":2,"
                + "\"sensor\":\"simulated\",\"sensorError\":\"no valid reading\",\"sensorFailures\":2,\"requests\":1,\"notifications\":0,"
                + "\"retransmissions\":0,\"gaveUp\":0,\"evictions\":0}",
                ThermoDevHarness.Text(answer));
        }

        [TestMethod]
        public void CborByAccept()
        {
            ThermoDevServer device = Create(new SimulatedSensor(2612), 512);
            CoapMessage answer = Get(device, CoapContentFormat.Cbor, -1);
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual(CoapContentFormat.Cbor, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
            byte[] payload = BlockHarness.PayloadOf(answer);

            // {"version": "1.2.3.4", "uptime": 3723, "freeMemory": 81234, "ip": "192.168.1.50", "wifiReconnects": 2,
            //  "sensor": "simulated", "sensorError": null, "sensorFailures": 0, "requests": 1, "notifications": 0,
            //  "retransmissions": 0, "gaveUp": 0, "evictions": 0}
            Assert.AreEqual(
                "AD 67 76 65 72 73 69 6F 6E 67 31 2E 32 2E 33 2E 34 66 75 70 74 69 6D 65 19 0E 8B "
                + "6A 66 72 65 65 4D 65 6D 6F 72 79 1A 00 01 3D 52 62 69 70 6C 31 39 32 2E 31 36 38 2E 31 2E 35 30 "
                + "6E 77 69 66 69 52 65 63 6F 6E 6E 65 63 74 73 02 66 73 65 6E 73 6F 72 69 73 69 6D 75 6C 61 74 65 64 "
                + "6B 73 65 6E 73 6F 72 45 72 72 6F 72 F6 6E 73 65 6E 73 6F 72 46 61 69 6C 75 72 65 73 00 "
                + "68 72 65 71 75 65 73 74 73 01 6D 6E 6F 74 69 66 69 63 61 74 69 6F 6E 73 00 "
                + "6F 72 65 74 72 61 6E 73 6D 69 73 73 69 6F 6E 73 00 66 67 61 76 65 55 70 00 69 65 76 69 63 74 69 6F 6E 73 00",
                Hex.Format(payload, 0, payload.Length));
        }

        [TestMethod]
        public void OtherFormatsAreNotAcceptable()
        {
            ThermoDevServer device = Create(new SimulatedSensor(2612), 512);
            Assert.AreEqual((int)CoapCode.NotAcceptable, (int)Get(device, CoapContentFormat.TextPlain, -1).Code);
            Assert.AreEqual((int)CoapCode.NotAcceptable, (int)Get(device, CoapContentFormat.SenmlJson, -1).Code);
        }

        [TestMethod]
        public void ABlockwiseFetchIsCutFromOneSnapshot()
        {
            // 64-byte blocks (the default): the requests counted while fetching do not shift the text.
            ThermoDevServer device = Create(new SimulatedSensor(2612), 64);
            string text = "";
            byte[] etag = null;
            long block = BlockOption.Encode(0, true, 2);
            for (int num = 0; BlockOption.MoreOf((uint)block); num++)
            {
                CoapMessage answer = Get(device, -1, num);
                Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
                block = BlockHarness.Block2Of(answer);
                byte[] tag = BlockHarness.ETagOf(answer);
                if (etag == null)
                {
                    etag = tag;
                }

                Assert.AreEqual(Hex.Format(etag, 0, etag.Length), Hex.Format(tag, 0, tag.Length));
                text += ThermoDevHarness.Text(answer);
                _facts.Uptime += 1000000;
            }

            Assert.AreEqual(
                "{\"version\":\"1.2.3.4\",\"uptime\":3723,\"freeMemory\":81234,\"ip\":\"192.168.1.50\",\"wifiReconnects\":2,"
                + "\"sensor\":\"simulated\",\"sensorError\":null,\"sensorFailures\":0,\"requests\":1,\"notifications\":0,"
                + "\"retransmissions\":0,\"gaveUp\":0,\"evictions\":0}",
                text);

            // The next fetch takes new values under a new tag.
            CoapMessage again = Get(device, -1, 0);
            byte[] next = BlockHarness.ETagOf(again);
            Assert.AreNotEqual(Hex.Format(etag, 0, etag.Length), Hex.Format(next, 0, next.Length));
        }

        [TestMethod]
        public void DiscoveryListsStatus()
        {
            ThermoDevServer device = Create(new FixedSensor(), 512);
            RequestBuilder request = RequestBuilder.Get(_messageId++).Path(".well-known/core");
            _transport.ClearSent();
            _transport.Inject(request.ToArray(), _client);
            device.Server.Poll(0);
            string links = ThermoDevHarness.Text(ServerHarness.Parse(_transport.Sent(0)));
            Assert.IsTrue(links.IndexOf("</status>;rt=\"thermodev.status\";if=\"core.rp\";ct=50") >= 0, links);
        }

        [TestMethod]
        public void NoFactsNoStatus()
        {
            ThermoDevServer device = new ThermoDevServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(7, 500), new SimulatedSensor(), new ThermoDevOptions());
            for (int i = 0; i < device.Server.ResourceCount; i++)
            {
                Assert.AreNotEqual("status", device.Server.GetResource(i).Path);
            }
        }
    }
}
