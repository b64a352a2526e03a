using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>
    /// Message protection (RFC 8613 §8) byte for byte against RFC 8613 C.4-C.8, both ways, and the verification
    /// failures of §8.2 and §8.4. A context is written "salt, ID Context, Sender ID, Recipient ID" ("-": none).
    /// </summary>
    [TestClass]
    public class OscoreProtectorTests
    {
        private const string MasterSecret = "0102030405060708090a0b0c0d0e0f10";
        private const string Salt = "9e7ca92223786340";
        private const string IdContext = "37cbf3210017a2d3";

        // C.4: GET coap://localhost/tv1 from the client of C.1.1 with Sender Sequence Number 20.
        private const string C4Request = "44015d1f00003974396c6f63616c686f737483747631";
        private const string C4Protected = "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e";

        // C.5: the same request from the client of C.2.1 (no Master Salt, Sender ID 0x00).
        private const string C5Request = "440171c30000b932396c6f63616c686f737483747631";
        private const string C5Protected = "440271c30000b932396c6f63616c686f737463091400ff4ed339a5a379b0b8bc731fffb0";

        // C.6: the same request from the client of C.3.1 (ID Context, sent as kid context).
        private const string C6Request = "44012f8eef9bbf7a396c6f63616c686f737483747631";
        private const string C6Protected = "44022f8eef9bbf7a396c6f63616c686f73746b19140837cbf3210017a2d3ff72cd7273fd331ac45cffbe55c3";

        // C.7 and C.8: the server of C.1.2 answers C.4's request 2.05 "Hello World!", without and with Partial IV 0.
        private const string HelloResponse = "64455d1f00003974ff48656c6c6f20576f726c6421";
        private const string C7Protected = "64445d1f0000397490ffdbaad1e9a7e7b2a813d3c31524378303cdafae119106";
        private const string C8Protected = "64445d1f00003974920100ff4d4c13669384b67354b2b6175ff4b8658c666a6cf88e";

        private static OscoreProtector Protector(string salt, string idContext, string senderId, string recipientId)
        {
            return new OscoreProtector(new OscoreSecurityContext(Hex.Parse(MasterSecret), salt == "-" ? null : Hex.Parse(salt),
                Hex.Parse(senderId), Hex.Parse(recipientId), idContext == "-" ? null : Hex.Parse(idContext)), 256);
        }

        private static string Of(string hex)
        {
            byte[] bytes = Hex.Parse(hex);
            return Hex.Format(bytes, 0, bytes.Length);
        }

        private static string ProtectRequest(OscoreProtector protector, string message, long sequenceNumber)
        {
            byte[] bytes = Hex.Parse(message);
            byte[] output = new byte[300];
            int length = protector.ProtectRequest(bytes, 0, bytes.Length, sequenceNumber, output, 2);
            return Hex.Format(output, 2, length);
        }

        private static string ProtectResponse(OscoreProtector protector, string message, long requestPiv, long sequenceNumber)
        {
            byte[] bytes = Hex.Parse(message);
            byte[] output = new byte[300];
            int length = protector.ProtectResponse(bytes, 0, bytes.Length, requestPiv, sequenceNumber, output, 2);
            return Hex.Format(output, 2, length);
        }

        private static string UnprotectRequest(OscoreProtector protector, string message)
        {
            byte[] bytes = Hex.Parse("aa" + message);
            byte[] output = new byte[300];
            int length = protector.UnprotectRequest(bytes, 1, bytes.Length - 1, output, 3);
            return length < 0 ? "result " + length : Hex.Format(output, 3, length);
        }

        private static string UnprotectResponse(OscoreProtector protector, string message, long requestPiv)
        {
            byte[] bytes = Hex.Parse(message);
            byte[] output = new byte[300];
            int length = protector.UnprotectResponse(bytes, 0, bytes.Length, requestPiv, output, 0);
            return length < 0 ? "result " + length : Hex.Format(output, 0, length);
        }

        [TestMethod]
        public void ProtectsTheRequestsOfRfc8613AppendixC4C5C6()
        {
            Assert.AreEqual(Of(C4Protected), ProtectRequest(Protector(Salt, "-", "", "01"), C4Request, 20), "C.4");
            Assert.AreEqual(Of(C5Protected), ProtectRequest(Protector("-", "-", "00", "01"), C5Request, 20), "C.5");
            Assert.AreEqual(Of(C6Protected), ProtectRequest(Protector(Salt, IdContext, "", "01"), C6Request, 20), "C.6");
        }

        [TestMethod]
        public void UnprotectsTheRequestsOfRfc8613AppendixC4C5C6()
        {
            OscoreProtector server = Protector(Salt, "-", "01", "");
            Assert.AreEqual(Of(C4Request), UnprotectRequest(server, C4Protected), "C.4");
            Assert.AreEqual(20L, server.RequestPartialIv);
            Assert.AreEqual(Of(C5Request), UnprotectRequest(Protector("-", "-", "01", "00"), C5Protected), "C.5");
            Assert.AreEqual(Of(C6Request), UnprotectRequest(Protector(Salt, IdContext, "01", ""), C6Protected), "C.6");
        }

        [TestMethod]
        public void ProtectsTheResponsesOfRfc8613AppendixC7C8()
        {
            OscoreProtector server = Protector(Salt, "-", "01", "");
            Assert.AreEqual(Of(C7Protected), ProtectResponse(server, HelloResponse, 20, -1), "C.7");
            Assert.AreEqual(Of(C8Protected), ProtectResponse(server, HelloResponse, 20, 0), "C.8");
        }

        [TestMethod]
        public void UnprotectsTheResponsesOfRfc8613AppendixC7C8()
        {
            OscoreProtector client = Protector(Salt, "-", "", "01");
            Assert.AreEqual(Of(HelloResponse), UnprotectResponse(client, C7Protected, 20), "C.7");
            Assert.AreEqual(-1L, client.ResponsePartialIv);
            Assert.AreEqual(Of(HelloResponse), UnprotectResponse(client, C8Protected, 20), "C.8");
            Assert.AreEqual(0L, client.ResponsePartialIv);
        }

        [TestMethod]
        public void AnotherKidOrKidContextIsAnUnknownSecurityContext()
        {
            string notFound = "result " + OscoreProtector.ResultContextNotFound;
            Assert.AreEqual(notFound, UnprotectRequest(Protector(Salt, "-", "01", "02"), C4Protected), "kid");
            Assert.AreEqual(notFound, UnprotectRequest(Protector(Salt, "-", "01", ""), C6Protected), "kid context, none here");
            Assert.AreEqual(notFound, UnprotectRequest(Protector(Salt, "37cbf3210017a2d4", "01", ""), C6Protected), "kid context");
            Assert.AreEqual("Security context not found", new string(Chars(OscoreProtector.ContextNotFoundDiagnostic)));
        }

        [TestMethod]
        public void AChangedByteFailsDecryption()
        {
            string failed = "result " + OscoreProtector.ResultDecryptionFailed;
            Assert.AreEqual(failed, UnprotectRequest(Protector(Salt, "-", "01", ""), C4Protected.Substring(0, C4Protected.Length - 2) + "5f"), "tag");
            Assert.AreEqual(failed, UnprotectRequest(Protector(Salt, "-", "01", ""), Swap(C4Protected, "ff612f", "ff622f")), "ciphertext");
            Assert.AreEqual(failed, UnprotectRequest(Protector(Salt, "-", "01", ""), Swap(C4Protected, "0914", "0915")), "Partial IV");
            Assert.AreEqual(failed, UnprotectResponse(Protector(Salt, "-", "", "01"), C7Protected, 21), "response to another request");
            Assert.AreEqual("Decryption failed", new string(Chars(OscoreProtector.DecryptionFailedDiagnostic)));
        }

        [TestMethod]
        public void AMalformedOscoreOptionIsABadOption()
        {
            string badOption = "result " + OscoreProtector.ResultBadOption;
            OscoreProtector server = Protector(Salt, "-", "01", "");
            Assert.AreEqual(badOption, UnprotectRequest(server, Swap(C4Protected, "620914", "622914")), "reserved bit");
            Assert.AreEqual(badOption, UnprotectRequest(server, Swap(C4Protected, "620914", "620714")), "n = 7");
            Assert.AreEqual(badOption, UnprotectRequest(server, Swap(C4Protected, "620914", "620a14")), "Partial IV past the end");
            Assert.AreEqual(badOption, UnprotectRequest(server, Swap(C4Protected, "620914", "620814")), "a request without Partial IV");
            Assert.AreEqual(badOption, UnprotectRequest(server, Swap(C4Protected, "620914", "620114")), "a request without kid");
            Assert.AreEqual(badOption, UnprotectRequest(server, C4Protected.Substring(0, 42)), "no ciphertext");
            Assert.AreEqual("result " + OscoreProtector.ResultNotProtected, UnprotectRequest(server, C4Request), "no OSCORE option");
            Assert.AreEqual("result " + OscoreProtector.ResultMalformed, UnprotectRequest(server, "84" + C4Protected.Substring(2)), "version 2");
        }

        [TestMethod]
        public void AnObserveRequestAndItsNotificationGoBothWays()
        {
            // GET coap://h/temp with Observe 0 (registration) and Accept 0: CON, MID 0x1234, token 0x77.
            string request = "41 01 1234 77 31 68 30 54 74656d70 60";
            OscoreProtector client = Protector("-", "-", "00", "01");
            OscoreProtector server = Protector("-", "-", "01", "00");
            string protectedRequest = ProtectRequest(client, request, 7);
            byte[] wire = Hex.Parse(protectedRequest);
            Assert.AreEqual(0x05, (int)wire[1], "outer code FETCH (RFC 8613 4.2)");
            // Outer options: Uri-Host "h", Observe 0, OSCORE 09 07 00.
            Assert.AreEqual(Of("41 05 1234 77 31 68 30 33 090700 ff"), Hex.Format(wire, 0, 13));
            Assert.AreEqual(Of(request), UnprotectRequest(server, protectedRequest));

            // Notification: ACK 2.05, Observe 5, Content-Format 0, payload "21.5", with the server's Partial IV 3.
            string notification = "61 45 1234 77 61 05 60 ff 32312e35";
            string protectedNotification = ProtectResponse(server, notification, 7, 3);
            wire = Hex.Parse(protectedNotification);
            Assert.AreEqual(Of("61 45 1234 77 61 05 32 0103 ff"), Hex.Format(wire, 0, 11), "outer 2.05, Observe 5, Partial IV 3");
            Assert.AreEqual(Of(notification), UnprotectResponse(client, protectedNotification, 7));
            Assert.AreEqual(3L, client.ResponsePartialIv);
        }

        [TestMethod]
        public void ClassEOptionsAreEncryptedAndClassUOptionsStayOutside()
        {
            // PUT coap://h:5683/a?b with If-Match 01, ETag 02, Content-Format 0, Max-Age 60 and the payload "21".
            string request = "42 03 0001 aabb 11 01 21 68 11 02 32 1633 41 61 10 21 3c 11 62 ff 3231";
            OscoreProtector client = Protector(Salt, "-", "", "01");
            string protectedRequest = ProtectRequest(client, request, 1);
            byte[] wire = Hex.Parse(protectedRequest);

            // Outside: POST, Uri-Host, Uri-Port and OSCORE (Partial IV 1, empty kid); inside, the code, six options
            // and the payload: 15 bytes, then the 8-byte tag.
            Assert.AreEqual(Of("42 02 0001 aabb 31 68 42 1633 22 0901 ff"), Hex.Format(wire, 0, 15));
            Assert.AreEqual(15 + 15 + 8, wire.Length);
            Assert.AreEqual(Of(request), UnprotectRequest(Protector(Salt, "-", "01", ""), protectedRequest));
        }

        // The hex text with its first "from" changed to "to" (nanoFramework's string has no Replace).
        private static string Swap(string hex, string from, string to)
        {
            int at = hex.IndexOf(from);
            Assert.IsTrue(at >= 0, from);
            return hex.Substring(0, at) + to + hex.Substring(at + from.Length);
        }

        private static char[] Chars(byte[] bytes)
        {
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return chars;
        }
    }
}
