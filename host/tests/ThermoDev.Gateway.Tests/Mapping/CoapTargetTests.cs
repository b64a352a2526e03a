using System;
using System.Linq;
using Coap.Http;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>A target back to a proxy request target, to Coap.Micro's path, and a 2.01's Location.</summary>
    [TestClass]
    public sealed class CoapTargetTests
    {
        private static CoapTarget Target(string uri) => TargetUri.Parse(uri).Target ?? throw new AssertFailedException(uri);

        /// <summary>The default mapping with encoded brackets, read back to the same target.</summary>
        [TestMethod]
        [DataRow("coap://[::1]:5683/temp", "/hc/coap://%5B::1%5D/temp")]
        [DataRow("coap://[::1]:6001/a%2Fb?x=1&y=%26", "/hc/coap://%5B::1%5D:6001/a%2Fb?x=1&y=%26")]
        [DataRow("coap://127.0.0.1", "/hc/coap://127.0.0.1/")]
        public void RequestTargetRoundTrip(string uri, string requestTarget)
        {
            CoapTarget target = Target(uri);
            Assert.AreEqual(requestTarget, target.ToRequestTarget());
            CoapTarget back = TargetUri.FromRequestTarget(requestTarget).Target!;
            Assert.AreEqual(target.ToString(), back.ToString());
            CollectionAssert.AreEqual(target.PathSegments.ToArray(), back.PathSegments.ToArray());
            CollectionAssert.AreEqual(target.QueryArguments.ToArray(), back.QueryArguments.ToArray());
        }

        /// <summary>Coap.Micro's path gets one Uri-Path per segment (a '/' inside stays inside) and one Uri-Query per argument.</summary>
        [TestMethod]
        public void CoapPath()
        {
            CoapPath path = Target("coap://h/sensors/a%2Fb?unit=c&x").ToCoapPath();
            Assert.AreEqual(2, path.SegmentCount);
            Assert.AreEqual(2, path.QueryCount);
            Assert.IsTrue(path.SegmentEquals(0, "sensors"));
            Assert.IsTrue(path.SegmentEquals(1, "a/b"));
            Assert.IsTrue(path.QueryEquals(0, "unit=c"));
            Assert.IsTrue(path.QueryEquals(1, "x"));
            Assert.AreEqual(0, Target("coap://h/").ToCoapPath().SegmentCount);
        }

        /// <summary>Location-Path/Location-Query resolve against the request target, under the proxy path.</summary>
        [TestMethod]
        public void Location()
        {
            CoapTarget request = Target("coap://[::1]:6001/things?a=1");
            CoapTarget created = request.WithLocation(new[] { "things", "42" }, new[] { "v=2" })!;
            Assert.AreEqual("coap://[::1]:6001/things/42?v=2", created.ToString());
            Assert.AreEqual("/hc/coap://%5B::1%5D:6001/things/42?v=2", created.ToRequestTarget());
            Assert.AreEqual("coap://[::1]:6001/?q", request.WithLocation(Array.Empty<string>(), new[] { "q" })!.ToString());
            Assert.IsNull(request.WithLocation(new[] { ".." }, Array.Empty<string>()));
        }
    }
}
