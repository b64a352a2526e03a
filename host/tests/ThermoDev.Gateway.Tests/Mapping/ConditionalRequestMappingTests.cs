using System.Linq;
using Coap.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>If-Match / If-None-Match -> CoAP If-Match, If-None-Match, ETag (RFC 7252 §10.2.2, §5.10.8).</summary>
    [TestClass]
    public sealed class ConditionalRequestMappingTests
    {
        /// <summary>No preconditions: no options.</summary>
        [TestMethod]
        public void NoPreconditions()
        {
            ConditionalOptions options = ConditionalRequestMapping.Map("GET", null, null);
            Assert.IsTrue(options.Success);
            Assert.AreEqual(0, options.IfMatch.Count);
            Assert.IsFalse(options.IfNoneMatch);
            Assert.AreEqual(0, options.ETags.Count);
            Assert.IsFalse(options.IsValidation);
        }

        /// <summary>If-Match: * is an empty If-Match; tags are If-Match values, weak and foreign ones dropped.</summary>
        [TestMethod]
        public void IfMatch()
        {
            ConditionalOptions any = ConditionalRequestMapping.Map("PUT", "*", null);
            Assert.AreEqual(1, any.IfMatch.Count);
            Assert.AreEqual(0, any.IfMatch[0].Length);

            ConditionalOptions tags = ConditionalRequestMapping.Map("PUT", "\"0a\", W/\"0b\", \"not-ours\",\"0c0d\"", null);
            Assert.IsTrue(tags.Success);
            CollectionAssert.AreEqual(new[] { "0a", "0c0d" }, tags.IfMatch.Select(v => System.Convert.ToHexStringLower(v)).ToArray());
        }

        /// <summary>If-Match that no CoAP ETag can satisfy fails at once: 412.</summary>
        [TestMethod]
        [DataRow("W/\"0a\"")]
        [DataRow("\"not-ours\"")]
        public void IfMatchThatCannotHold(string ifMatch)
        {
            ConditionalOptions options = ConditionalRequestMapping.Map("PUT", ifMatch, null);
            Assert.IsFalse(options.Success);
            Assert.AreEqual(GatewayFailure.PreconditionFailed, options.Failure);
            Assert.AreEqual(412, options.HttpStatus);
            Assert.IsNotNull(options.Error);
        }

        /// <summary>If-None-Match: * is the If-None-Match option on any method.</summary>
        [TestMethod]
        [DataRow("PUT")]
        [DataRow("GET")]
        public void IfNoneMatchAny(string method)
        {
            ConditionalOptions options = ConditionalRequestMapping.Map(method, null, "*");
            Assert.IsTrue(options.IfNoneMatch);
            Assert.AreEqual(0, options.ETags.Count);
        }

        /// <summary>If-None-Match tags on GET/HEAD validate (weak comparison): ETag options, and 2.03 becomes 304.</summary>
        [TestMethod]
        [DataRow("GET")]
        [DataRow("HEAD")]
        public void IfNoneMatchTagsValidate(string method)
        {
            ConditionalOptions options = ConditionalRequestMapping.Map(method, null, "\"0a1b\", W/\"ff\", \"0a1b\", \"zz\"");
            Assert.IsTrue(options.Success);
            Assert.IsTrue(options.IsValidation);
            CollectionAssert.AreEqual(new[] { "0a1b", "ff" }, options.ETags.Select(v => System.Convert.ToHexStringLower(v)).ToArray());
            Assert.AreEqual(304, ResponseCodeMapping.ToHttpStatus(Coap.Micro.CoapCode.Valid, conditionalRequest: options.IsValidation));
        }

        /// <summary>Only foreign tags: they cannot match, so the GET goes unconditionally.</summary>
        [TestMethod]
        public void IfNoneMatchWithForeignTagsOnly()
        {
            ConditionalOptions options = ConditionalRequestMapping.Map("GET", null, "\"v1.2\"");
            Assert.IsTrue(options.Success);
            Assert.IsFalse(options.IsValidation);
        }

        /// <summary>If-None-Match tags on other methods cannot be expressed in CoAP: 501.</summary>
        [TestMethod]
        [DataRow("PUT")]
        [DataRow("POST")]
        [DataRow("DELETE")]
        public void IfNoneMatchTagsOnWrites(string method)
        {
            ConditionalOptions options = ConditionalRequestMapping.Map(method, null, "\"0a\"");
            Assert.AreEqual(GatewayFailure.ConditionNotMapped, options.Failure);
            Assert.AreEqual(501, options.HttpStatus);
        }

        /// <summary>Malformed values: 400.</summary>
        [TestMethod]
        [DataRow("0a", null)]
        [DataRow("\"0a", null)]
        [DataRow("\"0a\" \"0b\"", null)]
        [DataRow(",", null)]
        [DataRow("", null)]
        [DataRow(null, "W/0a")]
        [DataRow(null, "**")]
        [DataRow(null, "\"a\u0001b\"")]
        public void MalformedHeaders(string? ifMatch, string? ifNoneMatch)
        {
            ConditionalOptions options = ConditionalRequestMapping.Map("GET", ifMatch, ifNoneMatch);
            Assert.AreEqual(GatewayFailure.MalformedHeader, options.Failure);
            Assert.AreEqual(400, options.HttpStatus);
            StringAssert.Contains(options.Error, "malformed");
        }
    }
}
