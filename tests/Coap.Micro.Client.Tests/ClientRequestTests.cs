using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>Requests as the client writes them, and the piggybacked and NON responses that end them (RFC 7252 §5.2).</summary>
    [TestClass]
    public class ClientRequestTests
    {
        private static readonly byte[] ETag = { 0xE7, 0x01 };

        [TestMethod]
        public void AConGetHasARandomStartMessageIdAFourByteRandomTokenAndItsOptionsInOrder()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("/a/b?x=1");
            Assert.IsTrue(request.AddUIntOption(CoapOption.Accept, CoapContentFormat.Json));
            Assert.IsTrue(request.AddOption(CoapOption.ETag, ETag, 0, ETag.Length));
            h.Send(request);
            Assert.AreEqual(
                "44 01 10 00 A1 B2 C3 D4 42 E7 01 71 61 01 62 43 78 3D 31 21 32",
                ClientHarness.HexOf(h.Transport.Sent(0)));
            Assert.IsTrue(h.Transport.SentTo(0).SameAs(h.Server));
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.Pending, (int)request.Result);
            Assert.AreEqual(1, h.Client.Counters.Requests);
        }

        [TestMethod]
        public void APiggybackedResponseEndsTheRequestWithItsPayloadAndOptions()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            byte[] ack = ResponseBuilder.Ack(sent, CoapCode.Content).Option(CoapOption.ETag, ETag)
                .UInt(CoapOption.ContentFormat, 0).UInt(CoapOption.MaxAge, 30).Text("22.5").ToArray();
            Assert.AreEqual(0, h.Deliver(ack).Length);

            Assert.IsFalse(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(CoapCode.Content, request.Code);
            Assert.AreEqual(CoapContentFormat.TextPlain, request.ContentFormat);
            Assert.AreEqual(30, (int)request.MaxAge);
            Assert.IsTrue(request.PayloadEquals("22.5"));
            Assert.AreEqual(-1, request.ObserveSequence);
            byte[] etag = new byte[8];
            Assert.AreEqual(2, request.CopyETag(etag, 0));
            Assert.AreEqual(0xE7, (int)etag[0]);
            Assert.AreEqual(1, h.Handler.Responses);
            Assert.AreEqual(1, h.Handler.Ends);
            Assert.AreEqual("22.5", h.Handler.LastText);
            Assert.AreEqual((int)CoapClientResult.Response, (int)h.Handler.EndResult);
            Assert.AreEqual(1, h.Client.Counters.Responses);

            // Acknowledged: nothing more is sent, ever.
            Assert.AreEqual(0, h.After(300000).Length);
        }

        [TestMethod]
        public void AResponseWithoutMaxAgeOrContentFormatHasTheDefaults()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.NotFound).ToArray());
            Assert.AreEqual(CoapCode.NotFound, request.Code);
            Assert.AreEqual(60, (int)request.MaxAge);
            Assert.AreEqual(CoapContentFormat.None, request.ContentFormat);
            Assert.AreEqual(0, request.PayloadLength);
            Assert.AreEqual(0, request.ETagLength);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
        }

        [TestMethod]
        public void ANonRequestGetsANonResponseAndSendsNothingBack()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            request.Confirmable = false;
            CoapMessage sent = h.Send(request);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)sent.Type);
            Assert.AreEqual("54 01 10 00 A1 B2 C3 D4 B4 74 65 6D 70", ClientHarness.HexOf(h.Transport.Sent(0)));

            byte[] response = new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x5000, sent).Text("21").ToArray();
            Assert.AreEqual(0, h.Deliver(response).Length);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.IsTrue(request.PayloadEquals("21"));
        }

        [TestMethod]
        public void ANonRequestIsNeverRetransmittedAndTimesOutAfterTheResponseTimeout()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.ResponseTimeoutMilliseconds = 5000;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("temp");
            request.Confirmable = false;
            h.Send(request);
            Assert.AreEqual(0, h.After(4999).Length);
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(0, h.After(1).Length);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)request.Result);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)h.Handler.EndResult);
            Assert.AreEqual(0, h.Handler.Responses);
            Assert.AreEqual(1, h.Client.Counters.Timeouts);
        }

        [TestMethod]
        public void APutCarriesItsPayloadAndTheCallersOptionsMergedInAscendingOrder()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            request.Method = CoapCode.Put;
            byte[] payload = Ascii.Bytes("xx30.5");
            request.SetPayload(payload, 2, 4);
            Assert.IsTrue(request.AddUIntOption(CoapOption.ContentFormat, 0));
            Assert.IsTrue(request.AddOption(CoapOption.UriHost, Ascii.Bytes("h"), 0, 1));
            h.Send(request);
            Assert.AreEqual("44 03 10 00 A1 B2 C3 D4 31 68 84 74 65 6D 70 10 FF 33 30 2E 35", ClientHarness.HexOf(h.Transport.Sent(0)));
        }

        [TestMethod]
        public void FetchIsSentAsCode005()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("q");
            request.Method = CoapCode.Fetch;
            request.SetPayload(Ascii.Bytes("k"), 0, 1);
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(CoapCode.Fetch, sent.Code);
            Assert.AreEqual(1, sent.PayloadLength);
        }

        [TestMethod]
        public void TheRootPathHasNoUriPath()
        {
            ClientHarness h = new ClientHarness();
            CoapMessage sent = h.Send(h.Get("/"));
            Assert.AreEqual(0, sent.OptionCount);
        }

        [TestMethod]
        public void ASharedPathIsSentFromItsEncodedBytes()
        {
            ClientHarness h = new ClientHarness();
            CoapPath path = new CoapPath("/sensors/temp");
            CoapRequest request = h.Get("/");
            request.Path = path;
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(2, sent.CountOptions(CoapOption.UriPath));
            Assert.IsTrue(sent.OptionValueEquals(1, "temp"));
            Assert.AreSame(path, request.Path);
        }

        [TestMethod]
        public void InvalidRequestsAreRefusedWithoutSendingAnything()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest noEndpoint = new CoapRequest(16);
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)h.Client.Send(noEndpoint));

            CoapRequest notAMethod = h.Get("x");
            notAMethod.Method = CoapCode.Content;
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)h.Client.Send(notAMethod));

            CoapRequest observedPut = h.Get("x");
            observedPut.Method = CoapCode.Put;
            observedPut.Observe = true;
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)h.Client.Send(observedPut));
            Assert.IsFalse(observedPut.IsPending);
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void ARequestInProgressIsBusyAndCannotBeChanged()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("x");
            h.Send(request);
            Assert.AreEqual((int)CoapClientResult.Busy, (int)h.Client.Send(request));
            Assert.ThrowsException(typeof(InvalidOperationException), () => { request.Method = CoapCode.Post; });
            Assert.ThrowsException(typeof(InvalidOperationException), () => { request.SetPath("y"); });
            Assert.AreEqual((int)CoapClientResult.Pending, (int)request.Result);
        }

        [TestMethod]
        public void WhenEveryExchangeIsTakenARequestIsRefusedWithTableFull()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxExchanges = 2;
            ClientHarness h = new ClientHarness(options);
            Assert.AreEqual((int)CoapClientResult.Pending, (int)h.Client.Send(h.Get("a")));
            Assert.AreEqual((int)CoapClientResult.Pending, (int)h.Client.Send(h.Get("b")));
            CoapRequest third = h.Get("c");
            Assert.AreEqual((int)CoapClientResult.TableFull, (int)h.Client.Send(third));
            Assert.IsFalse(third.IsPending);
            Assert.AreEqual((int)CoapClientResult.TableFull, (int)third.Result);
        }

        [TestMethod]
        public void TheClientsOwnOptionsCannotBeAdded()
        {
            CoapRequest request = new CoapRequest();
            Assert.IsFalse(request.AddUIntOption(CoapOption.Observe, 0));
            Assert.IsFalse(request.AddOption(CoapOption.UriPath, Ascii.Bytes("a"), 0, 1));
            Assert.IsFalse(request.AddOption(CoapOption.UriQuery, Ascii.Bytes("a"), 0, 1));
            Assert.IsFalse(request.AddUIntOption(CoapOption.Block1, 0));
            Assert.IsFalse(request.AddUIntOption(CoapOption.Block2, 0));
            Assert.IsFalse(request.AddUIntOption(CoapOption.Size1, 0));
            Assert.IsTrue(request.AddUIntOption(CoapOption.Size2, 0));
        }

        [TestMethod]
        public void AResponseLargerThanTheBufferEndsTooLarge()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("x");
            request.SetResponseBuffer(new byte[10], 2, 4);
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("12345").ToArray());
            Assert.AreEqual((int)CoapClientResult.TooLarge, (int)request.Result);
            Assert.AreEqual(0, h.Handler.Responses);
        }

        [TestMethod]
        public void AResponseIsWrittenWhereTheCallersBufferSays()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("x");
            byte[] buffer = new byte[10];
            request.SetResponseBuffer(buffer, 2, 4);
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("1234").ToArray());
            Assert.AreEqual(2, request.PayloadOffset);
            Assert.AreEqual((int)'1', (int)buffer[2]);
            Assert.AreEqual((int)'4', (int)buffer[5]);
            Assert.AreEqual(0, (int)buffer[6]);
        }

        [TestMethod]
        public void AHandlerThatThrowsIsCountedAndTheClientGoesOn()
        {
            ClientHarness h = new ClientHarness();
            h.Handler.Throw = true;
            CoapRequest request = h.Get("x");
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("1").ToArray());
            Assert.AreEqual(1, h.Client.Counters.HandlerFaults);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(1, h.Handler.Ends);
        }

        [TestMethod]
        public void ABlockingCallFromAHandlerIsRefused()
        {
            ClientHarness h = new ClientHarness();
            h.Handler.TryBlocking = true;
            CoapMessage sent = h.Send(h.Get("x"));
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("1").ToArray());
            Assert.AreEqual((int)CoapClientResult.WrongThread, (int)h.Handler.BlockingFromHandler);
        }

        [TestMethod]
        public void ARequestCanBeSentAgainOnceItHasEnded()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("x");
            CoapMessage first = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(first, CoapCode.Content).Text("1").ToArray());
            CoapMessage second = h.Send(request);
            Assert.AreEqual(first.MessageId + 1, (int)second.MessageId);
            Assert.AreEqual((int)CoapClientResult.Pending, (int)request.Result);
            Assert.AreEqual(0, request.PayloadLength);
            h.Deliver(ResponseBuilder.Ack(second, CoapCode.Content).Text("2").ToArray());
            Assert.AreEqual("1|2", h.Handler.Texts);
        }
    }
}
