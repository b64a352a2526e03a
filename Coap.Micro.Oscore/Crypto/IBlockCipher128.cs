namespace Coap.Micro.Oscore
{
    /// <summary>
    /// A block cipher with 128-bit blocks, forward direction only: what CCM (RFC 3610 §2) is built on. A board may
    /// supply a native AES behind it; <see cref="Aes128"/> is the portable one.
    /// </summary>
    public interface IBlockCipher128
    {
        /// <summary>Encrypts the 16 bytes at input[inOffset] into output[outOffset]; the ranges may be the same.</summary>
        void EncryptBlock(byte[] input, int inOffset, byte[] output, int outOffset);
    }
}
