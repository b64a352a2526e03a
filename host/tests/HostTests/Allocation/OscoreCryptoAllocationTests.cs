using System;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>OSCORE's primitives allocate nothing per message once made: measured with the per-thread allocation counter.</summary>
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
    }
}
