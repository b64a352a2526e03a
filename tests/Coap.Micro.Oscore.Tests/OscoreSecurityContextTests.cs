using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>
    /// The security context's derivation (RFC 8613 §3.2) and nonce (§5.2) against RFC 8613 Appendix C. All its
    /// vectors share the Master Secret 0x0102..10; an ID Context written "-" is absent.
    /// </summary>
    [TestClass]
    public class OscoreSecurityContextTests
    {
        private const string MasterSecret = "0102030405060708090a0b0c0d0e0f10";

        private static OscoreSecurityContext Context(string salt, string idContext, string senderId, string recipientId)
        {
            return new OscoreSecurityContext(Hex.Parse(MasterSecret), salt.Length == 0 ? null : Hex.Parse(salt),
                Hex.Parse(senderId), Hex.Parse(recipientId), idContext == "-" ? null : Hex.Parse(idContext));
        }

        private static string Of(string hex)
        {
            byte[] bytes = Hex.Parse(hex);
            return Hex.Format(bytes, 0, bytes.Length);
        }

        private static string Nonce(OscoreSecurityContext context, byte[] id, long partialIv)
        {
            byte[] nonce = new byte[OscoreSecurityContext.NonceSize + 1];
            context.ComputeNonce(id, 0, id.Length, partialIv, nonce, 1);
            return Hex.Format(nonce, 1, OscoreSecurityContext.NonceSize);
        }

        [TestMethod]
        [DataRow("C.1.1", "9e7ca92223786340", "-", "", "01", "f0910ed7295e6ad4b54fc793154302ff", "ffb14e093c94c9cac9471648b4f98710", "4622d4dd6d944168eefb54987c")]
        [DataRow("C.1.2", "9e7ca92223786340", "-", "01", "", "ffb14e093c94c9cac9471648b4f98710", "f0910ed7295e6ad4b54fc793154302ff", "4622d4dd6d944168eefb54987c")]
        [DataRow("C.2.1", "", "-", "00", "01", "321b26943253c7ffb6003b0b64d74041", "e57b5635815177cd679ab4bcec9d7dda", "be35ae297d2dace910c52e99f9")]
        [DataRow("C.2.2", "", "-", "01", "00", "e57b5635815177cd679ab4bcec9d7dda", "321b26943253c7ffb6003b0b64d74041", "be35ae297d2dace910c52e99f9")]
        [DataRow("C.3.1", "9e7ca92223786340", "37cbf3210017a2d3", "", "01", "af2a1300a5e95788b356336eeecd2b92", "e39a0c7c77b43f03b4b39ab9a268699f", "2ca58fb85ff1b81c0b7181b85e")]
        [DataRow("C.3.2", "9e7ca92223786340", "37cbf3210017a2d3", "01", "", "e39a0c7c77b43f03b4b39ab9a268699f", "af2a1300a5e95788b356336eeecd2b92", "2ca58fb85ff1b81c0b7181b85e")]
        public void DerivesTheKeysAndCommonIvOfRfc8613AppendixC(string vector, string salt, string idContext, string senderId, string recipientId,
            string senderKey, string recipientKey, string commonIv)
        {
            OscoreSecurityContext context = Context(salt, idContext, senderId, recipientId);
            Assert.AreEqual(Of(senderKey), Hex.Format(context.SenderKey, 0, 16), vector);
            Assert.AreEqual(Of(recipientKey), Hex.Format(context.RecipientKey, 0, 16), vector);
            Assert.AreEqual(Of(commonIv), Hex.Format(context.CommonIv, 0, 13), vector);
        }

        [TestMethod]
        [DataRow("C.1.1", "9e7ca92223786340", "-", "", "01", "4622d4dd6d944168eefb54987c", "4722d4dd6d944169eefb54987c")]
        [DataRow("C.1.2", "9e7ca92223786340", "-", "01", "", "4722d4dd6d944169eefb54987c", "4622d4dd6d944168eefb54987c")]
        [DataRow("C.2.1", "", "-", "00", "01", "bf35ae297d2dace910c52e99f9", "bf35ae297d2dace810c52e99f9")]
        [DataRow("C.2.2", "", "-", "01", "00", "bf35ae297d2dace810c52e99f9", "bf35ae297d2dace910c52e99f9")]
        [DataRow("C.3.1", "9e7ca92223786340", "37cbf3210017a2d3", "", "01", "2ca58fb85ff1b81c0b7181b85e", "2da58fb85ff1b81d0b7181b85e")]
        [DataRow("C.3.2", "9e7ca92223786340", "37cbf3210017a2d3", "01", "", "2da58fb85ff1b81d0b7181b85e", "2ca58fb85ff1b81c0b7181b85e")]
        public void ComputesTheNoncesForPartialIvZeroOfRfc8613AppendixC(string vector, string salt, string idContext, string senderId, string recipientId,
            string senderNonce, string recipientNonce)
        {
            OscoreSecurityContext context = Context(salt, idContext, senderId, recipientId);
            Assert.AreEqual(Of(senderNonce), Nonce(context, context.SenderId, 0), vector);
            Assert.AreEqual(Of(recipientNonce), Nonce(context, context.RecipientId, 0), vector);
        }

        [TestMethod]
        public void ComputesTheNoncesOfTheRequestsAndResponseOfRfc8613AppendixC4ToC8()
        {
            Assert.AreEqual(Of("4622d4dd6d944168eefb549868"), Nonce(Context("9e7ca92223786340", "-", "", "01"), new byte[0], 20));
            Assert.AreEqual(Of("bf35ae297d2dace910c52e99ed"), Nonce(Context("", "-", "00", "01"), new byte[] { 0 }, 20));
            Assert.AreEqual(Of("2ca58fb85ff1b81c0b7181b84a"), Nonce(Context("9e7ca92223786340", "37cbf3210017a2d3", "", "01"), new byte[0], 20));
            Assert.AreEqual(Of("4722d4dd6d944169eefb54987c"), Nonce(Context("9e7ca92223786340", "-", "01", ""), new byte[] { 1 }, 0));
        }

        [TestMethod]
        public void TheDerivedSenderKeyAndNonceSealTheRequestOfRfc8613AppendixC4()
        {
            OscoreSecurityContext client = Context("9e7ca92223786340", "-", "", "01");
            byte[] nonce = new byte[OscoreSecurityContext.NonceSize];
            client.ComputeNonce(client.SenderId, 0, client.SenderId.Length, 20, nonce, 0);
            byte[] aad = Hex.Parse("8368456e63727970743040488501810a40411440");
            byte[] plaintext = Hex.Parse("01b3747631");
            byte[] output = new byte[plaintext.Length + AesCcm.TagSize];
            new AesCcm(new Aes128(client.SenderKey, 0)).Seal(nonce, 0, aad, 0, aad.Length, plaintext, 0, plaintext.Length, output, 0);
            Assert.AreEqual(Of("612f1092f1776f1c1668b3825e"), Hex.Format(output, 0, output.Length));
        }

        [TestMethod]
        public void AnEmptyIdContextIsNotAnAbsentOne()
        {
            Assert.AreNotEqual(Hex.Format(Context("", "-", "00", "01").SenderKey, 0, 16), Hex.Format(Context("", "", "00", "01").SenderKey, 0, 16));
        }

        [TestMethod]
        public void TheLargestPartialIvFillsFiveBytes()
        {
            string nonce = Nonce(Context("", "-", "00", "01"), new byte[0], OscoreSecurityContext.MaxPartialIv);
            // be35ae297d2dace910c52e99f9 XOR 00 00000000000000 ffffffffff.
            Assert.AreEqual(Of("be35ae297d2dace9ef3ad16606"), nonce);
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => Nonce(Context("", "-", "00", "01"), new byte[0], OscoreSecurityContext.MaxPartialIv + 1));
        }

        [TestMethod]
        public void IdsLongerThanSevenBytesOrEqualAreRefused()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => Context("", "-", "0001020304050607", "01"));
            Assert.ThrowsException(typeof(System.ArgumentException), () => Context("", "-", "01", "01"));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new OscoreSecurityContext(new byte[0], null, new byte[0], new byte[] { 1 }, null));
        }
    }
}
