using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.ResourceDirectory;

namespace ThermoDev.Gateway.Tests.ResourceDirectory
{
    /// <summary>The directory's reading and writing of application/link-format (RFC 6690 §2), and the resolution of a registration's links.</summary>
    [TestClass]
    public sealed class LinkFormatTests
    {
        /// <summary>Targets, quoted and bare values, flags, escapes and whitespace between links.</summary>
        [TestMethod]
        public void ReadsLinksWithTheirAttributes()
        {
            List<WebLink>? links = LinkFormat.Parse("</temp>;rt=\"temperature-c\";ct=0;obs,\r\n </status>;title=\"say \\\"hi\\\", ok\";RT=a");
            Assert.IsNotNull(links);
            Assert.AreEqual(2, links.Count);
            Assert.AreEqual("/temp", links[0].Target);
            Assert.AreEqual("temperature-c", links[0]["rt"]);
            Assert.AreEqual("0", links[0]["ct"]);
            Assert.IsTrue(links[0].Has("obs"));
            Assert.IsNull(links[0]["obs"]);
            Assert.AreEqual("say \"hi\", ok", links[1]["title"], "a comma inside quotes is no separator");
            Assert.AreEqual("a", links[1]["rt"], "names are case-insensitive");
            Assert.AreEqual(0, LinkFormat.Parse("  ")!.Count);
        }

        /// <summary>Anything that is not link-format is refused whole.</summary>
        [TestMethod]
        public void RefusesWhatIsNotLinkFormat()
        {
            foreach (string bad in new[] { "/temp", "</temp", "</temp>;", "</temp>;rt=\"open", "</temp>,", "</temp> </b>", "</temp>;=x", "</temp>;rt=" })
            {
                Assert.IsNull(LinkFormat.Parse(bad), bad);
            }
        }

        /// <summary>Writing quotes every value but ct and sz, escapes quotes, and reads back the same.</summary>
        [TestMethod]
        public void WritesWhatItReads()
        {
            string text = "</temp>;rt=\"temperature-c\";ct=0;obs;title=\"a \\\"b\\\"\",</x>;sz=12";
            Assert.AreEqual(text, LinkFormat.Write(LinkFormat.Parse(text)!));
        }

        /// <summary>Relative targets and anchors resolve against the base; absolute ones stay; a link without anchor gets the base.</summary>
        [TestMethod]
        public void ARegistrationResolvesItsLinks()
        {
            var registration = new Registration
            {
                Slot = 1,
                Endpoint = "node1",
                Lifetime = 60,
                Base = "coap://[2001:db8::1]:61616",
                Links = LinkFormat.Parse("</sensors/temp>;rt=\"temperature-c\",<http://example.com/t>;anchor=\"/sensors/temp\";rel=\"describedby\",<coap://192.0.2.1/x>")!,
            };
            CollectionAssert.AreEqual(
                new[]
                {
                    "<coap://[2001:db8::1]:61616/sensors/temp>;rt=\"temperature-c\";anchor=\"coap://[2001:db8::1]:61616\"",
                    "<http://example.com/t>;rel=\"describedby\";anchor=\"coap://[2001:db8::1]:61616/sensors/temp\"",
                    "<coap://192.0.2.1/x>;anchor=\"coap://[2001:db8::1]:61616\"",
                },
                registration.ResolvedLinks().Select(l => l.ToString()).ToArray());
            Assert.AreEqual("coap://[2001:db8::1]:61616/sensors/temp", RegisteredDevices.TemperatureUri(registration));
            Assert.AreEqual("/rd/1", registration.Location);
        }
    }
}
