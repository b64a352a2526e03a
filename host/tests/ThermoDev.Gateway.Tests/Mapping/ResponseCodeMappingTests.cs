using Coap.Http;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>Every row of RFC 8075 §7 Table 2, its notes, codes outside it, and the proxy's own failures.</summary>
    [TestClass]
    public sealed class ResponseCodeMappingTests
    {
        /// <summary>Rows with a single HTTP status.</summary>
        [TestMethod]
        [DataRow(0x41, 201)] // 2.01 Created
        [DataRow(0x45, 200)] // 2.05 Content
        [DataRow(0x80, 400)] // 4.00 Bad Request
        [DataRow(0x81, 403)] // 4.01 Unauthorized (Note 5)
        [DataRow(0x83, 403)] // 4.03 Forbidden
        [DataRow(0x84, 404)] // 4.04 Not Found
        [DataRow(0x85, 400)] // 4.05 Method Not Allowed (Note 7)
        [DataRow(0x86, 406)] // 4.06 Not Acceptable
        [DataRow(0x8C, 412)] // 4.12 Precondition Failed
        [DataRow(0x8D, 413)] // 4.13 Request Entity Too Large
        [DataRow(0x8F, 415)] // 4.15 Unsupported Content-Format
        [DataRow(0xA0, 500)] // 5.00 Internal Server Error
        [DataRow(0xA1, 501)] // 5.01 Not Implemented
        [DataRow(0xA2, 502)] // 5.02 Bad Gateway
        [DataRow(0xA3, 503)] // 5.03 Service Unavailable
        [DataRow(0xA4, 504)] // 5.04 Gateway Timeout
        [DataRow(0xA5, 502)] // 5.05 Proxying Not Supported (Note 9)
        public void SingleStatusRows(int coapCode, int httpStatus)
        {
            Assert.AreEqual(httpStatus, ResponseCodeMapping.ToHttpStatus((byte)coapCode));
            Assert.AreEqual(httpStatus, ResponseCodeMapping.ToHttpStatus((byte)coapCode, hasPayload: true, conditionalRequest: true));
        }

        /// <summary>2.02 and 2.04: 200 with a payload, 204 without (Note 2).</summary>
        [TestMethod]
        [DataRow(0x42)]
        [DataRow(0x44)]
        public void DeletedAndChangedDependOnThePayload(int coapCode)
        {
            Assert.AreEqual(200, ResponseCodeMapping.ToHttpStatus((byte)coapCode, hasPayload: true));
            Assert.AreEqual(204, ResponseCodeMapping.ToHttpStatus((byte)coapCode, hasPayload: false));
        }

        /// <summary>2.03: 304 for a conditional HTTP request (Note 3), 200 when the proxy revalidated its own copy (Note 4).</summary>
        [TestMethod]
        public void ValidDependsOnWhetherTheRequestWasConditional()
        {
            Assert.AreEqual(304, ResponseCodeMapping.ToHttpStatus(CoapCode.Valid, conditionalRequest: true));
            Assert.AreEqual(200, ResponseCodeMapping.ToHttpStatus(CoapCode.Valid, conditionalRequest: false));
        }

        /// <summary>4.02: 400 when it comes from a mapped client header, else 500 (Note 6).</summary>
        [TestMethod]
        public void BadOptionDependsOnItsCause()
        {
            Assert.AreEqual(400, ResponseCodeMapping.ToHttpStatus(CoapCode.BadOption, badOptionFromClientHeader: true));
            Assert.AreEqual(500, ResponseCodeMapping.ToHttpStatus(CoapCode.BadOption));
        }

        /// <summary>2.31 and 4.08 are never translated (Note 10); other codes are not understood: 502.</summary>
        [TestMethod]
        [DataRow(0x5F)] // 2.31 Continue
        [DataRow(0x88)] // 4.08 Request Entity Incomplete
        [DataRow(0x46)] // 2.06, unassigned
        [DataRow(0x89)] // 4.09, not in the table
        [DataRow(0xA6)] // 5.06, unassigned
        [DataRow(0x00)] // 0.00 Empty
        [DataRow(0x01)] // 0.01 GET, a request code
        [DataRow(0x21)] // class 1
        [DataRow(0x61)] // class 3
        [DataRow(0xC1)] // class 6
        [DataRow(0xFF)] // class 7
        public void CodesOutsideTheTableAreBadGateway(int coapCode)
        {
            Assert.AreEqual(502, ResponseCodeMapping.ToHttpStatus((byte)coapCode, hasPayload: true));
        }

        /// <summary>4.05 gets the reason phrase Note 7 asks for; other codes keep the usual one.</summary>
        [TestMethod]
        public void MethodNotAllowedHasItsOwnReasonPhrase()
        {
            StringAssert.StartsWith(ResponseCodeMapping.ReasonPhrase(CoapCode.MethodNotAllowed), "CoAP server returned 4.05");
            Assert.IsNull(ResponseCodeMapping.ReasonPhrase(CoapCode.NotFound));
        }

        /// <summary>Only 5.03 takes Retry-After from Max-Age (Note 8).</summary>
        [TestMethod]
        public void OnlyServiceUnavailableTakesRetryAfter()
        {
            Assert.IsTrue(ResponseCodeMapping.TakesRetryAfter(CoapCode.ServiceUnavailable));
            Assert.IsFalse(ResponseCodeMapping.TakesRetryAfter(CoapCode.GatewayTimeout));
            Assert.IsFalse(ResponseCodeMapping.TakesRetryAfter(CoapCode.Content));
        }

        /// <summary>Codes print as c.dd.</summary>
        [TestMethod]
        public void DottedForm()
        {
            Assert.AreEqual("4.04", ResponseCodeMapping.Dotted(CoapCode.NotFound));
            Assert.AreEqual("2.31", ResponseCodeMapping.Dotted(CoapCode.Continue));
        }

        /// <summary>The proxy's own failures (RFC 7252 §10.2, RFC 8075 §5.3.1, §6.1, §8.1, §8.4, §10.3).</summary>
        [TestMethod]
        [DataRow(GatewayFailure.NoResponse, 504)]
        [DataRow(GatewayFailure.ResponseNotUnderstood, 502)]
        [DataRow(GatewayFailure.MalformedTarget, 400)]
        [DataRow(GatewayFailure.UnsupportedTarget, 501)]
        [DataRow(GatewayFailure.ForbiddenTarget, 403)]
        [DataRow(GatewayFailure.MethodNotMapped, 501)]
        [DataRow(GatewayFailure.UnsupportedMediaType, 415)]
        [DataRow(GatewayFailure.NotAcceptable, 406)]
        [DataRow(GatewayFailure.Overloaded, 503)]
        public void GatewayFailures(GatewayFailure failure, int httpStatus)
        {
            Assert.AreEqual(httpStatus, GatewayFailureStatus.ToHttpStatus(failure));
        }
    }
}
