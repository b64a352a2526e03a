using System;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>OSCORE's primitives and message protection allocate nothing per message once made: measured with the per-thread allocation counter.</summary>
    [TestClass]
    public class OscoreCryptoAllocationTests
    {
        private const int Iterations = 2_000;

        [TestMethod]
        public void SealOpenHmacHkdfAndNonceAllocateNothing()
        {
            var context = new OscoreSecurityContext(new byte[16], null, new byte[] { 0 }, new byte[] { 1 }, null);
            var ccm = new AesCcm(new Aes128(context.SenderKey, 0));
            var hmac = new HmacSha256();
            var hkdf = new HkdfSha256();
            var nonce = new byte[OscoreSecurityContext.NonceSize];
            var aad = new byte[20];
            var message = new byte[64 + AesCcm.TagSize];
            var mac = new byte[HmacSha256.MacSize];
            var okm = new byte[40];
            int opened = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    context.ComputeNonce(context.SenderId, 0, context.SenderId.Length, i, nonce, 0);
                    ccm.Seal(nonce, 0, aad, 0, aad.Length, message, 0, 64, message, 0);
                    opened += ccm.Open(nonce, 0, aad, 0, aad.Length, message, 0, message.Length, message, 0) ? 1 : 0;
                    hmac.SetKey(mac, 0, mac.Length);
                    hmac.Update(message, 0, message.Length);
                    hmac.Finish(mac, 0);
                    hkdf.Extract(null, 0, 0, mac, 0, mac.Length, mac, 0);
                    hkdf.Expand(mac, 0, mac.Length, aad, 0, aad.Length, okm, 0, okm.Length);
                }
            };

            loop();
            opened = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(Iterations, opened);
        }

        [TestMethod]
        public void ProtectAndUnprotectOfARequestAndItsResponseAllocateNothing()
        {
            byte[] secret = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            var client = new OscoreProtector(new OscoreSecurityContext(secret, null, new byte[] { 0 }, new byte[] { 1 }, null), 256);
            var server = new OscoreProtector(new OscoreSecurityContext(secret, null, new byte[] { 1 }, new byte[] { 0 }, null), 256);

            // GET coap://h/temp with Observe 0 and Accept 0; its notification 2.05, Observe 5, Content-Format 0, "21.5".
            byte[] request = { 0x41, 0x01, 0x12, 0x34, 0x77, 0x31, 0x68, 0x30, 0x54, 0x74, 0x65, 0x6d, 0x70, 0x60 };
            byte[] response = { 0x61, 0x45, 0x12, 0x34, 0x77, 0x61, 0x05, 0x60, 0xff, 0x32, 0x31, 0x2e, 0x35 };
            var wire = new byte[256];
            var plain = new byte[256];
            int ok = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    int length = client.ProtectRequest(request, 0, request.Length, i, wire, 0);
                    ok += server.UnprotectRequest(wire, 0, length, plain, 0) == request.Length ? 1 : 0;
                    length = server.ProtectResponse(response, 0, response.Length, server.RequestPartialIv, i, wire, 0);
                    ok += client.UnprotectResponse(wire, 0, length, i, plain, 0) == response.Length ? 1 : 0;
                    length = server.ProtectResponse(response, 0, response.Length, server.RequestPartialIv, -1, wire, 0);
                    ok += client.UnprotectResponse(wire, 0, length, i, plain, 0) == response.Length ? 1 : 0;
                }
            };

            loop();
            ok = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(3 * Iterations, ok);
        }
    }
}
