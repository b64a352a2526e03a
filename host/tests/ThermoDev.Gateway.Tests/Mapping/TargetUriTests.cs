using System.Linq;
using System.Net;
using Coap.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>Target CoAP URIs in both hosting forms (RFC 8075 §5) and their decomposition (RFC 7252 §6.4).</summary>
    [TestClass]
    public sealed class TargetUriTests
    {
        private static CoapTarget Read(string rawPathAndQuery)
        {
            TargetUriResult result = TargetUri.FromRequestTarget(rawPathAndQuery);
            Assert.IsTrue(result.Success, rawPathAndQuery + ": " + result.Error);
            Assert.IsNull(result.Error);
            Assert.AreEqual(200, result.HttpStatus);
            return result.Target!;
        }

        private static void AssertFails(string? rawPathAndQuery, int httpStatus, string errorPart)
        {
            TargetUriResult result = TargetUri.FromRequestTarget(rawPathAndQuery);
            Assert.IsFalse(result.Success, rawPathAndQuery);
            Assert.IsNull(result.Target);
            Assert.AreEqual(httpStatus, result.HttpStatus, rawPathAndQuery + ": " + result.Error);
            StringAssert.Contains(result.Error, errorPart, rawPathAndQuery);
        }

        /// <summary>The default mapping: the target appended to /hc/ with its brackets and query.</summary>
        [TestMethod]
        public void DefaultMappingWithIpv6PortPathAndQuery()
        {
            CoapTarget target = Read("/hc/coap://[::1]:5684/temp?x=1&unit=c");
            Assert.AreEqual("::1", target.Host);
            Assert.AreEqual(IPAddress.IPv6Loopback, target.Address);
            Assert.AreEqual(5684, target.Port);
            CollectionAssert.AreEqual(new[] { "temp" }, target.PathSegments.ToArray());
            CollectionAssert.AreEqual(new[] { "x=1", "unit=c" }, target.QueryArguments.ToArray());
            Assert.AreEqual(new IPEndPoint(IPAddress.IPv6Loopback, 5684), target.EndPoint);
            Assert.AreEqual("coap://[::1]:5684/temp?x=1&unit=c", target.ToString());
        }

        /// <summary>RFC 8075 §5.3.2: percent-encoded brackets are decoded; the port defaults to 5683 (RFC 7252 §6.1).</summary>
        [TestMethod]
        [DataRow("/hc/coap://%5B2001:db8::1%5D/light?on")]
        [DataRow("/hc/coap://%5b2001:DB8:0::1%5d:5683/light?on")]
        [DataRow("/hc/coap://[2001:db8::1]:/light?on")]
        public void EncodedBracketsAndDefaultPort(string raw)
        {
            CoapTarget target = Read(raw);
            Assert.AreEqual("2001:db8::1", target.Host);
            Assert.AreEqual(5683, target.Port);
            CollectionAssert.AreEqual(new[] { "light" }, target.PathSegments.ToArray());
            CollectionAssert.AreEqual(new[] { "on" }, target.QueryArguments.ToArray());
            Assert.AreEqual("coap://[2001:db8::1]/light?on", target.ToString());
        }

        /// <summary>
        /// The default mapping with the authority's slashes percent-encoded (what the "no host" message advises when
        /// something on the way merges "//"): read as the same target.
        /// </summary>
        [TestMethod]
        [DataRow("/hc/coap:%2F%2F[::1]:5684/temp")]
        [DataRow("/hc/coap:%2f%2f%5B::1%5D:5684/temp")]
        public void EncodedAuthoritySlashes(string raw)
        {
            CoapTarget target = Read(raw);
            Assert.AreEqual(IPAddress.IPv6Loopback, target.Address);
            Assert.AreEqual(5684, target.Port);
            CollectionAssert.AreEqual(new[] { "temp" }, target.PathSegments.ToArray());
        }

        /// <summary>The query form, percent-encoded: decoded once, the value ending at the next '&amp;'.</summary>
        [TestMethod]
        public void QueryFormPercentEncoded()
        {
            CoapTarget target = Read("/hc/?target_uri=coap%3A%2F%2F%5B%3A%3A1%5D%3A6000%2Ftemp%3Fa%3D1%26b%3D2&other=x");
            Assert.AreEqual(IPAddress.IPv6Loopback, target.Address);
            Assert.AreEqual(6000, target.Port);
            CollectionAssert.AreEqual(new[] { "temp" }, target.PathSegments.ToArray());
            CollectionAssert.AreEqual(new[] { "a=1", "b=2" }, target.QueryArguments.ToArray());
        }

        /// <summary>The query form verbatim, as the template ?target_uri={+tu} expands: the rest of the query is the target's.</summary>
        [TestMethod]
        public void QueryFormVerbatim()
        {
            CoapTarget target = Read("/hc/?target_uri=coap://127.0.0.1/sensors/temp?a=1&b=2");
            Assert.AreEqual(IPAddress.Loopback, target.Address);
            CollectionAssert.AreEqual(new[] { "sensors", "temp" }, target.PathSegments.ToArray());
            CollectionAssert.AreEqual(new[] { "a=1", "b=2" }, target.QueryArguments.ToArray());
        }

        /// <summary>target_uri need not be the first parameter of the query form.</summary>
        [TestMethod]
        public void QueryFormAfterAnotherParameter()
        {
            CoapTarget target = Read("/hc/?x=1&target_uri=coap%3A%2F%2Fsensor.local%2Ftemp");
            Assert.AreEqual("sensor.local", target.Host);
            Assert.IsNull(target.Address);
            Assert.IsNull(target.EndPoint);
        }

        /// <summary>Percent-encodings of the target are resolved exactly once: %2F stays inside its segment.</summary>
        [TestMethod]
        public void PercentEncodingIsResolvedOnce()
        {
            CoapTarget target = Read("/hc/coap://127.0.0.1/a%2Fb/%7Esensors/caf%C3%A9?q=%26x%3D1&t=a%20b");
            CollectionAssert.AreEqual(new[] { "a/b", "~sensors", "café" }, target.PathSegments.ToArray());
            CollectionAssert.AreEqual(new[] { "q=&x=1", "t=a b" }, target.QueryArguments.ToArray());
            Assert.AreEqual("coap://127.0.0.1/a%2Fb/~sensors/caf%C3%A9?q=%26x=1&t=a%20b", target.ToString());
        }

        /// <summary>A whole target encoded once in the path (encodeURIComponent) is decoded once.</summary>
        [TestMethod]
        public void WholeTargetEncodedInThePath()
        {
            CoapTarget target = Read("/hc/coap%3A%2F%2F%5B%3A%3A1%5D%2Fa%252Fb");
            Assert.AreEqual(IPAddress.IPv6Loopback, target.Address);
            CollectionAssert.AreEqual(new[] { "a/b" }, target.PathSegments.ToArray());
        }

        /// <summary>Host names are lowercased, scheme case is ignored (RFC 7252 §6.3); no path means no Uri-Path.</summary>
        [TestMethod]
        public void NamesAndEmptyPaths()
        {
            CoapTarget target = Read("/hc/COAP://Sensor.Example.COM");
            Assert.AreEqual("sensor.example.com", target.Host);
            Assert.AreEqual(0, target.PathSegments.Count);
            Assert.AreEqual(0, target.QueryArguments.Count);
            Assert.AreEqual("/", target.Path);
            Assert.AreEqual("coap://sensor.example.com/", target.ToString());
            Assert.AreEqual(0, Read("/hc/coap://h/").PathSegments.Count);
        }

        /// <summary>Dot segments are resolved before decomposing (RFC 7252 §6.4 step 2); a trailing slash is an empty segment.</summary>
        [TestMethod]
        [DataRow("/hc/coap://h/a/./b/../c", "a|c")]
        [DataRow("/hc/coap://h/../../temp", "temp")]
        [DataRow("/hc/coap://h/a/..", "")]
        [DataRow("/hc/coap://h/a/.", "a|")]
        [DataRow("/hc/coap://h/temp/", "temp|")]
        [DataRow("/hc/coap://h/a//b", "a||b")]
        public void DotSegmentsAndEmptySegments(string raw, string segments)
        {
            CoapTarget target = Read(raw);
            Assert.AreEqual(segments, string.Join("|", target.PathSegments));
        }

        /// <summary>IPv4 and IPv4-mapped addresses are addresses; other digit strings are names.</summary>
        [TestMethod]
        public void Addresses()
        {
            Assert.AreEqual(IPAddress.Parse("192.168.1.20"), Read("/hc/coap://192.168.1.20/temp").Address);
            Assert.AreEqual(IPAddress.Parse("::ffff:127.0.0.1"), Read("/hc/coap://[::ffff:127.0.0.1]/temp").Address);
            Assert.IsNull(Read("/hc/coap://127.1/temp").Address);
            Assert.AreEqual("fe80::1%2", Read("/hc/coap://[fe80::1%252]/temp").Host);
        }

        /// <summary>coaps is refused as unsupported (501, no DTLS here, RFC 8075 §10.3), in either form.</summary>
        [TestMethod]
        [DataRow("/hc/coaps://[::1]/temp")]
        [DataRow("/hc/?target_uri=coaps%3A%2F%2F%5B%3A%3A1%5D%2Ftemp")]
        public void CoapsIsUnsupported(string raw)
        {
            AssertFails(raw, 501, "DTLS");
            Assert.AreEqual(GatewayFailure.UnsupportedTarget, TargetUri.FromRequestTarget(raw).Failure);
        }

        /// <summary>Malformed targets are 400 with a reason; nothing throws.</summary>
        [TestMethod]
        [DataRow("/hc/http://example.com/x", "not coap")]
        [DataRow("/hc/", "no Target CoAP URI")]
        [DataRow("/other/coap://h/x", "no Target CoAP URI")]
        [DataRow(null, "no Target CoAP URI")]
        [DataRow("/hc/[::1]/temp", "no scheme")]
        [DataRow("/hc/localhost:5683/temp", "not coap")]
        [DataRow("/hc/temp", "no scheme")]
        [DataRow("/hc/coap:/[::1]/temp", "no host")]
        [DataRow("/hc/coap:///temp", "empty host")]
        [DataRow("/hc/coap://:5683/temp", "empty host")]
        [DataRow("/hc/coap://[::1/temp", "closing")]
        [DataRow("/hc/coap://[zz::1]/temp", "not an IPv6")]
        [DataRow("/hc/coap://[127.0.0.1]/temp", "not an IPv6")]
        [DataRow("/hc/coap://[v1.x]/temp", "IPvFuture")]
        [DataRow("/hc/coap://[::1]x/temp", "after the IPv6")]
        [DataRow("/hc/coap://h:0/temp", "not a UDP port")]
        [DataRow("/hc/coap://h:65536/temp", "not a UDP port")]
        [DataRow("/hc/coap://h:56a/temp", "not a UDP port")]
        [DataRow("/hc/coap://h:-1/temp", "not a UDP port")]
        [DataRow("/hc/coap://user@h/temp", "userinfo")]
        [DataRow("/hc/coap://h/temp#frag", "fragment")]
        [DataRow("/hc/coap://h/te%zzmp", "percent-encoding")]
        [DataRow("/hc/coap://h/te%2", "percent-encoding")]
        [DataRow("/hc/coap://h/%FF%FE", "not UTF-8")]
        [DataRow("/hc/coap://h/a b", "character")]
        [DataRow("/hc/coap://h/caf\u00e9", "character")]
        [DataRow("/hc/coap://h_%zz/temp", "percent-encoding")]
        [DataRow("/hc/coap://h[1]/temp", "not a host name")]
        [DataRow("/hc/?x=1", "no target_uri")]
        [DataRow("/hc/?target_uri=", "empty")]
        [DataRow("/hc/\u0000\u0001garbage", "character")]
        [DataRow("/hc/:::::", "no scheme")]
        public void MalformedTargets(string? raw, string errorPart)
        {
            AssertFails(raw, 400, errorPart);
            Assert.AreEqual(GatewayFailure.MalformedTarget, TargetUri.FromRequestTarget(raw).Failure);
        }

        /// <summary>A Uri-Path value holds at most 255 bytes (RFC 7252 §5.10).</summary>
        [TestMethod]
        public void OverlongSegmentsAreRefused()
        {
            AssertFails("/hc/coap://h/" + new string('a', 256), 400, "255 bytes");
            Assert.AreEqual(255, Read("/hc/coap://h/" + new string('a', 255)).PathSegments[0].Length);
        }

        /// <summary>A proxy path other than /hc/ can be given; it must end with '/'.</summary>
        [TestMethod]
        public void OtherProxyPath()
        {
            Assert.IsTrue(TargetUri.FromRequestTarget("/proxy/coap://h/x", "/proxy/").Success);
            Assert.IsFalse(TargetUri.FromRequestTarget("/hc/coap://h/x", "/proxy/").Success);
            Assert.ThrowsExactly<System.ArgumentException>(() => TargetUri.FromRequestTarget("/hc/coap://h/x", "/hc"));
        }

        /// <summary>Parse takes a bare coap URI, as configuration gives it.</summary>
        [TestMethod]
        public void ParseBareUri()
        {
            TargetUriResult result = TargetUri.Parse("coap://[::1]:5683/temp");
            Assert.IsTrue(result.Success);
            Assert.AreEqual("coap://[::1]/temp", result.Target!.ToString());
            Assert.IsFalse(TargetUri.Parse(null).Success);
            Assert.IsFalse(TargetUri.Parse("").Success);
        }
    }
}
