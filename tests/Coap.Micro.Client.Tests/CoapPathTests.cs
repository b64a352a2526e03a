using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Client
{
    /// <summary>Paths and queries as Uri-Path and Uri-Query options (RFC 7252 §6.4).</summary>
    [TestClass]
    public class CoapPathTests
    {
        [TestMethod]
        [DataRow("", 0)]
        [DataRow("/", 0)]
        [DataRow("temp", 1)]
        [DataRow("/temp", 1)]
        [DataRow("/a/b/c", 3)]
        [DataRow("/a/", 2)]
        [DataRow("//", 2)]
        [DataRow("/?x", 0)]
        public void SegmentsAreCountedAsRfc7252Section64Says(string text, int segments)
        {
            Assert.AreEqual(segments, new CoapPath(text).SegmentCount);
        }

        [TestMethod]
        public void PathAndQueryAreSplitIntoTheirOptions()
        {
            CoapPath path = new CoapPath("/sensors/temp?unit=c&raw");
            Assert.AreEqual(2, path.SegmentCount);
            Assert.AreEqual(2, path.QueryCount);
            Assert.IsTrue(path.SegmentEquals(0, "sensors"));
            Assert.IsTrue(path.SegmentEquals(1, "temp"));
            Assert.IsTrue(path.QueryEquals(0, "unit=c"));
            Assert.IsTrue(path.QueryEquals(1, "raw"));
            Assert.AreEqual(2 + 7 + 2 + 4 + 2 + 6 + 2 + 3, path.Length);
            Assert.AreEqual(path.Length, path.Capacity);
        }

        [TestMethod]
        public void PercentEscapesAreDecoded()
        {
            CoapPath path = new CoapPath("/a%20b/%2F?q%3D=%26");
            Assert.IsTrue(path.SegmentEquals(0, "a b"));
            Assert.IsTrue(path.SegmentEquals(1, "/"));
            Assert.IsTrue(path.QueryEquals(0, "q==&"));
        }

        [TestMethod]
        public void OtherCharactersAreEncodedAsUtf8()
        {
            // A character outside the BMP goes percent-encoded (its UTF-8 bytes): the same on every runtime.
            CoapPath path = new CoapPath("/\u00B0C/\u20AC/%F0%9F%98%80");
            Assert.AreEqual(3, path.SegmentCount);
            Assert.AreEqual(2 + 3 + 2 + 3 + 2 + 4, path.Length);
        }

        [TestMethod]
        [DataRow("/a%2")]
        [DataRow("/a%zz")]
        [DataRow("/a%")]
        public void InvalidTextIsRefused(string text)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => { new CoapPath(text); });
            CoapPath path = new CoapPath(64);
            Assert.IsFalse(path.Set(text));
            Assert.AreEqual(0, path.Length);
        }

        [TestMethod]
        public void CharactersOutsideTheBmpAndTheReplacementCharacterAreRefused()
        {
            // nanoFramework reads a pair as two high surrogates and a lone surrogate as U+FFFD: each of
            // these forms is refused, so the text means the same on a board and on .NET.
            CoapPath path = new CoapPath(64);
            Assert.IsFalse(path.Set("/a" + '\uD83D'));
            Assert.IsFalse(path.Set("/" + '\uDE00' + "b"));
            Assert.IsFalse(path.Set("/" + '\uD83D' + '\uDE00'));
            Assert.IsFalse(path.Set("/" + '\uD83D' + '\uD83D'));
            Assert.IsFalse(path.Set("/x?q=" + '\uFFFD'));
            Assert.IsTrue(path.Set("/" + '\uFFFC'));
        }

        [TestMethod]
        public void ASegmentOver255BytesIsRefused()
        {
            CoapPath path = new CoapPath(600);
            Assert.IsTrue(path.Set("/" + new string('a', 255)));
            Assert.IsFalse(path.Set("/" + new string('a', 256)));
        }

        [TestMethod]
        public void SetReusesTheStorageAndRefusesWhatDoesNotFit()
        {
            CoapPath path = new CoapPath(8);
            Assert.IsTrue(path.Set("/abc/d"));
            Assert.AreEqual(8, path.Length);
            Assert.IsFalse(path.Set("/abcd/e"));
            Assert.AreEqual(0, path.Length);
            Assert.IsTrue(path.Set("/x"));
            Assert.AreEqual(1, path.SegmentCount);
        }

        [TestMethod]
        public void PreEncodedSegmentsAndArgumentsCanBeAddedInOrder()
        {
            CoapPath path = new CoapPath(32);
            byte[] bytes = Ascii.Bytes("temp");
            Assert.IsTrue(path.AddSegment(bytes, 0, 4));
            Assert.IsTrue(path.AddSegment(bytes, 1, 2));
            Assert.IsTrue(path.AddQuery(bytes, 0, 1));
            Assert.IsFalse(path.AddSegment(bytes, 0, 1));
            Assert.IsTrue(path.SegmentEquals(1, "em"));
            Assert.IsTrue(path.QueryEquals(0, "t"));
            path.Clear();
            Assert.AreEqual(0, path.SegmentCount);
        }
    }
}
