using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// The link-format test descriptions of the ETSI plugtests (TD_COAP_LINK, CoAP#4 "link.yml"): discovery
    /// at /.well-known/core (RFC 6690 §4) and its query filters (§4.1). The whole list is larger than a
    /// block, so the client fetches it block by block as the server offers it (RFC 7959 §2.4); every block
    /// is checked as the description's response.
    /// </summary>
    [TestClass]
    public class LinkTests : PlugtestTestBase
    {
        // What the plugtest server lists: every resource but the sub-resources of /path.
        private static readonly string[] Everything =
        {
            "/test", "/separate", "/seg1/seg2/seg3", "/query", "/location-query", "/multi-format", "/validate", "/create1",
            "/obs", "/obs-non", "/large", "/large-update", "/large-create", "/link1", "/link2", "/link3", "/path",
        };

        private ushort _messageId = 0x3000;

        [TestMethod]
        public void TD_COAP_LINK_01_DiscoverEveryResource()
        {
            List<LinkFormat.Link> links = Discover(null);
            CollectionAssert.AreEqual(Everything, links.Select(l => l.Target).ToArray());
            LinkFormat.Link large = links.Single(l => l.Target == "/large");
            Assert.AreEqual("block", large.Attributes["rt"]);
            Assert.AreEqual("1280", large.Attributes["sz"]);
            Assert.IsTrue(links.Single(l => l.Target == "/obs").Attributes.ContainsKey("obs"));
        }

        [TestMethod]
        public void TD_COAP_LINK_02_FilterByResourceType()
        {
            CollectionAssert.AreEqual(new[] { "/link1", "/link3" }, Targets(Discover("rt=Type1")));
        }

        [TestMethod]
        public void TD_COAP_LINK_03_AnEmptyPrefixMatchesEveryResourceType()
        {
            // Only the links with an rt attribute, rt="" included; /test and others have none.
            List<LinkFormat.Link> links = Discover("rt=*");
            CollectionAssert.AreEqual(new[] { "/seg1/seg2/seg3", "/obs", "/obs-non", "/large", "/link1", "/link2", "/link3" }, Targets(links));
            Assert.IsTrue(links.All(l => l.Attributes.ContainsKey("rt")));
        }

        [TestMethod]
        public void TD_COAP_LINK_04_FilterAmongSeveralResourceTypes()
        {
            // rt="Type1 Type2" and rt="Type2 Type3" match; rt="Type1 Type3" and rt="" do not.
            CollectionAssert.AreEqual(new[] { "/link1", "/link2" }, Targets(Discover("rt=Type2")));
        }

        [TestMethod]
        public void TD_COAP_LINK_05_FilterByInterfacePrefix()
        {
            // if="If1" and if="If2" match If*; if="foo" and no if do not.
            CollectionAssert.AreEqual(new[] { "/link1", "/link2" }, Targets(Discover("if=If*")));
        }

        [TestMethod]
        public void TD_COAP_LINK_06_FilterBySizePresence()
        {
            List<LinkFormat.Link> links = Discover("sz=*");
            CollectionAssert.AreEqual(new[] { "/large" }, Targets(links));
        }

        [TestMethod]
        public void TD_COAP_LINK_07_FilterByCompleteHref()
        {
            CollectionAssert.AreEqual(new[] { "/link1" }, Targets(Discover("href=/link1")));
        }

        [TestMethod]
        public void TD_COAP_LINK_08_FilterByHrefPrefix()
        {
            CollectionAssert.AreEqual(new[] { "/link1", "/link2", "/link3" }, Targets(Discover("href=/link*")));
        }

        [TestMethod]
        public void TD_COAP_LINK_09_LinkDescriptionsArrangedHierarchically()
        {
            LinkFormat.Link path = Discover(null).Single(l => l.Target == "/path");
            Assert.AreEqual("40", path.Attributes["ct"]);

            Req get = Req.Con(CoapCode.Get, "path").Mid(_messageId++).Token(0x09, 0x01);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.LinkFormat);
            List<LinkFormat.Link> subs = LinkFormat.Parse(r.Text);
            CollectionAssert.AreEqual(new[] { "/path/sub1", "/path/sub2", "/path/sub3" }, Targets(subs));

            foreach (string sub in Targets(subs))
            {
                Req getSub = Req.Con(CoapCode.Get, sub.TrimStart('/')).Mid(_messageId++).Token(0x09, 0x02);
                r = Check.One(Server.Send(getSub, Client), Client);
                Check.Piggybacked(r, getSub, CoapCode.Content);
                StringAssert.Contains(r.Text, sub);
            }
        }

        private static string[] Targets(List<LinkFormat.Link> links) => links.Select(l => l.Target).ToArray();

        // GET /.well-known/core (with a query filter), then every further block the server offers; each
        // response 2.05 with Content-Format 40 (application/link-format). Returns the links.
        private List<LinkFormat.Link> Discover(string query)
        {
            var body = new List<byte>();
            int num = 0;
            int szx = -1;
            while (true)
            {
                Req get = Req.Con(CoapCode.Get, ".well-known/core").Mid(_messageId++).Token(0x4C, (byte)num);
                if (query != null)
                {
                    get.Query(query);
                }

                if (szx >= 0)
                {
                    get.Block2(num, false, szx);
                }

                Received r = Check.One(Server.Send(get, Client), Client);
                Check.Piggybacked(r, get, CoapCode.Content);
                Check.ContentFormat(r, CoapContentFormat.LinkFormat);
                body.AddRange(r.Payload);
                if (!r.Has(CoapOption.Block2))
                {
                    break;
                }

                uint block = (uint)r.UInt(CoapOption.Block2);
                Assert.AreEqual(num, BlockOption.NumOf(block));
                if (!BlockOption.MoreOf(block))
                {
                    break;
                }

                szx = BlockOption.SzxOf(block);
                Assert.HasCount(BlockOption.SizeOf(szx), r.Payload);
                num++;
            }

            return body.Count == 0 ? new List<LinkFormat.Link>() : LinkFormat.Parse(Encoding.ASCII.GetString(body.ToArray()));
        }
    }
}
