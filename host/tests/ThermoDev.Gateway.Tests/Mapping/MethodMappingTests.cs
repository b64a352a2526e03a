using Coap.Http;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>HTTP methods -> CoAP method codes (RFC 7252 §10.2).</summary>
    [TestClass]
    public sealed class MethodMappingTests
    {
        /// <summary>GET, HEAD, POST, PUT and DELETE map; HEAD is a GET without a body.</summary>
        [TestMethod]
        [DataRow("GET", 0x01)]
        [DataRow("HEAD", 0x01)]
        [DataRow("POST", 0x02)]
        [DataRow("PUT", 0x03)]
        [DataRow("DELETE", 0x04)]
        public void MappedMethods(string method, int coapCode)
        {
            Assert.AreEqual((byte)coapCode, MethodMapping.ToCoap(method));
            Assert.AreEqual(method == "HEAD", MethodMapping.OmitsBody(method));
        }

        /// <summary>Anything else is not mapped (501 with Allow), including lowercase names: methods are case-sensitive.</summary>
        [TestMethod]
        [DataRow("OPTIONS")]
        [DataRow("TRACE")]
        [DataRow("CONNECT")]
        [DataRow("PATCH")]
        [DataRow("FETCH")]
        [DataRow("get")]
        [DataRow("")]
        [DataRow(null)]
        public void OtherMethodsAreNotMapped(string? method)
        {
            Assert.IsNull(MethodMapping.ToCoap(method));
        }

        /// <summary>The Allow value names exactly the mapped methods.</summary>
        [TestMethod]
        public void AllowListsTheMappedMethods()
        {
            foreach (string method in MethodMapping.Allow.Split(", "))
            {
                Assert.IsNotNull(MethodMapping.ToCoap(method), method);
            }

            Assert.AreEqual(CoapCode.Get, MethodMapping.ToCoap("GET"));
            Assert.AreEqual(5, MethodMapping.Allow.Split(", ").Length);
        }
    }
}
