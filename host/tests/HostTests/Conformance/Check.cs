using System.Collections.Generic;
using System.Linq;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>The checks the test descriptions repeat: "Server sends response containing ...".</summary>
    public static class Check
    {
        /// <summary>The one datagram sent to <paramref name="to"/> among <paramref name="sent"/>.</summary>
        public static Received One(List<Received> sent, CoapEndpoint to)
        {
            List<Received> mine = sent.Where(d => d.To.SameAs(to)).ToList();
            Assert.HasCount(1, mine, "datagrams to the client: " + string.Join(" | ", sent));
            return mine[0];
        }

        /// <summary>Nothing at all was sent to <paramref name="to"/>.</summary>
        public static void Nothing(List<Received> sent, CoapEndpoint to)
        {
            Assert.IsFalse(sent.Any(d => d.To.SameAs(to)), "unexpected: " + string.Join(" | ", sent.Where(d => d.To.SameAs(to))));
        }

        /// <summary>A piggybacked response (RFC 7252 §5.2.1): ACK, Message ID = CMID, Token = CTOK, the code.</summary>
        public static void Piggybacked(Received response, Req request, byte code)
        {
            Assert.AreEqual(CoapMessageType.Acknowledgement, response.Type, response.ToString());
            Assert.AreEqual(request.MessageId, response.MessageId, "Message ID = CMID");
            CollectionAssert.AreEqual(request.TokenBytes, response.Token, "Token = CTOK");
            Assert.AreEqual(CodeText(code), response.CodeText, response.ToString());
        }

        /// <summary>A response to a NON request (RFC 7252 §5.2.3): NON, a server-generated Message ID, Token = CTOK, the code.</summary>
        public static void NonConfirmable(Received response, Req request, byte code)
        {
            Assert.AreEqual(CoapMessageType.NonConfirmable, response.Type, response.ToString());
            Assert.AreNotEqual(request.MessageId, response.MessageId, "a server-generated Message ID (SMID)");
            CollectionAssert.AreEqual(request.TokenBytes, response.Token, "Token = CTOK");
            Assert.AreEqual(CodeText(code), response.CodeText, response.ToString());
        }

        /// <summary>An empty ACK (RFC 7252 §4.2): four bytes, code 0.00, the Message ID, no token, options or payload.</summary>
        public static void EmptyAck(Received message, ushort messageId)
        {
            Assert.AreEqual(CoapMessageType.Acknowledgement, message.Type, message.ToString());
            Assert.AreEqual(CoapCode.Empty, message.Code);
            Assert.AreEqual(messageId, message.MessageId);
            Assert.HasCount(4, message.Bytes, "an empty message is its header only");
        }

        /// <summary>A Content-Format option, with <paramref name="format"/> when given.</summary>
        public static void ContentFormat(Received response, int format = -1)
        {
            Assert.IsTrue(response.Has(CoapOption.ContentFormat), "Content-Format option: " + response);
            if (format >= 0)
            {
                Assert.AreEqual(format, response.UInt(CoapOption.ContentFormat));
            }
        }

        /// <summary>"Content-format option if payload non-empty".</summary>
        public static void ContentFormatIfPayload(Received response)
        {
            if (response.Payload.Length > 0)
            {
                ContentFormat(response);
            }
        }

        public static void NonEmptyPayload(Received response) => Assert.IsNotEmpty(response.Payload, "non-empty payload: " + response);

        public static void EmptyPayload(Received response) => Assert.IsEmpty(response.Payload, "empty payload: " + response);

        /// <summary>
        /// <paramref name="later"/> is newer than <paramref name="earlier"/> in the 24-bit Observe sequence
        /// (RFC 7641 §3.4: within 2^23 ahead, modulo 2^24).
        /// </summary>
        public static void ObserveIncreases(long earlier, long later)
        {
            Assert.IsGreaterThanOrEqualTo(0L, earlier);
            Assert.IsGreaterThanOrEqualTo(0L, later);
            bool newer = (earlier < later && later - earlier < (1 << 23)) || (earlier > later && earlier - later > (1 << 23));
            Assert.IsTrue(newer, $"Observe {later} is not newer than {earlier}");
        }

        public static string CodeText(byte code) => $"{code >> 5}.{code & 0x1F:D2}";
    }
}
