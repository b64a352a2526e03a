using System.Linq;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Conformance.Resources;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// The base CoAP test descriptions of the ETSI plugtests (TD_COAP_CORE, CoAP#4 "base.yml"), server
    /// side: each follows its stimulus and checks every field the description names. CORE_15 and 16
    /// need a lossy gateway between the two ends and are not server behaviour of their own.
    /// </summary>
    [TestClass]
    public class CoreTests : PlugtestTestBase
    {
        [TestMethod]
        public void TD_COAP_CORE_01_GetConfirmable()
        {
            Req get = Req.Con(CoapCode.Get, "test").Mid(0x0101).Token(0xC0, 0x01);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Check.NonEmptyPayload(r);
        }

        [TestMethod]
        public void TD_COAP_CORE_02_DeleteConfirmable()
        {
            Req delete = Req.Con(CoapCode.Delete, "test").Mid(0x0102).Token(0xC0, 0x02);
            Received r = Check.One(Server.Send(delete, Client), Client);
            Check.Piggybacked(r, delete, CoapCode.Deleted);
            Check.ContentFormatIfPayload(r);
            Assert.AreEqual(1, Server.Test.Writes);
        }

        [TestMethod]
        public void TD_COAP_CORE_03_PutConfirmable()
        {
            Req put = Req.Con(CoapCode.Put, "test").Mid(0x0103).Token(0xC0, 0x03).ContentFormat(CoapContentFormat.TextPlain).Payload("core 03");
            Received r = Check.One(Server.Send(put, Client), Client);
            Check.Piggybacked(r, put, CoapCode.Changed);
            Check.ContentFormatIfPayload(r);
            Assert.AreEqual("core 03", Server.Send(Req.Con(CoapCode.Get, "test").Mid(0x0203), Client).Single().Text);
        }

        [TestMethod]
        public void TD_COAP_CORE_04_PostConfirmable()
        {
            Req post = Req.Con(CoapCode.Post, "test").Mid(0x0104).Token(0xC0, 0x04).ContentFormat(CoapContentFormat.TextPlain).Payload("core 04");
            Received r = Check.One(Server.Send(post, Client), Client);
            Check.Piggybacked(r, post, CoapCode.Created);
            Check.ContentFormatIfPayload(r);
            Assert.IsTrue(r.Options.All(o => o.Number == CoapOption.LocationPath), "only Location-Path options: " + r);
        }

        [TestMethod]
        public void TD_COAP_CORE_05_GetNonConfirmable()
        {
            Req get = Req.Non(CoapCode.Get, "test").Mid(0x0105).Token(0xC0, 0x05);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.NonConfirmable(r, get, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Check.NonEmptyPayload(r);
        }

        [TestMethod]
        public void TD_COAP_CORE_06_DeleteNonConfirmable()
        {
            Req delete = Req.Non(CoapCode.Delete, "test").Mid(0x0106).Token(0xC0, 0x06);
            Received r = Check.One(Server.Send(delete, Client), Client);
            Check.NonConfirmable(r, delete, CoapCode.Deleted);
            Check.ContentFormatIfPayload(r);
        }

        [TestMethod]
        public void TD_COAP_CORE_07_PutNonConfirmable()
        {
            Req put = Req.Non(CoapCode.Put, "test").Mid(0x0107).Token(0xC0, 0x07).ContentFormat(CoapContentFormat.TextPlain).Payload("core 07");
            Received r = Check.One(Server.Send(put, Client), Client);
            Check.NonConfirmable(r, put, CoapCode.Changed);
            Check.ContentFormatIfPayload(r);
        }

        [TestMethod]
        public void TD_COAP_CORE_08_PostNonConfirmable()
        {
            Req post = Req.Non(CoapCode.Post, "test").Mid(0x0108).Token(0xC0, 0x08).ContentFormat(CoapContentFormat.TextPlain).Payload("core 08");
            Received r = Check.One(Server.Send(post, Client), Client);
            Check.NonConfirmable(r, post, CoapCode.Created);
            Check.ContentFormatIfPayload(r);
            Assert.IsTrue(r.Options.All(o => o.Number == CoapOption.LocationPath), "only Location-Path options: " + r);
        }

        [TestMethod]
        public void TD_COAP_CORE_09_SeparateResponseConfirmable()
        {
            Separate(Req.Con(CoapCode.Get, "separate").Mid(0x0109).Token(0xC0, 0x09));
        }

        [TestMethod]
        public void TD_COAP_CORE_10_GetWithANonEmptyToken()
        {
            Req get = Req.Con(CoapCode.Get, "test").Mid(0x010A).Token(1, 2, 3, 4, 5, 6, 7, 8);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Assert.HasCount(8, r.Token);
            Check.ContentFormat(r);
            Check.NonEmptyPayload(r);
        }

        [TestMethod]
        public void TD_COAP_CORE_11_SeparateResponseWithANonEmptyToken()
        {
            Separate(Req.Con(CoapCode.Get, "separate").Mid(0x010B).Token(0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7));
        }

        [TestMethod]
        public void TD_COAP_CORE_12_GetWithAnEmptyToken()
        {
            Req get = Req.Con(CoapCode.Get, "test").Mid(0x010C).Token();
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Assert.IsEmpty(r.Token);
            Check.ContentFormat(r);
            Check.NonEmptyPayload(r);
        }

        [TestMethod]
        public void TD_COAP_CORE_13_GetWithSeveralUriPathOptions()
        {
            Req get = Req.Con(CoapCode.Get, "seg1/seg2/seg3").Mid(0x010D).Token(0xC0, 0x0D);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Check.ContentFormat(r);
            Assert.AreEqual("seg1/seg2/seg3", r.Text);
        }

        [TestMethod]
        public void TD_COAP_CORE_14_GetWithSeveralUriQueryOptions()
        {
            Req get = Req.Con(CoapCode.Get, "query").Mid(0x010E).Token(0xC0, 0x0E).Query("first=1").Query("second=2").Query("third=3");
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Check.ContentFormat(r);
            Assert.AreEqual("query: first=1&second=2&third=3", r.Text);
        }

        [TestMethod]
        public void TD_COAP_CORE_17_SeparateResponseNonConfirmable()
        {
            Req get = Req.Non(CoapCode.Get, "separate").Mid(0x0111).Token(0xC0, 0x11);

            // No ACK (nothing at all) now: a NON is never acknowledged (RFC 7252 §4.3).
            Check.Nothing(Server.Send(get, Client), Client);

            // A couple of seconds later: the response, a NON with a Message ID of the server's.
            Received r = Server.WaitFor(Client, 5_000);
            Assert.IsNotNull(r, "no separate response");
            Check.NonConfirmable(r, get, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Check.NonEmptyPayload(r);
            Check.Nothing(Server.Advance(60_000), Client);
        }

        [TestMethod]
        public void TD_COAP_CORE_18_PostAnswersWithSeveralLocationPathOptions()
        {
            Req post = Req.Con(CoapCode.Post, "test").Mid(0x0112).Token(0xC0, 0x12).ContentFormat(CoapContentFormat.TextPlain).Payload("core 18");
            Received r = Check.One(Server.Send(post, Client), Client);
            Check.Piggybacked(r, post, CoapCode.Created);
            CollectionAssert.AreEqual(new[] { "location1", "location2", "location3" }, r.Strings(CoapOption.LocationPath).ToArray());
            Assert.IsFalse(r.Strings(CoapOption.LocationPath).Any(s => s.Contains('/')));
        }

        [TestMethod]
        public void TD_COAP_CORE_19_PostAnswersWithSeveralLocationQueryOptions()
        {
            Req post = Req.Con(CoapCode.Post, "location-query").Mid(0x0113).Token(0xC0, 0x13).ContentFormat(CoapContentFormat.TextPlain).Payload("core 19");
            Received r = Check.One(Server.Send(post, Client), Client);
            Check.Piggybacked(r, post, CoapCode.Created);
            Check.ContentFormatIfPayload(r);
            CollectionAssert.AreEqual(new[] { "first=1", "second=2" }, r.Strings(CoapOption.LocationQuery).ToArray());
            Assert.IsFalse(r.Strings(CoapOption.LocationQuery).Any(s => s.Contains('?') || s.Contains('&')));
        }

        [TestMethod]
        public void TD_COAP_CORE_20_GetWithAccept()
        {
            Req text = Req.Con(CoapCode.Get, "multi-format").Mid(0x0114).Token(0xC0, 0x14).Accept(CoapContentFormat.TextPlain);
            Received r = Check.One(Server.Send(text, Client), Client);
            Check.Piggybacked(r, text, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            CollectionAssert.AreEqual(MultiFormatResource.Text, r.Payload);

            Req xml = Req.Con(CoapCode.Get, "multi-format").Mid(0x0115).Token(0xC0, 0x15).Accept(CoapContentFormat.Xml);
            r = Check.One(Server.Send(xml, Client), Client);
            Check.Piggybacked(r, xml, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.Xml);
            CollectionAssert.AreEqual(MultiFormatResource.Xml, r.Payload);

            // Beyond the description: JSON and CBOR, and a format the resource does not have (4.06, RFC 7252 §5.10.4).
            Assert.AreEqual(CoapContentFormat.Json, Server.Send(Req.Con(CoapCode.Get, "multi-format").Mid(0x0116).Accept(CoapContentFormat.Json), Client).Single().UInt(CoapOption.ContentFormat));
            Assert.AreEqual(CoapContentFormat.Cbor, Server.Send(Req.Con(CoapCode.Get, "multi-format").Mid(0x0117).Accept(CoapContentFormat.Cbor), Client).Single().UInt(CoapOption.ContentFormat));
            Received refused = Server.Send(Req.Con(CoapCode.Get, "multi-format").Mid(0x0118).Accept(CoapContentFormat.SenmlJson), Client).Single();
            Assert.AreEqual("4.06", refused.CodeText);
        }

        [TestMethod]
        public void TD_COAP_CORE_21_GetWithETag()
        {
            // The client's cache is empty: no ETag.
            Req first = Req.Con(CoapCode.Get, "validate").Mid(0x0121).Token(0xC0, 0x21);
            Received r = Check.One(Server.Send(first, Client), Client);
            Check.Piggybacked(r, first, CoapCode.Content);
            Assert.IsTrue(r.Has(CoapOption.ETag));
            Check.NonEmptyPayload(r);
            byte[] etag1 = r.Value(CoapOption.ETag);
            string payload1 = r.Text;

            // The cache entry is still valid: 2.03 with ETAG1 and no payload.
            Req check = Req.Con(CoapCode.Get, "validate").Mid(0x0122).Token(0xC0, 0x22).Option(CoapOption.ETag, etag1);
            r = Check.One(Server.Send(check, Client), Client);
            Check.Piggybacked(r, check, CoapCode.Valid);
            CollectionAssert.AreEqual(etag1, r.Value(CoapOption.ETag));
            Check.EmptyPayload(r);

            // Another client updates the resource; the entry is no longer valid: 2.05, a new ETag and payload.
            Assert.AreEqual("2.04", Server.Send(Req.Con(CoapCode.Put, "validate").Mid(0x0123).ContentFormat(0).Payload("validate: version 2"), PlugtestServer.Client(2)).Single().CodeText);
            Req again = Req.Con(CoapCode.Get, "validate").Mid(0x0124).Token(0xC0, 0x24).Option(CoapOption.ETag, etag1);
            r = Check.One(Server.Send(again, Client), Client);
            Check.Piggybacked(r, again, CoapCode.Content);
            CollectionAssert.AreNotEqual(etag1, r.Value(CoapOption.ETag));
            Assert.AreNotEqual(payload1, r.Text);
        }

        [TestMethod]
        public void TD_COAP_CORE_22_PutWithIfMatch()
        {
            Req get = Req.Con(CoapCode.Get, "validate").Mid(0x0131).Token(0xC0, 0x31);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Check.NonEmptyPayload(r);
            byte[] etag1 = r.Value(CoapOption.ETag);

            // A single update, conditional on ETAG1: 2.04.
            Req put = Req.Con(CoapCode.Put, "validate").Mid(0x0132).Token(0xC0, 0x32).ContentFormat(0).Option(CoapOption.IfMatch, etag1).Payload("updated once");
            r = Check.One(Server.Send(put, Client), Client);
            Check.Piggybacked(r, put, CoapCode.Changed);
            Check.ContentFormatIfPayload(r);

            // The new state: the payload sent, a new ETAG2.
            Req get2 = Req.Con(CoapCode.Get, "validate").Mid(0x0133).Token(0xC0, 0x33);
            r = Check.One(Server.Send(get2, Client), Client);
            Check.Piggybacked(r, get2, CoapCode.Content);
            Assert.AreEqual("updated once", r.Text);
            byte[] etag2 = r.Value(CoapOption.ETag);
            CollectionAssert.AreNotEqual(etag1, etag2);

            // Someone else updates it; the update conditional on ETAG2 then fails with 4.12 and changes nothing.
            Assert.AreEqual("2.04", Server.Send(Req.Con(CoapCode.Put, "validate").Mid(0x0134).ContentFormat(0).Payload("updated by another"), PlugtestServer.Client(2)).Single().CodeText);
            Req late = Req.Con(CoapCode.Put, "validate").Mid(0x0135).Token(0xC0, 0x35).ContentFormat(0).Option(CoapOption.IfMatch, etag2).Payload("too late");
            r = Check.One(Server.Send(late, Client), Client);
            Check.Piggybacked(r, late, CoapCode.PreconditionFailed);
            Assert.AreEqual("updated by another", Server.Send(Req.Con(CoapCode.Get, "validate").Mid(0x0136), Client).Single().Text);
        }

        [TestMethod]
        public void TD_COAP_CORE_23_PutWithIfNoneMatch()
        {
            Req create = Req.Con(CoapCode.Put, "create1").Mid(0x0141).Token(0xC0, 0x41).ContentFormat(0).Option(CoapOption.IfNoneMatch, System.Array.Empty<byte>()).Payload("created");
            Received r = Check.One(Server.Send(create, Client), Client);
            Check.Piggybacked(r, create, CoapCode.Created);
            Check.ContentFormatIfPayload(r);
            Assert.IsTrue(Server.Create.Exists);

            Req again = Req.Con(CoapCode.Put, "create1").Mid(0x0142).Token(0xC0, 0x42).ContentFormat(0).Option(CoapOption.IfNoneMatch, System.Array.Empty<byte>()).Payload("created again");
            r = Check.One(Server.Send(again, Client), Client);
            Check.Piggybacked(r, again, CoapCode.PreconditionFailed);
            Assert.AreEqual("created", Server.Send(Req.Con(CoapCode.Get, "create1").Mid(0x0143), Client).Single().Text);
        }

        [TestMethod]
        public void TD_COAP_CORE_31_Ping()
        {
            byte[] ping = { 0x40, 0x00, 0x01, 0x1F };
            Received r = Check.One(Server.Send(ping, Client), Client);
            Assert.AreEqual(CoapMessageType.Reset, r.Type);
            Assert.AreEqual(CoapCode.Empty, r.Code);
            Assert.AreEqual((ushort)0x011F, r.MessageId);
            Assert.IsEmpty(r.Token);
            Check.EmptyPayload(r);
            Assert.HasCount(4, r.Bytes);
        }

        // TD_COAP_CORE_09 and 11: an empty ACK now, the response as a CON a couple of seconds later,
        // acknowledged by the client, and then nothing more.
        private void Separate(Req get)
        {
            Received ack = Check.One(Server.Send(get, Client), Client);
            Check.EmptyAck(ack, get.MessageId);

            Received r = Server.WaitFor(Client, 5_000);
            Assert.IsNotNull(r, "no separate response");
            Assert.AreEqual(CoapMessageType.Confirmable, r.Type);
            Assert.AreEqual("2.05", r.CodeText);
            Assert.AreNotEqual(get.MessageId, r.MessageId, "a server-generated Message ID (SMID)");
            CollectionAssert.AreEqual(get.TokenBytes, r.Token, "Token = CTOK");
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Check.NonEmptyPayload(r);
            Assert.IsLessThanOrEqualTo(AmplificationMeter.Limit, AmplificationMeter.Ratio(get.ToBytes().Length, r.Bytes.Length), "separate response against its request");

            // The client acknowledges SMID: no retransmission follows.
            Check.Nothing(Server.Send(new byte[] { 0x60, 0x00, (byte)(r.MessageId >> 8), (byte)r.MessageId }, Client), Client);
            Check.Nothing(Server.Advance(60_000), Client);
        }
    }
}
