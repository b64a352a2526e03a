using System;
using Coap.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>CoAP ETag bytes &lt;-&gt; HTTP entity-tags (lowercase hex, strong), and the preconditions built on them.</summary>
    [TestClass]
    public sealed class EntityTagMappingTests
    {
        /// <summary>1 to 8 bytes round-trip through their entity-tag.</summary>
        [TestMethod]
        [DataRow(new byte[] { 0x00 }, "\"00\"")]
        [DataRow(new byte[] { 0x0A, 0x1B }, "\"0a1b\"")]
        [DataRow(new byte[] { 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8 }, "\"fffefdfcfbfaf9f8\"")]
        public void RoundTrip(byte[] coapETag, string entityTag)
        {
            Assert.AreEqual(entityTag, EntityTagMapping.ToHttp(coapETag));
            CollectionAssert.AreEqual(coapETag, EntityTagMapping.ToCoap(entityTag));
        }

        /// <summary>Every length and value survives the round trip.</summary>
        [TestMethod]
        public void RoundTripOfEveryLength()
        {
            var random = new Random(8075);
            for (int length = 1; length <= 8; length++)
            {
                byte[] value = new byte[length];
                random.NextBytes(value);
                string? tag = EntityTagMapping.ToHttp(value);
                Assert.IsNotNull(tag);
                CollectionAssert.AreEqual(value, EntityTagMapping.ToCoap(tag));
            }
        }

        /// <summary>Uppercase digits and surrounding spaces are read.</summary>
        [TestMethod]
        public void LenientReading()
        {
            CollectionAssert.AreEqual(new byte[] { 0xAB }, EntityTagMapping.ToCoap(" \"AB\" "));
        }

        /// <summary>No ETag, or more than 8 bytes: no entity-tag.</summary>
        [TestMethod]
        public void InvalidCoapETags()
        {
            Assert.IsNull(EntityTagMapping.ToHttp(null));
            Assert.IsNull(EntityTagMapping.ToHttp(Array.Empty<byte>()));
            Assert.IsNull(EntityTagMapping.ToHttp(new byte[9]));
        }

        /// <summary>Weak, unquoted, odd, non-hex, empty or too long tags are not CoAP ETags.</summary>
        [TestMethod]
        [DataRow("W/\"0a1b\"")]
        [DataRow("0a1b")]
        [DataRow("\"0a1\"")]
        [DataRow("\"xyz0\"")]
        [DataRow("\"\"")]
        [DataRow("\"")]
        [DataRow("\"000102030405060708\"")]
        [DataRow("*")]
        [DataRow("")]
        [DataRow(null)]
        public void MalformedTags(string? entityTag)
        {
            Assert.IsNull(EntityTagMapping.ToCoap(entityTag));
        }
    }
}
