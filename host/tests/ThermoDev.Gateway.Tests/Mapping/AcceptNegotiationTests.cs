using System.Linq;
using Coap.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>HTTP Accept -> one CoAP Accept or none, retries, 406 (RFC 7252 §10.2.2, RFC 8075 §6.1, RFC 9110 §12.5.1).</summary>
    [TestClass]
    public sealed class AcceptNegotiationTests
    {
        private static string Attempts(AcceptNegotiation negotiation) => string.Join(",", negotiation.Attempts.Select(a => a?.ToString() ?? "none"));

        /// <summary>No header, an empty one or one that does not parse: no Accept option, anything acceptable.</summary>
        [TestMethod]
        [DataRow(null)]
        [DataRow("")]
        [DataRow("  ")]
        [DataRow("garbage")]
        [DataRow(",,")]
        public void NoUsableHeader(string? accept)
        {
            var negotiation = AcceptNegotiation.Parse(accept);
            Assert.IsNull(negotiation.CoapAccept);
            Assert.AreEqual("none", Attempts(negotiation));
            Assert.IsFalse(negotiation.NothingAcceptable);
            Assert.IsTrue(negotiation.Accepts(0));
            Assert.IsTrue(negotiation.Accepts(11542));
        }

        /// <summary>*/* MUST map to no Accept (RFC 8075 §6.1).</summary>
        [TestMethod]
        public void AnyMapsToNoAccept()
        {
            var negotiation = AcceptNegotiation.Parse("*/*");
            Assert.IsNull(negotiation.CoapAccept);
            Assert.IsTrue(negotiation.Accepts(50));
            Assert.IsTrue(negotiation.Accepts(60));
        }

        /// <summary>The most-preferred mappable media type becomes the CoAP Accept; others are the retries.</summary>
        [TestMethod]
        [DataRow("application/json", "50")]
        [DataRow("text/plain", "0")]
        [DataRow("text/plain; charset=utf-8", "0")]
        [DataRow("application/senml+json", "110")]
        [DataRow("text/plain;q=0.5, application/senml+json", "110,0")]
        [DataRow("application/cbor;q=0.2, application/json;q=0.9, text/plain;q=0.5", "50,0,60")]
        [DataRow("application/json, */*", "50,none")]
        [DataRow("*/*, application/json", "50,none")]
        [DataRow("application/json;q=0.5, */*;q=0.8", "none,50")]
        [DataRow("application/json, application/json;q=0.1", "50")]
        public void PreferenceOrder(string accept, string attempts)
        {
            var negotiation = AcceptNegotiation.Parse(accept);
            Assert.AreEqual(attempts, Attempts(negotiation));
            Assert.AreEqual(negotiation.Attempts[0], negotiation.CoapAccept);
            Assert.IsFalse(negotiation.NothingAcceptable);
        }

        /// <summary>A browser's Accept: its favourite cannot be mapped, so no Accept option (silently ignored, RFC 8075 §6.1).</summary>
        [TestMethod]
        public void BrowserAccept()
        {
            var negotiation = AcceptNegotiation.Parse("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8");
            Assert.IsNull(negotiation.CoapAccept);
            Assert.AreEqual("none,41", Attempts(negotiation));
            Assert.IsTrue(negotiation.Accepts(0), "text/plain through */*");
            Assert.IsTrue(negotiation.Accepts(41));
        }

        /// <summary>Nothing this proxy can return is acceptable: 406 without asking.</summary>
        [TestMethod]
        [DataRow("text/html")]
        [DataRow("image/*")]
        [DataRow("*/*;q=0")]
        [DataRow("application/json;q=0")]
        [DataRow("text/plain; charset=iso-8859-1")]
        public void NothingAcceptable(string accept)
        {
            var negotiation = AcceptNegotiation.Parse(accept);
            Assert.IsTrue(negotiation.NothingAcceptable);
            Assert.AreEqual(0, negotiation.Attempts.Count);
            Assert.IsNull(negotiation.CoapAccept);
            Assert.IsFalse(negotiation.Accepts(0));
            Assert.IsFalse(negotiation.Accepts(50));
        }

        /// <summary>The response's format is checked against the whole header: the most specific range decides.</summary>
        [TestMethod]
        public void ResponseFormatsAreCheckedByTheMostSpecificRange()
        {
            var negotiation = AcceptNegotiation.Parse("application/*, application/json;q=0, text/plain;q=0.1");
            Assert.IsTrue(negotiation.Accepts(60));
            Assert.IsFalse(negotiation.Accepts(50));
            Assert.IsTrue(negotiation.Accepts(0));
            Assert.IsTrue(negotiation.Accepts(11542), "unknown formats are application/coap-payload");
            Assert.IsFalse(AcceptNegotiation.Parse("text/*").Accepts(50));
            Assert.IsTrue(AcceptNegotiation.Parse("text/*").Accepts(0));
            Assert.IsTrue(AcceptNegotiation.Parse("text/html").Accepts(null), "no Content-Format: not negotiated");
            Assert.IsTrue(AcceptNegotiation.Parse("text/html").Accepts(-1), "CoapContentFormat.None");
        }

        /// <summary>A request naming application/coap-payload is not forwarded (RFC 8075 §6.2): 406 at once.</summary>
        [TestMethod]
        [DataRow("application/coap-payload;cf=11542")]
        [DataRow("text/plain, application/coap-payload;cf=60")]
        public void CoapPayloadIsNotForwarded(string accept)
        {
            var negotiation = AcceptNegotiation.Parse(accept);
            Assert.IsTrue(negotiation.NothingAcceptable);
            Assert.AreEqual(0, negotiation.Attempts.Count);
        }

        /// <summary>Responses in unknown formats are application/coap-payload;cf=N for the acceptability check.</summary>
        [TestMethod]
        public void UnknownResponseFormats()
        {
            var negotiation = AcceptNegotiation.Parse("application/coap-payload;cf=11542;q=0, application/*");
            Assert.IsFalse(negotiation.Accepts(11542));
            Assert.IsTrue(negotiation.Accepts(11543));
            Assert.IsFalse(AcceptNegotiation.Parse("text/*").Accepts(11542));
        }

        /// <summary>Elements that do not parse and q outside 0..1 are ignored, the rest is used.</summary>
        [TestMethod]
        public void BadElementsAreIgnored()
        {
            var negotiation = AcceptNegotiation.Parse("garbage, application/json;q=7, text/plain;q=0.4, application/cbor;q=abc, application/xml;q=0.12345");
            Assert.AreEqual("0", Attempts(negotiation));
            Assert.IsFalse(negotiation.Accepts(50));
        }
    }
}
