using System;

namespace Coap.Micro
{
    /// <summary>
    /// ASCII text as bytes, made once at start-up. On nanoFramework every evaluation of a string literal
    /// allocates, so text written per request lives in <c>static readonly byte[]</c> fields built with this.
    /// </summary>
    public static class Ascii
    {
        /// <summary>The bytes of <paramref name="text"/>; throws on characters above 0x7F.</summary>
        public static byte[] Bytes(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                char c = text[i];
                if (c > 0x7F)
                {
                    throw new ArgumentException("not ASCII", "text");
                }

                bytes[i] = (byte)c;
            }

            return bytes;
        }
    }
}
