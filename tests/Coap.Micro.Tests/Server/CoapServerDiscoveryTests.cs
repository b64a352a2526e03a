using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>/.well-known/core (RFC 6690 §4): the link format of the registry, query filtering (§4.1), blocks.</summary>
    [TestClass]
    public class CoapServerDiscoveryTests
    {
        private const string Temp = "</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;obs;title=\"Temperature\"";
        private const string Light = "</sensors/light>;rt=\"light-lux illuminance\";if=\"core.s\";ct=50;sz=120;title=\"Light \\\"lux\\\" \\\\ level\"";
        private const string Config = "</config>;if=\"core.p\";ct=60;sz=2000";
        private const string Plain = "</plain>";
        private const string EmptyType = "</empty-rt>;rt=\"\"";

        // Every attribute, a quoted title with escapes, a list of types, an empty type, one with none, one hidden.
        private static BlockHarness Registry(int maxResponseSize, int blockSize)
        {
            BlockHarness h = new BlockHarness(BlockHarness.Options(maxResponseSize, blockSize), false);
            h.Server.Add(new DescribedResource("sensors/temp", "temperature-c", "core.s", 0, -1, true, "Temperature"));
            h.Server.Add(new DescribedResource("sensors/light", "light-lux illuminance", "core.s", 50, 120, false, "Light \"lux\" \\ level"));
            h.Server.Add(new DescribedResource("config", null, "core.p", 60, 2000, false, null));
            h.Server.Add(new DescribedResource("plain", null, null, -1, -1, false, null));
            DescribedResource hidden = new DescribedResource("hidden", "secret", null, 0, -1, false, null);
            hidden.Hide();
            h.Server.Add(hidden);
            h.Server.Add(new DescribedResource("empty-rt", "", null, -1, -1, false, null));
            return h;
        }

        private static CoapMessage Discover(BlockHarness h, string query)
        {
            RequestBuilder request = RequestBuilder.Get(h.NextMessageId()).Path(".well-known/core");
            if (query != null)
            {
                request.Query(query);
            }

            return h.Ask(request.ToArray());
        }

        private static string Links(BlockHarness h, string query)
        {
            CoapMessage answer = Discover(h, query);
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code, query);
            uint format;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.ContentFormat, 0, out format));
            Assert.AreEqual((uint)CoapContentFormat.LinkFormat, format);
            return ServerHarness.PayloadText(answer);
        }

        [TestMethod]
        public void TheRegistryIsListedByteForByte()
        {
            BlockHarness h = Registry(1152, 1024);
            Assert.AreEqual(Temp + "," + Light + "," + Config + "," + Plain + "," + EmptyType, Links(h, null));
        }

        [TestMethod]
        [DataRow("href=/plain", Plain)]
        [DataRow("href=/sensors*", Temp + "," + Light)]
        [DataRow("href=plain", "")]
        [DataRow("rt=temperature-c", Temp)]
        [DataRow("rt=illuminance", Light)]
        [DataRow("rt=light*", Light)]
        [DataRow("rt=*", Temp + "," + Light + "," + EmptyType)]
        [DataRow("rt=", EmptyType)]
        [DataRow("rt=temperature", "")]
        [DataRow("if=core.s", Temp + "," + Light)]
        [DataRow("if=core*", Temp + "," + Light + "," + Config)]
        [DataRow("ct=0", Temp)]
        [DataRow("ct=6*", Config)]
        [DataRow("sz=*", Light + "," + Config)]
        [DataRow("sz=120", Light)]
        [DataRow("title=Temperature", Temp)]
        [DataRow("title=Light*", Light)]
        [DataRow("title=Light \"lux\" \\ level", Light)]
        [DataRow("title=Light \"lux\" \\*", Light)]
        [DataRow("title=Light \"lux\"", "")]
        [DataRow("title=lux", "")]
        [DataRow("sz=12", "")]
        [DataRow("sz=2000", Config)]
        [DataRow("obs=x", "")]
        [DataRow("href", Temp + "," + Light + "," + Config + "," + Plain + "," + EmptyType)]
        [DataRow("obs", Temp)]
        [DataRow("obs=*", Temp)]
        [DataRow("title", Temp + "," + Light)]
        [DataRow("rel=item", "")]
        [DataRow("anchor", "")]
        public void EachFilterListsOnlyTheLinksThatMatch(string query, string expected)
        {
            BlockHarness h = Registry(1152, 1024);
            Assert.AreEqual(expected, Links(h, query), query);
        }

        [TestMethod]
        public void TheAttributesReadBackAsSetAfterTheResourceIsAdded()
        {
            BlockHarness h = Registry(1152, 1024);
            DescribedResource widest = new DescribedResource("widest", null, null, 65535, 1 << 30, true, null);
            widest.Hide();
            h.Server.Add(widest);
            Assert.AreEqual(65535, widest.ContentFormat);
            Assert.AreEqual(1 << 30, widest.SizeEstimate);
            Assert.IsTrue(widest.Observable);
            Assert.IsFalse(widest.Discoverable);
            Assert.IsFalse(widest.NotifyConfirmable);
            Assert.AreEqual(CoapMethods.Get, widest.Methods);

            DescribedResource none = new DescribedResource("none", null, null, CoapContentFormat.None, -1, false, null);
            h.Server.Add(none);
            Assert.AreEqual(CoapContentFormat.None, none.ContentFormat);
            Assert.IsFalse(none.Observable);
            Assert.IsTrue(none.Discoverable);
        }

        [TestMethod]
        public void AContentFormatOutsideTheOptionsRangeIsRefused()
        {
            // RFC 7252 §5.10.3: Content-Format is a 0-2 byte uint.
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new DescribedResource("big", null, null, 65536, -1, false, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new DescribedResource("negative", null, null, -2, -1, false, null));
        }

        [TestMethod]
        public void FiltersCombine()
        {
            BlockHarness h = Registry(1152, 1024);
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).Path(".well-known/core").Query("if=core.s").Query("ct=50").ToArray());
            Assert.AreEqual(Light, ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void NoMatchIsContentWithAnEmptyPayload()
        {
            // The resource exists; its filtered representation is empty (as libcoap and aiocoap answer).
            BlockHarness h = Registry(1152, 1024);
            CoapMessage answer = Discover(h, "rt=nothing");
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual(0, answer.PayloadLength);
            Assert.IsTrue(answer.HasOption(CoapOption.ContentFormat));
        }

        [TestMethod]
        public void ALongListGoesInBlocks()
        {
            BlockHarness whole = Registry(1152, 1024);
            string expected = Links(whole, null);
            BlockHarness h = Registry(512, 64);
            byte[] list = h.Fetch(".well-known/core", -1);
            Assert.AreEqual(expected, TestText.Of(list, 0, list.Length));
            Assert.AreEqual((expected.Length + 63) / 64, h.Requests);
            list = h.Fetch(".well-known/core", 0);
            Assert.AreEqual(expected, TestText.Of(list, 0, list.Length));
        }

        [TestMethod]
        public void SixteenResourcesAreListedInOrder()
        {
            BlockHarness h = new BlockHarness(BlockHarness.Options(512, 64), false);
            string expected = "";
            for (int i = 0; i < 16; i++)
            {
                string path = "r" + i.ToString();
                h.Server.Add(new DescribedResource(path, "t" + i.ToString(), null, 0, -1, i % 2 == 0, null));
                expected += (i == 0 ? "" : ",") + "</" + path + ">;rt=\"t" + i.ToString() + "\";ct=0" + (i % 2 == 0 ? ";obs" : "");
            }

            byte[] list = h.Fetch(".well-known/core", 2);
            Assert.AreEqual(expected, TestText.Of(list, 0, list.Length));
        }

        [TestMethod]
        public void WellKnownCoreIsNotListedInItself()
        {
            // As libcoap: the entry point is not one of the links.
            BlockHarness h = new BlockHarness(BlockHarness.Options(512, 64), false);
            Assert.AreEqual("", Links(h, null));
            Assert.AreEqual("", Links(h, "href=/.well-known/core"));
        }

        [TestMethod]
        public void PathsArePercentEncodedAndTheRootIsASlash()
        {
            BlockHarness h = new BlockHarness(BlockHarness.Options(512, 1024), false);
            h.Server.Add(new DescribedResource("/", null, null, -1, -1, false, null));
            h.Server.Add(new DescribedResource("a b/c>d%", null, null, -1, -1, false, null));
            Assert.AreEqual("</>,</a%20b/c%3Ed%25>", Links(h, null));
            Assert.AreEqual("</a%20b/c%3Ed%25>", Links(h, "href=/a%20b*"));
        }

        [TestMethod]
        public void DiscoveryCanBeTurnedOff()
        {
            CoapServerOptions options = BlockHarness.Options(512, 64);
            options.Discovery = false;
            BlockHarness h = new BlockHarness(options, true);
            Assert.AreEqual((int)CoapCode.NotFound, (int)Discover(h, null).Code);
        }

        [TestMethod]
        public void ARegisteredWellKnownCoreReplacesTheBuiltIn()
        {
            BlockHarness h = Registry(1152, 1024);
            h.Server.Add(new LinkListResource(".well-known/core", "</mine>"));
            Assert.AreEqual("</mine>", Links(h, null));
        }

        [TestMethod]
        public void OnlyGetInLinkFormat()
        {
            BlockHarness h = Registry(1152, 1024);
            Assert.AreEqual((int)CoapCode.MethodNotAllowed, (int)h.Ask(new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Post, 1).Path(".well-known/core").ToArray()).Code);
            Assert.AreEqual((int)CoapCode.NotAcceptable, (int)h.Ask(RequestBuilder.Get(2).Path(".well-known/core").UInt(CoapOption.Accept, 0).ToArray()).Code);
            Assert.AreEqual((int)CoapCode.Content, (int)h.Ask(RequestBuilder.Get(3).Path(".well-known/core").UInt(CoapOption.Accept, 40).ToArray()).Code);
        }

        [TestMethod]
        public void AHierarchyOfLinkDescriptions()
        {
            // TD_COAP_LINK_09: /.well-known/core lists /path (ct=40), which lists its sub-resources.
            BlockHarness h = new BlockHarness(BlockHarness.Options(512, 1024), false);
            h.Server.Add(new LinkListResource("path", "</path/sub1>,</path/sub2>"));
            DescribedResource sub1 = new DescribedResource("path/sub1", null, null, 0, -1, false, null);
            sub1.Hide();
            h.Server.Add(sub1);
            Assert.AreEqual("</path>;ct=40", Links(h, null));
            CoapMessage path = h.Ask(RequestBuilder.Get(h.NextMessageId()).Path("path").ToArray());
            Assert.AreEqual("</path/sub1>,</path/sub2>", ServerHarness.PayloadText(path));
            Assert.AreEqual((int)CoapCode.Content, (int)h.Ask(RequestBuilder.Get(h.NextMessageId()).Path("path/sub1").ToArray()).Code);
        }

        [TestMethod]
        public void AttributesThatAreNotPrintableAsciiAreRefusedWhenAdded()
        {
            BlockHarness h = new BlockHarness(BlockHarness.Options(512, 64), false);
            Assert.ThrowsException(typeof(System.ArgumentException), () => h.Server.Add(new DescribedResource("a", null, null, -1, -1, false, "Temp\u00E9rature")));
            Assert.ThrowsException(typeof(System.ArgumentException), () => h.Server.Add(new DescribedResource("b", "x\ny", null, -1, -1, false, null)));
            Assert.AreEqual(0, h.Server.ResourceCount);
        }
    }
}
