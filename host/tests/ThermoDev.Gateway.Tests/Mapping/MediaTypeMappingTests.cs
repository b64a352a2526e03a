using System.Linq;
using Coap.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>Content-Format &lt;-&gt; media type both ways (RFC 8075 §6, RFC 7252 §12.3).</summary>
    [TestClass]
    public sealed class MediaTypeMappingTests
    {
        /// <summary>Each registry entry maps to its media type and back.</summary>
        [TestMethod]
        [DataRow(0, "text/plain; charset=utf-8")]
        [DataRow(40, "application/link-format")]
        [DataRow(41, "application/xml")]
        [DataRow(42, "application/octet-stream")]
        [DataRow(47, "application/exi")]
        [DataRow(50, "application/json")]
        [DataRow(60, "application/cbor")]
        [DataRow(110, "application/senml+json")]
        [DataRow(112, "application/senml+cbor")]
        public void RegistryEntriesMapBothWays(int contentFormat, string mediaType)
        {
            Assert.AreEqual(mediaType, MediaTypeMapping.ToMediaType(contentFormat));
            Assert.AreEqual(contentFormat, MediaTypeMapping.ToContentFormat(mediaType));
            CollectionAssert.Contains(MediaTypeMapping.KnownContentFormats.ToArray(), contentFormat);
        }

        /// <summary>An unknown Content-Format becomes application/coap-payload with cf (RFC 8075 §6.2), not octet-stream.</summary>
        [TestMethod]
        [DataRow(111, "application/coap-payload; cf=111")]
        [DataRow(11542, "application/coap-payload; cf=11542")]
        [DataRow(65535, "application/coap-payload; cf=65535")]
        public void UnknownContentFormatsBecomeCoapPayload(int contentFormat, string mediaType)
        {
            Assert.AreEqual(mediaType, MediaTypeMapping.ToMediaType(contentFormat));
        }

        /// <summary>No Content-Format option: the format is indeterminate, so no Content-Type.</summary>
        [TestMethod]
        public void NoContentFormatGivesNoContentType()
        {
            Assert.IsNull(MediaTypeMapping.ToMediaType(null));
        }

        /// <summary>Case, spacing, quoting and the text/plain charsets that are UTF-8 compatible are accepted.</summary>
        [TestMethod]
        [DataRow("text/plain", 0)]
        [DataRow("TEXT/Plain;Charset=UTF-8", 0)]
        [DataRow("text/plain; charset=\"utf-8\"", 0)]
        [DataRow("text/plain;charset=us-ascii", 0)]
        [DataRow("Application/JSON", 50)]
        [DataRow("application/senml+json ", 110)]
        public void ContentTypeSpellings(string contentType, int contentFormat)
        {
            Assert.AreEqual(contentFormat, MediaTypeMapping.ToContentFormat(contentType));
        }

        /// <summary>What maps to no Content-Format gets 415 (RFC 8075 §6.1, §6.2; the loose mapping of §6.3 is not done).</summary>
        [TestMethod]
        [DataRow("text/plain; charset=iso-8859-1")]
        [DataRow("text/html")]
        [DataRow("application/json; charset=utf-8")]
        [DataRow("application/soap+xml")]
        [DataRow("application/coap-payload; cf=60")]
        [DataRow("application/json; foo=bar")]
        [DataRow("not a media type")]
        [DataRow("text/")]
        [DataRow("")]
        [DataRow(null)]
        public void UnmappableContentTypes(string? contentType)
        {
            Assert.IsNull(MediaTypeMapping.ToContentFormat(contentType));
        }

        /// <summary>A content coding other than identity cannot go into a Content-Format here (RFC 8075 §6.1).</summary>
        [TestMethod]
        public void ContentEncodingOtherThanIdentityIsRefused()
        {
            Assert.IsNull(MediaTypeMapping.ToContentFormat("application/json", "gzip"));
            Assert.AreEqual(50, MediaTypeMapping.ToContentFormat("application/json", "identity"));
            Assert.AreEqual(50, MediaTypeMapping.ToContentFormat("application/json", ""));
        }
    }
}
