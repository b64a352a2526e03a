using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>ETag and conditional requests (RFC 7252 §5.10.6, §5.10.8, §5.9.1.3).</summary>
    [TestClass]
    public class CoapServerConditionalTests
    {
        private static readonly byte[] Current = { 0xE0, 0x01 };
        private static readonly byte[] Stale = { 0xE0, 0x00 };
        private static readonly byte[] Text = Ascii.Bytes("new");

        private static BlockHarness Harness(VersionedResource resource)
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Server.Add(resource);
            return h;
        }

        private static RequestBuilder Request(BlockHarness h, byte method)
        {
            return new RequestBuilder(CoapMessageType.Confirmable, method, h.NextMessageId());
        }

        private static string ETagText(CoapMessage message)
        {
            byte[] etag = BlockHarness.ETagOf(message);
            return etag == null ? "none" : Hex.Format(etag, 0, etag.Length);
        }

        [TestMethod]
        public void AContentResponseCarriesTheCurrentETag()
        {
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            CoapMessage answer = h.Ask(Request(h, CoapCode.Get).Path("doc").ToArray());
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual("E0 01", ETagText(answer));
        }

        [TestMethod]
        public void AResourceWithoutAnETagSendsNone()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Size = 4;
            Assert.AreEqual("none", ETagText(h.Ask(h.BlockGet("big", 0, -1))));
        }

        [TestMethod]
        public void AGetNamingTheCurrentETagIsValidWithoutPayload()
        {
            // §5.10.6.2, §5.9.1.3: 2.03 with the ETag and the handler's Max-Age; no payload, no Content-Format.
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            CoapMessage answer = h.Ask(Request(h, CoapCode.Get).Option(CoapOption.ETag, Stale).Option(CoapOption.ETag, Current).Path("doc").ToArray());
            Assert.AreEqual((int)CoapCode.Valid, (int)answer.Code);
            Assert.AreEqual("E0 01", ETagText(answer));
            Assert.AreEqual(1, answer.CountOptions(CoapOption.ETag));
            Assert.AreEqual(0, answer.PayloadLength);
            Assert.IsFalse(answer.HasOption(CoapOption.ContentFormat));
            uint maxAge;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.MaxAge, 0, out maxAge));
            Assert.AreEqual(9u, maxAge);
            Assert.AreEqual(1, h.Server.Counters.Success);
        }

        [TestMethod]
        public void AGetNamingAnOldETagGetsTheRepresentation()
        {
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            CoapMessage answer = h.Ask(Request(h, CoapCode.Get).Option(CoapOption.ETag, Stale).Path("doc").ToArray());
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual("v1", ServerHarness.PayloadText(answer));
            Assert.AreEqual("E0 01", ETagText(answer));
        }

        [TestMethod]
        public void AValidatedGetOfALargeRepresentationHasNoBlock()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Tagged = true;
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).Option(CoapOption.ETag, new byte[] { 0x40 }).Path("big").Block(CoapOption.Block2, 3, false, 2).ToArray());
            Assert.AreEqual((int)CoapCode.Valid, (int)answer.Code);
            Assert.AreEqual(-1L, BlockHarness.Block2Of(answer));
            Assert.AreEqual(0, answer.PayloadLength);
        }

        [TestMethod]
        public void AValidatedRegistrationStillRegisters()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Tagged = true;
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).Option(CoapOption.ETag, new byte[] { 0x40 }).UInt(CoapOption.Observe, 0).Path("big").ToArray());
            Assert.AreEqual((int)CoapCode.Valid, (int)answer.Code);
            Assert.AreEqual(500, ServerHarness.ObserveOf(answer));
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void IfMatchWithTheCurrentETagLetsThePutRun()
        {
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            CoapMessage answer = h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, Stale).Option(CoapOption.IfMatch, Current).Path("doc").Payload(Text, 0, Text.Length).ToArray());
            Assert.AreEqual((int)CoapCode.Changed, (int)answer.Code);
            Assert.AreEqual(1, doc.Puts);
            Assert.AreEqual(2, doc.Revision);
        }

        [TestMethod]
        public void IfMatchWithAnotherETagFailsAndNothingChanges()
        {
            // §5.10.8.1: 4.12 and the handler does not run.
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            CoapMessage answer = h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, Stale).Path("doc").Payload(Text, 0, Text.Length).ToArray());
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)answer.Code);
            Assert.AreEqual(0, answer.PayloadLength);
            Assert.AreEqual(0, doc.Puts);
            Assert.AreEqual("v1", TestText.Of(doc.Text, 0, doc.Text.Length));
        }

        [TestMethod]
        public void AnEmptyIfMatchNeedsTheResourceToExist()
        {
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            byte[] none = new byte[0];
            Assert.AreEqual((int)CoapCode.Changed, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, none).Path("doc").Payload(Text, 0, Text.Length).ToArray()).Code);
            doc.Present = false;
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, none).Path("doc").Payload(Text, 0, Text.Length).ToArray()).Code);
            Assert.AreEqual(1, doc.Puts);
        }

        [TestMethod]
        public void IfMatchOnAResourceWithoutAnETagFails()
        {
            CountingResource plain = new CountingResource("plain");
            BlockHarness h = new BlockHarness(512, 64);
            h.Server.Add(plain);
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, Current).Path("plain").ToArray()).Code);
            Assert.AreEqual((int)CoapCode.Changed, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, new byte[0]).Path("plain").ToArray()).Code);
            Assert.AreEqual(1, plain.Runs);
        }

        [TestMethod]
        public void IfNoneMatchFailsWhenTheResourceExists()
        {
            // §5.10.8.2: create only.
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)h.Ask(Request(h, CoapCode.Put).Empty(CoapOption.IfNoneMatch).Path("doc").Payload(Text, 0, Text.Length).ToArray()).Code);
            Assert.AreEqual(0, doc.Puts);

            doc.Present = false;
            CoapMessage created = h.Ask(Request(h, CoapCode.Put).Empty(CoapOption.IfNoneMatch).Path("doc").Payload(Text, 0, Text.Length).ToArray());
            Assert.AreEqual((int)CoapCode.Created, (int)created.Code);
            Assert.AreEqual(1, doc.Puts);
        }

        [TestMethod]
        public void PreconditionsApplyToEveryMethod()
        {
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)h.Ask(Request(h, CoapCode.Delete).Option(CoapOption.IfMatch, Stale).Path("doc").ToArray()).Code);
            Assert.IsTrue(doc.Present);
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)h.Ask(Request(h, CoapCode.Get).Empty(CoapOption.IfNoneMatch).Path("doc").ToArray()).Code);
            Assert.AreEqual((int)CoapCode.Deleted, (int)h.Ask(Request(h, CoapCode.Delete).Option(CoapOption.IfMatch, Current).Path("doc").ToArray()).Code);
            Assert.IsFalse(doc.Present);
        }

        [TestMethod]
        public void OtherErrorsComeBeforePreconditions()
        {
            // A request that would fail anyway gets that failure, not 4.12 (as HTTP, RFC 9110 §13.2.1).
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            Assert.AreEqual((int)CoapCode.NotFound, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, Stale).Path("nothing").ToArray()).Code);
            Assert.AreEqual((int)CoapCode.MethodNotAllowed, (int)h.Ask(Request(h, CoapCode.Post).Option(CoapOption.IfMatch, Stale).Path("doc").ToArray()).Code);
        }

        [TestMethod]
        public void MalformedPreconditionOptionsAreBadOptions()
        {
            // If-None-Match takes no value; If-Match at most 8 bytes (§5.10, Table 4): critical, so 4.02.
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            Assert.AreEqual((int)CoapCode.BadOption, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfNoneMatch, new byte[] { 1 }).Path("doc").ToArray()).Code);
            Assert.AreEqual((int)CoapCode.BadOption, (int)h.Ask(Request(h, CoapCode.Put).Option(CoapOption.IfMatch, new byte[9]).Path("doc").ToArray()).Code);
            Assert.AreEqual((int)CoapCode.BadOption, (int)h.Ask(Request(h, CoapCode.Put).Empty(CoapOption.IfNoneMatch).Empty(CoapOption.IfNoneMatch).Path("doc").ToArray()).Code);
            Assert.AreEqual(0, doc.Puts);
        }

        [TestMethod]
        public void AnETagLongerThanEightBytesIsAFault()
        {
            VersionedResource doc = new VersionedResource();
            doc.TagLength = 9;
            BlockHarness h = Harness(doc);
            CoapMessage answer = h.Ask(Request(h, CoapCode.Get).Path("doc").ToArray());
            Assert.AreEqual((int)CoapCode.InternalServerError, (int)answer.Code);
            Assert.AreEqual(1, h.Server.Counters.HandlerFaults);
        }

        [TestMethod]
        public void TheETagChangesWithTheRepresentation()
        {
            VersionedResource doc = new VersionedResource();
            BlockHarness h = Harness(doc);
            h.Ask(Request(h, CoapCode.Put).Path("doc").Payload(Text, 0, Text.Length).ToArray());
            CoapMessage answer = h.Ask(Request(h, CoapCode.Get).Option(CoapOption.ETag, Current).Path("doc").ToArray());
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual("E0 02", ETagText(answer));
            Assert.AreEqual("new", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void NotificationsCarryTheETag()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Size = 10;
            h.Big.Tagged = true;
            h.Ask(RequestBuilder.Get(h.NextMessageId()).UInt(CoapOption.Observe, 0).Path("big").ToArray());
            h.Big.Revise();
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual("41", ETagText(notification));
        }
    }
}
